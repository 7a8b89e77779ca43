#include "MainWindow.h"

#include "AboutDialog.h"
#include "ExampleData.h"
#include "ExportFigureDialog.h"
#include "FileLoading.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/widgets/DataBrowser.h"
#include "twinbench/widgets/RecentFiles.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QImageWriter>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace twins::app {

namespace {
constexpr int maximumViews = 4;

// Runs work on the thread pool and delivers its result to a receiver on the GUI thread.
template <typename Result, typename Work, typename Done>
void runInBackground(QObject* receiver, Work work, Done done) {
    auto* watcher = new QFutureWatcher<Result>(receiver);
    QObject::connect(watcher, &QFutureWatcher<Result>::finished, receiver, [watcher, done]() {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("Twinbench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/twinbench.svg")));
    createViews();
    createDocks();
    createMenus();
    createStatusBar();
    restoreSettings();
    refreshRecentFilesMenu();
}

MainWindow::~MainWindow() = default;

void MainWindow::createViews() {
    auto* central = new QWidget(this);
    m_viewGrid = new QGridLayout(central);
    m_viewGrid->setContentsMargins(2, 2, 2, 2);
    m_viewGrid->setSpacing(4);
    setCentralWidget(central);
    setViewCount(1);
}

void MainWindow::setViewCount(int count) {
    count = std::clamp(count, 1, maximumViews);
    while (m_views.size() < count) {
        auto* view = new viz::FieldView(centralWidget());
        view->setObjectName(QStringLiteral("fieldView%1").arg(m_views.size() + 1));
        view->setColorMap(m_colorMapBox ? m_colorMapBox->currentText() : QStringLiteral("viridis"));
        connect(view, &viz::FieldView::cursorTextChanged, this, [this](const QString& text) {
            if (m_cursorLabel != nullptr) {
                m_cursorLabel->setText(text);
            }
        });
        connect(view, &viz::FieldView::frameRendered, this, [this, view]() {
            if (m_awaitingFieldFrame && view->field() != nullptr) {
                m_awaitingFieldFrame = false;
                emit fieldFrameRendered();
            }
        });
        m_views.append(view);
    }
    while (m_views.size() > count) {
        viz::FieldView* view = m_views.takeLast();
        m_latestRequestOfView.erase(view);
        delete view;
    }
    // 1: one view; 2: side by side; 3-4: a 2x2 grid.
    for (int i = 0; i < m_views.size(); ++i) {
        const int columns = m_views.size() == 1 ? 1 : 2;
        m_viewGrid->addWidget(m_views[i], i / columns, i % columns);
    }
    if (!m_activeView || !m_views.contains(m_activeView.data())) {
        setActiveView(m_views.first());
    }
}

void MainWindow::setActiveView(viz::FieldView* view) {
    m_activeView = view;
    updatePropertiesPanel();
}

viz::FieldView* MainWindow::activeView() const {
    return m_activeView ? m_activeView.data() : m_views.first();
}

QList<viz::FieldView*> MainWindow::views() const {
    return m_views;
}

void MainWindow::createDocks() {
    auto* dataDock = new QDockWidget(tr("Data"), this);
    dataDock->setObjectName(QStringLiteral("dataDock"));
    m_dataBrowser = new widgets::DataBrowser(dataDock);
    dataDock->setWidget(m_dataBrowser);
    addDockWidget(Qt::LeftDockWidgetArea, dataDock);
    connect(m_dataBrowser, &widgets::DataBrowser::variableActivated, this,
            &MainWindow::showVariable);

    auto* runsDock = new QDockWidget(tr("Runs"), this);
    runsDock->setObjectName(QStringLiteral("runsDock"));
    auto* runsText = new QLabel(
        tr("No run manager in this build yet.\nLaunching twin runs (local and SLURM) and "
           "monitoring them will appear here; until then runs cannot be started from the GUI."),
        runsDock);
    runsText->setWordWrap(true);
    runsText->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    runsText->setMargin(8);
    runsDock->setWidget(runsText);
    addDockWidget(Qt::LeftDockWidgetArea, runsDock);

    auto* propertiesDock = new QDockWidget(tr("Properties"), this);
    propertiesDock->setObjectName(QStringLiteral("propertiesDock"));
    auto* properties = new QWidget(propertiesDock);
    auto* form = new QFormLayout(properties);
    m_colorMapBox = new QComboBox(properties);
    m_colorMapBox->addItems(viz::ColorMap::names());
    form->addRow(tr("Colour map"), m_colorMapBox);
    m_fieldSummary = new QLabel(tr("No field shown."), properties);
    m_fieldSummary->setWordWrap(true);
    m_fieldSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fieldSummary->setMinimumWidth(200);
    form->addRow(new QLabel(tr("Field"), properties));
    form->addRow(m_fieldSummary); // full width: titles and ranges are long
    propertiesDock->setWidget(properties);
    addDockWidget(Qt::RightDockWidgetArea, propertiesDock);
    connect(m_colorMapBox, &QComboBox::currentTextChanged, this,
            [this](const QString& name) { activeView()->setColorMap(name); });
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) {
        if (auto* view = qobject_cast<viz::FieldView*>(now); view && m_views.contains(view)) {
            setActiveView(view);
        }
    });
}

void MainWindow::createMenus() {
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* openAction = fileMenu->addAction(tr("&Open..."), this, &MainWindow::chooseFileToOpen);
    openAction->setShortcut(QKeySequence::Open);
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    fileMenu->addAction(tr("Open E&xample Dataset"), this, &MainWindow::openExample);
    fileMenu->addSeparator();
    QAction* exportAction =
        fileMenu->addAction(tr("&Export Figure..."), this, &MainWindow::chooseFigureToExport);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    fileMenu->addSeparator();
    QAction* quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        m_viewMenu->addAction(dock->toggleViewAction());
    }
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(tr("&Single View"), this, [this]() { setViewCount(1); });
    m_viewMenu->addAction(tr("&Two Views Side by Side"), this, [this]() { setViewCount(2); });
    m_viewMenu->addAction(tr("&Four Views"), this, [this]() { setViewCount(4); });
    m_viewMenu->addSeparator();
    QAction* resetAction =
        m_viewMenu->addAction(tr("&Reset Camera"), this, [this]() { activeView()->resetCamera(); });
    resetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Twinbench"), this, &MainWindow::showAbout);
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
}

void MainWindow::restoreSettings() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray())) {
        resize(1400, 850);
    }
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    const QString colorMap = settings.value(QStringLiteral("view/colorMap")).toString();
    if (viz::ColorMap::names().contains(colorMap)) {
        m_colorMapBox->setCurrentText(colorMap);
    }
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("view/colorMap"), m_colorMapBox->currentText());
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
            ->addAction(QFileInfo(path).fileName(), this, [this, path]() { openFiles({path}); })
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

void MainWindow::beginWork(const QString& message) {
    ++m_pendingWork;
    m_busyBar->setVisible(true);
    statusBar()->showMessage(message);
}

void MainWindow::endWork() {
    m_pendingWork = std::max(0, m_pendingWork - 1);
    m_busyBar->setVisible(m_pendingWork > 0);
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

void MainWindow::openFiles(const QStringList& paths, const QString& preferredVariable) {
    bool first = true;
    for (const QString& path : paths) {
        const QString variable = first ? preferredVariable : QString();
        first = false;
        beginWork(tr("Opening %1...").arg(path));
        runInBackground<OpenedFile>(
            this, [path]() { return openFileInBackground(path); },
            [this, variable](const OpenedFile& opened) {
                endWork();
                onFileOpened(opened, variable);
            });
    }
}

void MainWindow::openExample() {
    beginWork(tr("Preparing the example dataset..."));
    runInBackground<OpenedFile>(
        this,
        []() {
            try {
                return openFileInBackground(ensureExampleDataset());
            } catch (const data::DataError& error) {
                return OpenedFile{exampleDatasetPath(), nullptr,
                                  QString::fromStdString(error.reason())};
            }
        },
        [this](const OpenedFile& opened) {
            endWork();
            onFileOpened(opened, QStringLiteral("t2m"));
        });
}

void MainWindow::onFileOpened(const OpenedFile& opened, const QString& preferredVariable) {
    if (!opened.error.isEmpty()) {
        widgets::RecentFiles::remove(opened.path);
        refreshRecentFilesMenu();
        showError(tr("Cannot open file"), tr("Cannot open %1").arg(opened.path), opened.error);
        return;
    }
    m_files[opened.path] = opened.file;
    m_dataBrowser->addFile(*opened.file);
    widgets::RecentFiles::add(opened.path);
    refreshRecentFilesMenu();
    statusBar()->showMessage(
        tr("Opened %1 (%2 variables)").arg(opened.path).arg(opened.file->variables().size()), 5000);
    emit fileOpened(opened.path);

    QString variable = preferredVariable;
    if (!variable.isEmpty() && opened.file->findVariable(variable.toStdString()) == nullptr) {
        showError(tr("No such variable"), tr("%1 has no variable '%2'").arg(opened.path, variable),
                  tr("Choose one of the variables listed in the Data dock."));
        return;
    }
    if (variable.isEmpty()) {
        for (const data::VariableInfo& candidate : opened.file->variables()) {
            if (candidate.rank() >= 2) {
                variable = QString::fromStdString(candidate.name);
                break;
            }
        }
    }
    if (variable.isEmpty()) {
        activeView()->showMessage(
            tr("%1 has no variable with 2 or more dimensions to show as a map.")
                .arg(QFileInfo(opened.path).fileName()));
        return;
    }
    showVariable(opened.path, variable);
}

void MainWindow::showVariable(const QString& path, const QString& variable) {
    const auto found = m_files.find(path);
    if (found == m_files.end()) {
        showError(tr("File not open"), tr("%1 is not open").arg(path), tr("Open it first."));
        return;
    }
    m_dataBrowser->selectVariable(path, variable);
    viz::FieldView* view = activeView();
    const int requestNumber = ++m_fieldRequests;
    m_latestRequestOfView[view] = requestNumber;
    QPointer<viz::FieldView> target(view);
    beginWork(tr("Reading %1 from %2...").arg(variable, QFileInfo(path).fileName()));
    std::shared_ptr<const data::NetcdfFile> file = found->second;
    runInBackground<LoadedField>(
        this, [file, variable]() { return readFieldInBackground(file, variable); },
        [this, target, requestNumber](const LoadedField& loaded) {
            endWork();
            if (target) {
                onFieldLoaded(loaded, target.data(), requestNumber);
            }
        });
}

void MainWindow::onFieldLoaded(const LoadedField& loaded, viz::FieldView* view, int requestNumber) {
    // A newer request for the same view supersedes this one (the user clicked on).
    if (m_latestRequestOfView[view] != requestNumber) {
        return;
    }
    if (!loaded.error.isEmpty()) {
        showError(tr("Cannot show variable"),
                  tr("Cannot show '%1' from %2").arg(loaded.variable, loaded.path), loaded.error);
        return;
    }
    m_awaitingFieldFrame = true;
    view->showField(loaded.field);
    statusBar()->showMessage(tr("Showing %1").arg(QString::fromStdString(loaded.field->title())),
                             5000);
    updatePropertiesPanel();
    emit fieldShown(loaded.path, loaded.variable);
}

void MainWindow::updatePropertiesPanel() {
    if (m_fieldSummary == nullptr || m_colorMapBox == nullptr) {
        return;
    }
    viz::FieldView* view = activeView();
    {
        const QSignalBlocker blocker(m_colorMapBox);
        m_colorMapBox->setCurrentText(view->colorMapName());
    }
    const data::FieldSlice* field = view->field();
    if (field == nullptr) {
        m_fieldSummary->setText(tr("No field shown."));
        return;
    }
    m_fieldSummary->setText(tr("%1\n%2 x %3 points, %4 valid\nmin %5, max %6 %7")
                                .arg(QString::fromStdString(field->title()))
                                .arg(field->width)
                                .arg(field->height)
                                .arg(field->finiteCount)
                                .arg(field->minimum, 0, 'g', 6)
                                .arg(field->maximum, 0, 'g', 6)
                                .arg(QString::fromStdString(field->units)));
}

void MainWindow::chooseFileToOpen() {
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open Data"), QString(),
        tr("NetCDF files (*.nc *.nc4 *.cdf *.netcdf);;All files (*)"));
    if (!paths.isEmpty()) {
        openFiles(paths);
    }
}

void MainWindow::chooseFigureToExport() {
    ExportFigureDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted) {
        exportFigureTo(dialog.path(), dialog.size());
    }
}

void MainWindow::exportFigureTo(const QString& path, QSize size) {
    viz::FieldView* view = activeView();
    const QImage image = view->renderToImage(size);
    if (image.isNull()) {
        showError(tr("Cannot export figure"), tr("Cannot export %1").arg(path),
                  view->exportError());
        emit figureExported(path, false);
        return;
    }
    beginWork(tr("Writing %1...").arg(path));
    runInBackground<QString>(
        this,
        [image, path]() -> QString {
            // QSaveFile writes beside the target and renames on success: a failed export
            // (full disk, no permission) never destroys an existing figure.
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                return file.errorString();
            }
            QImageWriter writer(&file, QFileInfo(path).suffix().toLatin1());
            if (!writer.write(image)) {
                file.cancelWriting();
                return writer.errorString();
            }
            if (!file.commit()) {
                return file.errorString();
            }
            return {};
        },
        [this, path](const QString& error) {
            endWork();
            if (!error.isEmpty()) {
                showError(tr("Cannot export figure"), tr("Cannot write %1").arg(path), error);
                emit figureExported(path, false);
                return;
            }
            statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
            emit figureExported(path, true);
        });
}

void MainWindow::showAbout() {
    showAboutDialog(this);
}

} // namespace twins::app
