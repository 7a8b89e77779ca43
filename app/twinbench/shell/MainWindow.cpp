#include "shell/MainWindow.h"

#include "explore/ExploreDock.h"
#include "export/AnimationDialog.h"
#include "export/AnimationExport.h"
#include "export/ExportFigureDialog.h"
#include "results/RunResults.h"
#include "runs/RunsController.h"
#include "shell/AboutDialog.h"
#include "shell/actions/ExportReportAction.h"
#include "support/DatasetFiles.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/widgets/DataBrowser.h"
#include "twinbench/widgets/RecentFiles.h"
#include "twinbench/widgets/RunDetails.h"
#include "twinbench/widgets/RunsPanel.h"
#include "workspace/AnimationExports.h"
#include "workspace/FigureExports.h"
#include "workspace/LinkedViews.h"
#include "workspace/PropertiesPanel.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>

namespace twins::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("Twinbench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/twinbench.svg")));
    m_workspace = new Workspace(this);
    setCentralWidget(m_workspace->grid());
    m_runResults = new RunResults(*this, *m_workspace);
    createDocks();
    createMenus();
    // The Runs menu sits before Help, the last menu.
    auto* runsMenu = new QMenu(tr("&Runs"), this);
    menuBar()->insertMenu(menuBar()->actions().constLast(), runsMenu);
    m_runs->populateMenu(runsMenu);
    createStatusBar();
    restoreSettings();
    refreshRecentFilesMenu();
    connect(m_workspace, &Workspace::recentFilesChanged, this, &MainWindow::refreshRecentFilesMenu);
    connect(m_workspace, &Workspace::errorOccurred, this, &MainWindow::showError);
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks() {
    auto* dataDock = new QDockWidget(tr("Data"), this);
    dataDock->setObjectName(QStringLiteral("dataDock"));
    m_workspace->dataBrowser()->setParent(dataDock);
    dataDock->setWidget(m_workspace->dataBrowser());
    addDockWidget(Qt::LeftDockWidgetArea, dataDock);

    auto* runsDock = new QDockWidget(tr("Runs"), this);
    runsDock->setObjectName(QStringLiteral("runsDock"));
    m_runsPanel = new widgets::RunsPanel(runsDock);
    runsDock->setWidget(m_runsPanel);
    m_runs = new RunsController(m_runsPanel, this);
    connect(m_runs, &RunsController::errorOccurred, this, &MainWindow::showError);
    connect(m_runs, &RunsController::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(m_runsPanel, &widgets::RunsPanel::outputActivated, m_runResults,
            &RunResults::openOutput);
    connect(m_runsPanel, &widgets::RunsPanel::resultActivated, m_runResults,
            &RunResults::openResult);
    connect(m_runs, &RunsController::reportRequested, this,
            [this](const QString& runId, const QString& runDirectory) {
                ExportReportAction::choose(*this, runId, runDirectory);
            });
    // The Runs dock lists each run's declared results once the twins' metadata is read.
    connect(m_runs, &RunsController::catalogReady, this, [this] {
        QList<sdk::ModuleMetadata> modules;
        for (const sdk::ModuleEntry& entry : m_runs->catalog()->modules()) {
            modules << entry.metadata;
        }
        m_runsPanel->details()->setModules(modules);
    });
    addDockWidget(Qt::BottomDockWidgetArea, runsDock);

    auto* propertiesDock = new QDockWidget(tr("Properties"), this);
    propertiesDock->setObjectName(QStringLiteral("propertiesDock"));
    m_workspace->properties()->setParent(propertiesDock);
    propertiesDock->setWidget(m_workspace->properties());
    addDockWidget(Qt::RightDockWidgetArea, propertiesDock);
    installExploreDock(*this);
}

void MainWindow::createMenus() {
    Workspace& workspace = *m_workspace;
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu
        ->addAction(tr("&Open..."), this,
                    [this] {
                        // Formats are detected from the content: the filter only helps browsing.
                        QStringList paths;
                        for (const QString& path : QFileDialog::getOpenFileNames(
                                 this, tr("Open Data"), QString(), datasetOpenFilter())) {
                            paths << (isZarrMetadataFile(path) ? QFileInfo(path).absolutePath()
                                                               : path);
                        }
                        m_workspace->openFiles(paths);
                    })
        ->setShortcut(QKeySequence::Open);
    // A Zarr store is a directory: a file dialog cannot pick it.
    fileMenu
        ->addAction(tr("Open &Zarr Store..."), this,
                    [this] {
                        const QString directory = QFileDialog::getExistingDirectory(
                            this, tr("Open Zarr Store"), QString(), QFileDialog::ShowDirsOnly);
                        if (!directory.isEmpty()) {
                            m_workspace->openFiles({directory});
                        }
                    })
        ->setObjectName(QStringLiteral("openZarrStoreAction"));
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    fileMenu->addAction(tr("Open E&xample Dataset"), this, [this] { m_workspace->openExample(); });
    fileMenu->addSeparator();
    fileMenu
        ->addAction(tr("&Export Figure..."), this,
                    [this] {
                        ExportFigureDialog dialog(this);
                        if (dialog.exec() == QDialog::Accepted) {
                            m_workspace->figures().exportFigureTo(dialog.path(), dialog.size());
                        }
                    })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    fileMenu
        ->addAction(tr("Export &Layout..."), this,
                    [this] {
                        ExportFigureDialog dialog(this);
                        dialog.setWindowTitle(tr("Export Layout"));
                        if (dialog.exec() == QDialog::Accepted) {
                            m_workspace->figures().exportLayoutTo(dialog.path(), dialog.size());
                        }
                    })
        ->setObjectName(QStringLiteral("exportLayoutAction"));
    fileMenu
        ->addAction(tr("Export &Animation..."), this,
                    [this] {
                        AnimationRequest request;
                        QString why;
                        AnimationExports& animations = m_workspace->animations();
                        if (!animations.requestForActiveView(request, &why)) {
                            showError(tr("Cannot export an animation"), why, QString());
                            return;
                        }
                        AnimationDialog dialog(m_workspace->grid()->activeCell()->shown->dimensions,
                                               this);
                        if (dialog.exec() == QDialog::Accepted) {
                            dialog.fill(request);
                            animations.exportTo(request);
                        }
                    })
        ->setObjectName(QStringLiteral("exportAnimationAction"));
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        viewMenu->addAction(dock->toggleViewAction());
    }
    viewMenu->addSeparator();
    viewMenu->addAction(tr("&Single View"), this, [&workspace] { workspace.setViewCount(1); });
    viewMenu->addAction(tr("&Two Views Side by Side"), this,
                        [&workspace] { workspace.setViewCount(2); });
    viewMenu->addAction(tr("&Four Views"), this, [&workspace] { workspace.setViewCount(4); });
    QAction* link = viewMenu->addAction(tr("&Link Views"));
    link->setObjectName(QStringLiteral("linkViewsAction"));
    link->setCheckable(true);
    link->setToolTip(
        tr("Move time and camera of every view together (views showing the same dimension)"));
    connect(link, &QAction::toggled, &workspace.links(), &LinkedViews::setLinked);
    connect(&workspace.links(), &LinkedViews::linkedChanged, link, [link](bool linked) {
        const QSignalBlocker blocker(link);
        link->setChecked(linked);
    });
    viewMenu->addSeparator();
    viewMenu
        ->addAction(tr("&Reset Camera"), this,
                    [&workspace] { workspace.activeView()->resetCamera(); })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Twinbench"), this, [this] { showAboutDialog(this); });
}

void MainWindow::createStatusBar() {
    m_cursorLabel = new QLabel(this);
    m_cursorLabel->setMinimumWidth(320);
    m_busyBar = new QProgressBar(this);
    m_busyBar->setRange(0, 0); // busy: reading from files has no known length yet
    m_busyBar->setMaximumWidth(160);
    m_busyBar->setVisible(false);
    statusBar()->addPermanentWidget(m_cursorLabel);
    statusBar()->addPermanentWidget(m_busyBar);
    statusBar()->showMessage(tr("Ready"));
    connect(m_workspace, &Workspace::cursorTextChanged, m_cursorLabel, &QLabel::setText);
    connect(m_workspace, &Workspace::busyChanged, m_busyBar, &QProgressBar::setVisible);
    connect(m_workspace, &Workspace::statusMessage, statusBar(), &QStatusBar::showMessage);
}

void MainWindow::restoreSettings() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray())) {
        resize(1400, 850);
    }
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    const QString colorMap = settings.value(QStringLiteral("view/colorMap")).toString();
    if (viz::ColorMap::names().contains(colorMap)) {
        m_workspace->colorMapBox()->setCurrentText(colorMap);
    }
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("view/colorMap"), m_workspace->colorMapBox()->currentText());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    event->accept();
}

void MainWindow::refreshRecentFilesMenu() {
    m_recentMenu->clear();
    const QStringList recent = widgets::RecentFiles::load();
    for (const QString& path : recent) {
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path]() { m_workspace->openFiles({path}); })
            ->setToolTip(path);
    }
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Menu"), this, [this]() {
            widgets::RecentFiles::clear();
            refreshRecentFilesMenu();
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showError(const QString& title, const QString& text, const QString& details) {
    statusBar()->showMessage(text + QStringLiteral(": ") + details);
    if (m_errorDialog) {
        m_errorDialog->close();
    }
    // open() instead of exec(): window-modal without a nested event loop, so background work
    // keeps finishing and the window stays responsive underneath.
    m_errorDialog = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    m_errorDialog->setInformativeText(details);
    m_errorDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_errorDialog->open();
    emit errorShown(title, text + QStringLiteral("\n") + details);
}

} // namespace twins::app
