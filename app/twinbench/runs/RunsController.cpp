#include "runs/RunsController.h"

#include "runs/RunMonitor.h"
#include "runs/RunService.h"
#include "support/BackgroundTask.h"
#include "twinbench/federation/BackendSettings.h"
#include "twinbench/runs/RunSpec.h"
#include "twinbench/widgets/BackendSettingsDialog.h"
#include "twinbench/widgets/RunTableModel.h"
#include "twinbench/widgets/RunsPanel.h"

#include <QApplication>
#include <QDir>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QTableView>

namespace twins::app {

RunsController::RunsController(widgets::RunsPanel* panel, QWidget* dialogParent)
    : QObject(panel), m_panel(panel), m_dialogParent(dialogParent) {
    m_monitor = new RunMonitor(this);
    RunService* service = m_monitor->service();
    connect(service, &RunService::runsListed, m_panel,
            [this](const QList<runs::RunRecord>& runs, const QString& backendMessage) {
                m_panel->setRuns(runs);
                m_panel->setBackendMessage(backendMessage);
            });
    connect(service, &RunService::submitted, this, [this](const runs::RunRecord& run) {
        emit statusMessage(tr("Run %1 submitted (%2 %3 on %4)")
                               .arg(run.id, run.moduleId, run.action, run.backend));
        m_monitor->refreshNow();
    });
    connect(service, &RunService::failed, this,
            [this](const QString& title, const QString& message) {
                emit errorOccurred(title, title, message);
            });
    connect(service, &RunService::runEnded, this, &RunsController::notifyRunEnded);
    connect(service, &RunService::specLoaded, this,
            [this](const QString&, const runs::RunSpec& spec) {
                widgets::LaunchRequest request;
                request.moduleId = spec.moduleId;
                request.action = spec.action;
                request.parameters = spec.parameters;
                request.inputs = spec.inputs;
                request.backend = spec.backend;
                openLaunchDialog(request);
            });
    connect(m_panel, &widgets::RunsPanel::newRunRequested, this, [this] { openLaunchDialog(); });
    connect(m_panel, &widgets::RunsPanel::cancelRequested, m_monitor, &RunMonitor::cancel);
    connect(m_panel, &widgets::RunsPanel::resubmitRequested, m_monitor, &RunMonitor::loadSpec);
    m_panel->table()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_panel->table(), &QTableView::customContextMenuRequested, this,
            &RunsController::showRunContextMenu);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/twinbench.svg")), this);
        m_tray->show();
    }
    scanCatalog();
}

RunsController::~RunsController() = default;

void RunsController::populateMenu(QMenu* menu) {
    QAction* newRun = menu->addAction(tr("&New Run…"), this, [this] { openLaunchDialog(); });
    newRun->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    menu->addAction(tr("Rescan &Twin Modules"), this, &RunsController::scanCatalog);
    menu->addSeparator();
    menu->addAction(tr("Export &Report…"), this,
                    [this] { chooseReportToExport(m_panel->currentRunId()); })
        ->setObjectName(QStringLiteral("exportReportAction"));
    menu->addSeparator();
    menu->addAction(tr("Run &Backends…"), this, &RunsController::openBackendSettings);
}

void RunsController::showRunContextMenu(const QPoint& position) {
    const QModelIndex index = m_panel->table()->indexAt(position);
    if (!index.isValid()) {
        return;
    }
    m_panel->table()->setCurrentIndex(index);
    const QString runId = m_panel->currentRunId();
    QMenu menu(m_panel->table());
    menu.addAction(tr("Export &Report…"), this, [this, runId] { chooseReportToExport(runId); });
    const runs::RunRecord* record = nullptr; // by id: the table may show a filtered model
    for (int row = 0; row < m_panel->tableModel()->rowCount(); ++row) {
        if (const runs::RunRecord* candidate = m_panel->tableModel()->recordAt(row);
            candidate != nullptr && candidate->id == runId) {
            record = candidate;
        }
    }
    QAction* compare =
        menu.addAction(tr("&Compare with…"), this, [this, runId] { chooseRunToCompare(runId); });
    compare->setObjectName(QStringLiteral("compareRunAction"));
    compare->setEnabled(record == nullptr || record->state == runs::RunState::Succeeded);
    if (record != nullptr) {
        const QString directory = record->runDirectory;
        menu.addAction(tr("Show &Live Extracts"), this,
                       [this, runId, directory] { emit liveExtractsRequested(runId, directory); })
            ->setObjectName(QStringLiteral("liveExtractsAction"));
    }
    menu.exec(m_panel->table()->viewport()->mapToGlobal(position));
}

void RunsController::chooseReportToExport(const QString& runId) {
    QString directory;
    const auto* model = m_panel->tableModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        const runs::RunRecord* record = model->recordAt(row);
        if (record != nullptr && record->id == runId) {
            directory = record->runDirectory;
        }
    }
    if (runId.isEmpty() || directory.isEmpty()) {
        emit errorOccurred(tr("Cannot export a report"), tr("Select a run in the Runs dock first."),
                           QString());
        return;
    }
    emit reportRequested(runId, directory);
}

void RunsController::chooseRunToCompare(const QString& runId) {
    const auto* model = m_panel->tableModel();
    const runs::RunRecord* chosen = nullptr;
    for (int row = 0; row < model->rowCount(); ++row) {
        const runs::RunRecord* record = model->recordAt(row);
        if (record != nullptr && record->id == runId) {
            chosen = record;
        }
    }
    if (chosen == nullptr || chosen->state != runs::RunState::Succeeded) {
        emit errorOccurred(tr("Cannot compare"),
                           tr("Select a finished run in the Runs dock first."), QString());
        return;
    }
    // Runs of the same twin and action first: their outputs share a grid and variables.
    QStringList labels;
    QStringList directories;
    for (const bool sameKind : {true, false}) {
        for (int row = 0; row < model->rowCount(); ++row) {
            const runs::RunRecord* record = model->recordAt(row);
            if (record == nullptr || record->id == runId ||
                record->state != runs::RunState::Succeeded ||
                (record->moduleId == chosen->moduleId && record->action == chosen->action) !=
                    sameKind) {
                continue;
            }
            labels
                << QStringLiteral("%1 (%2 %3)").arg(record->id, record->moduleId, record->action);
            directories << record->runDirectory;
        }
    }
    emit compareRequested(chosen->runDirectory, labels, directories);
}

void RunsController::openBackendSettings() {
    // Reading the small settings file is the one exception to "no I/O on the GUI thread":
    // QSettings caches it in memory after the first access.
    auto* dialog =
        new widgets::BackendSettingsDialog(federation::BackendSettings::load(), m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &widgets::BackendSettingsDialog::settingsChanged, this, [this] {
        m_monitor->reloadSettings();
        emit statusMessage(tr("Run backend settings saved."));
    });
    dialog->open();
}

void RunsController::scanCatalog() {
    // Reading ELF metadata of every plugin touches the disk: keep it off the GUI thread.
    runInBackground<sdk::ModuleCatalog>(
        this, [] { return sdk::ModuleCatalog::scan(sdk::ModuleCatalog::defaultSearchPaths()); },
        [this](const sdk::ModuleCatalog& catalog) {
            m_catalog = catalog;
            emit catalogReady();
            if (m_openWhenCatalogReady) {
                m_openWhenCatalogReady = false;
                openLaunchDialog(m_pendingPrefill);
            }
        });
}

void RunsController::openLaunchDialog(const std::optional<widgets::LaunchRequest>& prefill) {
    if (!m_catalog) {
        m_openWhenCatalogReady = true;
        m_pendingPrefill = prefill;
        emit statusMessage(tr("Reading the twin modules…"));
        return;
    }
    if (m_dialog) {
        m_dialog->close();
    }
    QList<runs::RunRecord> finished;
    const auto* model = m_panel->tableModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        const runs::RunRecord* record = model->recordAt(row);
        if (record != nullptr && record->state == runs::RunState::Succeeded) {
            finished << *record;
        }
    }
    m_dialog = new widgets::LaunchDialog(*m_catalog, finished, m_dialogParent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (prefill) {
        m_dialog->prefill(*prefill);
    }
    connect(m_dialog, &widgets::LaunchDialog::launchRequested, this, &RunsController::launch);
    m_dialog->open();
}

void RunsController::launch(const widgets::LaunchRequest& request) {
    runs::RunSpec spec =
        runs::RunSpec::forCurrentBuild(request.moduleId, request.action, request.backend);
    spec.parameters = request.parameters;
    spec.inputs = request.inputs;
    emit statusMessage(tr("Submitting %1 %2…").arg(request.moduleId, request.action));
    m_monitor->submit(spec);
}

void RunsController::notifyRunEnded(const runs::RunRecord& run) {
    const QString summary =
        run.detail.isEmpty()
            ? tr("%1 %2 %3").arg(run.moduleId, run.action, runs::runStateName(run.state))
            : tr("%1 %2 %3: %4")
                  .arg(run.moduleId, run.action, runs::runStateName(run.state),
                       run.detail.section(QLatin1Char('\n'), 0, 0));
    // A tray balloon where the desktop has a tray; otherwise the taskbar entry is flagged and
    // the status bar says it (a bare X server like Xvfb has neither tray nor notifications).
    if (m_tray != nullptr) {
        m_tray->showMessage(tr("Twinbench run %1").arg(runs::runStateName(run.state)), summary,
                            run.state == runs::RunState::Succeeded ? QSystemTrayIcon::Information
                                                                   : QSystemTrayIcon::Warning);
    } else if (m_dialogParent != nullptr) {
        QApplication::alert(m_dialogParent);
    }
    emit statusMessage(tr("Run %1 ended: %2").arg(run.id, summary));
    emit runEnded(run.id, summary);
}

} // namespace twins::app
