#include "runs/RunService.h"

#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/RunManager.h"
#include "twinbench/runs/RunError.h"

#include <exception>

namespace twins::app {

namespace {

// The federation and runs layers throw their own exception types, all std::exception with a
// message naming the run and the backend; the GUI shows that message as is.
template <typename Work> bool attempt(RunService* service, const QString& title, Work&& work) {
    try {
        work();
        return true;
    } catch (const std::exception& error) {
        emit service->failed(title, QString::fromUtf8(error.what()));
    }
    return false;
}

} // namespace

RunService::RunService() = default;
RunService::~RunService() = default;

federation::RunManager& RunService::manager() {
    // Created on first use, i.e. on the service's own thread, where it must stay.
    if (!m_manager) {
        m_manager = std::make_unique<federation::RunManager>();
    }
    return *m_manager;
}

void RunService::refresh() {
    attempt(this, tr("Cannot refresh the runs"), [this] {
        const QList<runs::RunRecord> active = manager().refresh();
        QString backendMessage;
        for (const runs::RunRecord& run : active) {
            if (run.detail.contains(QLatin1String("unreachable"), Qt::CaseInsensitive)) {
                backendMessage = tr("%1 backend: %2").arg(run.backend, run.detail);
                break;
            }
        }
        const QList<runs::RunRecord> all = manager().list();
        QSet<QString> nowActive;
        for (const runs::RunRecord& run : all) {
            if (!runs::isTerminal(run.state)) {
                nowActive.insert(run.id);
            } else if (m_activeRuns.contains(run.id)) {
                emit runEnded(run);
            }
        }
        m_activeRuns = nowActive;
        emit runsListed(all, backendMessage);
    });
}

void RunService::submit(const runs::RunSpec& spec) {
    attempt(this, tr("Cannot start the run"), [this, &spec] {
        const runs::RunRecord run = manager().submit(spec);
        m_activeRuns.insert(run.id);
        emit submitted(run);
    });
    refresh();
}

void RunService::cancel(const QString& runId) {
    attempt(this, tr("Cannot cancel run %1").arg(runId),
            [this, &runId] { emit cancelled(manager().cancel(runId)); });
    refresh();
}

void RunService::reloadSettings() {
    m_manager.reset();
}

void RunService::loadSpec(const QString& runId) {
    attempt(this, tr("Cannot read run %1").arg(runId), [this, &runId] {
        const std::optional<runs::RunRecord> record = manager().find(runId);
        if (!record) {
            throw runs::RunError(manager().registry().databasePath(),
                                 QStringLiteral("no run with id %1").arg(runId));
        }
        emit specLoaded(runId, manager().directory(*record).spec());
    });
}

} // namespace twins::app
