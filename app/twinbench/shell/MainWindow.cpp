#include "shell/MainWindow.h"

#include "explore/ExploreDock.h"
#include "live/LiveCells.h"
#include "models/ModelsDock.h"
#include "results/RunResults.h"
#include "runs/RunsController.h"
#include "shell/actions/AboutAction.h"
#include "shell/actions/CompareAction.h"
#include "shell/actions/ExportAnimationAction.h"
#include "shell/actions/ExportFigureAction.h"
#include "shell/actions/ExportLayoutAction.h"
#include "shell/actions/ExportReportAction.h"
#include "shell/actions/LinkViewsAction.h"
#include "shell/actions/OpenExampleAction.h"
#include "shell/actions/OpenFilesAction.h"
#include "shell/actions/OpenUrlAction.h"
#include "shell/actions/OpenZarrStoreAction.h"
#include "shell/actions/RecentFilesMenu.h"
#include "shell/actions/ResetCameraAction.h"
#include "shell/actions/ViewBackAction.h"
#include "shell/actions/ViewLayoutAction.h"
#include "shell/behaviors/ErrorDialogs.h"
#include "shell/behaviors/StatusBarBehavior.h"
#include "shell/behaviors/WindowStateBehavior.h"
#include "stac/StacDock.h"
#include "twinbench/widgets/DataBrowser.h"
#include "twinbench/widgets/RunDetails.h"
#include "twinbench/widgets/RunsPanel.h"
#include "workspace/PropertiesPanel.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QStatusBar>

namespace twins::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("Twinbench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/twinbench.svg")));
    m_errors = new ErrorDialogs(*this);
    connect(m_errors, &ErrorDialogs::shown, this, &MainWindow::errorShown);
    m_workspace = new Workspace(this);
    connect(m_workspace, &Workspace::errorOccurred, this, &MainWindow::showError);
    setCentralWidget(m_workspace->grid());
    m_runResults = new RunResults(*m_workspace);
    m_liveCells = new LiveCells(*m_workspace);
    createDocks();
    createMenus();
    new StatusBarBehavior(*this, *m_workspace);
    new WindowStateBehavior(*this, *m_workspace); // after the docks, whose layout it restores
}

MainWindow::~MainWindow() = default;

QMessageBox* MainWindow::errorDialog() const {
    return m_errors->current();
}

void MainWindow::showError(const QString& title, const QString& text, const QString& details) {
    m_errors->show(title, text, details);
}

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
    connect(m_runsPanel, &widgets::RunsPanel::liveExtractsActivated, m_liveCells, &LiveCells::open);
    connect(m_runs, &RunsController::liveExtractsRequested, m_liveCells, &LiveCells::open);
    connect(m_runs, &RunsController::reportRequested, this,
            [this](const QString& runId, const QString& runDirectory) {
                ExportReportAction::choose(*this, runId, runDirectory);
            });
    connect(m_runs, &RunsController::compareRequested, this,
            [this](const QString& runDirectory, const QStringList& otherLabels,
                   const QStringList& otherDirectories) {
                CompareAction::chooseForRun(*this, *m_workspace, runDirectory, otherLabels,
                                            otherDirectories);
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
    ExploreDock* explore = installExploreDock(*this);
    // Like the Runs dock's results: double-click opens the answer in a central cell.
    connect(explore, &ExploreDock::answerActivated, m_runResults, &RunResults::openAnswerIn);
    installModelsDock(*this);
    installStacDock(*this, *m_workspace);
}

void MainWindow::createMenus() {
    Workspace& workspace = *m_workspace;
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    OpenFilesAction::addTo(*fileMenu, *this, workspace);
    OpenZarrStoreAction::addTo(*fileMenu, *this, workspace);
    OpenUrlAction::addTo(*fileMenu, *this, workspace);
    new RecentFilesMenu(*fileMenu, workspace);
    OpenExampleAction::addTo(*fileMenu, *this, workspace);
    CompareAction::addTo(*fileMenu, *this, workspace);
    fileMenu->addSeparator();
    ExportFigureAction::addTo(*fileMenu, *this, workspace);
    ExportLayoutAction::addTo(*fileMenu, *this, workspace);
    ExportAnimationAction::addTo(*fileMenu, *this, workspace);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        viewMenu->addAction(dock->toggleViewAction());
    }
    viewMenu->addSeparator();
    ViewLayoutAction::addTo(*viewMenu, workspace);
    LinkViewsAction::addTo(*viewMenu, workspace);
    ViewBackAction::addTo(*viewMenu, workspace);
    viewMenu->addSeparator();
    ResetCameraAction::addTo(*viewMenu, workspace);

    // The Runs menu sits between View and Help.
    m_runs->populateMenu(menuBar()->addMenu(tr("&Runs")));
    AboutAction::addTo(*menuBar()->addMenu(tr("&Help")), *this);
}

} // namespace twins::app
