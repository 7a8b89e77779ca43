#include "twinbench/jobs/JobExecution.h"

#include "twinbench/insitu/InsituSettings.h"
#include "twinbench/jobs/CancellationSignals.h"
#include "twinbench/jobs/CpuState.h"
#include "twinbench/jobs/InputResolution.h"
#include "twinbench/jobs/LocalSlot.h"
#include "twinbench/jobs/RunActionContext.h"
#include "twinbench/jobs/SpaceReserve.h"
#include "twinbench/runs/Provenance.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/sdk/CommonRunParameters.h"
#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/sdk/ModuleLoader.h"
#include "twinbench/sdk/SdkError.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSysInfo>
#include <QThread>

#include <cstdio>
#include <optional>
#include <unistd.h>

namespace twins::jobs {

namespace {

using runs::RunDirectory;
using runs::RunState;

void printError(const QString& message) {
    std::fprintf(stderr, "twinbench-run job: %s\n", qPrintable(message));
}

// Logs to log.txt and stderr; a log file that cannot be written must not hide the message.
void logLine(const RunDirectory& run, const QString& line) {
    std::fprintf(stderr, "%s\n", qPrintable(line));
    try {
        run.appendLog(line);
    } catch (const runs::RunError& error) {
        printError(error.message());
    }
}

// The disk space the job's last log line and final state need (SpaceReserve.h); set while
// executeJob runs, given back just before the final word is written.
SpaceReserve* finalWordReserve = nullptr;

void releaseFinalWordReserve() {
    if (finalWordReserve != nullptr) {
        finalWordReserve->release();
    }
}

// Moves to a terminal state. If the run is already terminal (an executor marked it cancelled
// while the job was finishing), its record is left as it is: the first final word stands.
void finish(const RunDirectory& run, RunState state, const QString& detail, int exitCode) {
    releaseFinalWordReserve();
    try {
        run.changeState(state, detail, exitCode);
    } catch (const runs::RunError& error) {
        try {
            const RunState current = run.status().state;
            if (runs::isTerminal(current)) {
                logLine(run, QStringLiteral("run already %1, not recorded as %2")
                                 .arg(runs::runStateName(current), runs::runStateName(state)));
                return;
            }
        } catch (const runs::RunError&) {
        }
        printError(error.message());
    }
}

int cancelled(const RunDirectory& run, const QString& when) {
    releaseFinalWordReserve();
    const QString detail =
        QStringLiteral("cancelled %1 (signal %2)").arg(when).arg(cancellationSignal());
    logLine(run, detail);
    finish(run, RunState::Cancelled, detail, jobExitCancelled);
    return jobExitCancelled;
}

int failed(const RunDirectory& run, const QString& message) {
    releaseFinalWordReserve();
    logLine(run, QStringLiteral("job failed: %1").arg(message));
    finish(run, RunState::Failed, message, jobExitFailed);
    return jobExitFailed;
}

// Waits in state queued until this process holds a slot; nullopt when cancelled meanwhile.
std::optional<LocalSlot> waitForSlot(const RunDirectory& run, const JobOptions& options) {
    bool reportedWaiting = false;
    for (;;) {
        if (std::optional<LocalSlot> slot =
                LocalSlot::tryAcquire(options.slotDirectory, options.maxSlots)) {
            return slot;
        }
        if (!reportedWaiting) {
            run.reportProgress(
                0.0,
                QStringLiteral("waiting for a free local slot (%1 busy)").arg(options.maxSlots));
            reportedWaiting = true;
        }
        if (cancellationRequested()) {
            return std::nullopt;
        }
        QThread::msleep(static_cast<unsigned long>(options.slotPollIntervalMs));
        if (cancellationRequested()) {
            return std::nullopt;
        }
    }
}

// The last progress of an action that ended: on the failure paths a progress file that cannot
// be written (a full disk, the usual reason the action failed) must not replace the action's
// own error, which is what the run's detail has to say.
void flushProgressAfterAction(RunActionContext& context, const RunDirectory& run) {
    try {
        context.flushProgress();
    } catch (const std::exception& error) {
        logLine(run, QStringLiteral("the last progress could not be recorded: %1")
                         .arg(QString::fromUtf8(error.what())));
    }
}

QString compactJson(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Everything between running and the final state; returns the exit code.
int runAction(const RunDirectory& run, const runs::RunSpec& spec, const JobOptions& options) {
    const QString where = QStringLiteral("module %1 action %2").arg(spec.moduleId, spec.action);
    std::unique_ptr<sdk::LoadedModule> module;
    QJsonObject parameters;
    QStringList inputs;
    try {
        const QStringList searchPaths = options.pluginSearchPaths.isEmpty()
                                            ? sdk::ModuleCatalog::defaultSearchPaths()
                                            : options.pluginSearchPaths;
        const sdk::ModuleCatalog catalog = sdk::ModuleCatalog::scan(searchPaths);
        const sdk::ModuleEntry& entry = catalog.require(spec.moduleId);
        logLine(run, QStringLiteral("module %1 %2 from %3")
                         .arg(entry.metadata.id, entry.metadata.version, entry.libraryPath));
        const sdk::ParameterSchema schema = entry.metadata.runParameters(spec.action);
        QStringList notes;
        try {
            parameters = schema.resolve(spec.parameters, &notes);
        } catch (const sdk::SdkError& error) {
            throw sdk::SdkError(where, error.message());
        }
        for (const QString& note : notes) {
            logLine(run, QStringLiteral("note: %1").arg(note));
        }
        // The twin's own parameters on one line, the SDK's common ones (in situ) on another
        // when they are not all at their defaults.
        QJsonObject own = parameters;
        QJsonObject common;
        for (const sdk::ParameterSpec& spec : sdk::commonRunParameters().parameters()) {
            if (own.value(spec.key) != spec.defaultValue) {
                common.insert(spec.key, own.value(spec.key));
            }
            own.remove(spec.key);
        }
        logLine(run, QStringLiteral("parameters: %1").arg(compactJson(own)));
        if (!common.isEmpty()) {
            logLine(run, QStringLiteral("common run parameters: %1").arg(compactJson(common)));
        }
        // Before the twin is loaded: insitu=catalyst without the adaptor fails the start.
        insitu::checkRunStart(insitu::InsituSettings::fromParameters(parameters));
        // URL inputs are fetched here, before the twin is loaded (InputResolution.h).
        inputs = resolveRunInputs(run, spec.inputs, [] { return cancellationRequested(); });
        for (int index = 0; index < inputs.size(); ++index) {
            logLine(run, QStringLiteral("input %1: %2 -> %3")
                             .arg(index + 1)
                             .arg(inputForRecords(spec.inputs.at(index)), inputs.at(index)));
        }
        module = sdk::loadModule(entry);
    } catch (const std::exception& error) {
        if (cancellationRequested()) {
            return cancelled(run, QStringLiteral("while preparing (%1)").arg(error.what()));
        }
        return failed(run, QString::fromUtf8(error.what()));
    }

    // The twin sees its own parameters only (it declared them; some twins refuse others); the
    // common ones stay in spec.json, where twins/insitu's Publisher reads them.
    for (const sdk::ParameterSpec& common : sdk::commonRunParameters().parameters()) {
        parameters.remove(common.key);
    }
    RunActionContext context(run, parameters, inputs, [] { return cancellationRequested(); });
    QElapsedTimer clock;
    clock.start();
    try {
        // Loading the plugin and its libraries can leave the AVX upper state dirty (CpuState.h).
        clearAvxUpperState();
        module->module().runAction(spec.action, context);
        context.flushProgress();
    } catch (const sdk::ActionCancelled&) {
        flushProgressAfterAction(context, run);
        return cancelled(run, QStringLiteral("while running"));
    } catch (const std::exception& error) {
        flushProgressAfterAction(context, run);
        if (cancellationRequested()) {
            // A plugin that reacts to the stop request with its own exception was still
            // cancelled, not failed.
            return cancelled(run, QStringLiteral("while running (%1)").arg(error.what()));
        }
        return failed(run, QString::fromUtf8(error.what()));
    } catch (...) {
        flushProgressAfterAction(context, run);
        return failed(
            run, QStringLiteral("%1 threw an exception that is not a std::exception").arg(where));
    }
    if (cancellationRequested()) {
        // The outputs of a run asked to stop are not trusted, even when the action got to the
        // end: the executor and the user expect it to be cancelled.
        return cancelled(run, QStringLiteral("as the action ended"));
    }
    logLine(run, QStringLiteral("action %1 finished in %2 s")
                     .arg(spec.action)
                     .arg(static_cast<double>(clock.elapsed()) / 1000.0, 0, 'f', 3));
    // Provenance describes a finished run (Provenance.h): the state goes first.
    finish(run, RunState::Succeeded, QString(), jobExitSucceeded);
    try {
        runs::writeProvenance(run);
        logLine(run, QStringLiteral("provenance written to %1").arg(run.provenancePath()));
    } catch (const runs::RunError& error) {
        const QString message = QStringLiteral("succeeded, but prov.json could not be written: %1")
                                    .arg(error.message());
        logLine(run, message);
        try {
            run.reportProgress(1.0, message);
        } catch (const runs::RunError&) {
        }
        return jobExitFailed;
    }
    return jobExitSucceeded;
}

} // namespace

int executeJob(const JobOptions& options) {
    std::optional<RunDirectory> opened;
    runs::RunSpec spec;
    runs::RunStatus status;
    try {
        opened = RunDirectory::open(options.runDirectory);
        spec = opened->spec();
        status = opened->status();
    } catch (const runs::RunError& error) {
        printError(error.message());
        return jobExitUnusable;
    }
    const RunDirectory& run = *opened;
    if (status.state == RunState::Cancelled) {
        printError(QStringLiteral("run %1 was cancelled before it started").arg(run.runId()));
        return jobExitCancelled;
    }
    if (status.state != RunState::Created && status.state != RunState::Queued) {
        printError(QStringLiteral("run %1 is %2; only a created or queued run can be executed "
                                  "(each run executes once)")
                       .arg(run.runId(), runs::runStateName(status.state)));
        return jobExitUnusable;
    }

    SpaceReserve reserve(run.path() + QStringLiteral("/.final-word-reserve"), 64 * 1024);
    finalWordReserve = &reserve;
    const auto forgetReserve = qScopeGuard([] { finalWordReserve = nullptr; });

    std::optional<LocalSlot> slot;
    try {
        if (status.state == RunState::Created) {
            run.changeState(RunState::Queued);
        }
        if (cancellationRequested()) {
            return cancelled(run, QStringLiteral("before it started"));
        }
        if (options.maxSlots > 0) {
            slot = waitForSlot(run, options);
            if (!slot) {
                return cancelled(run, QStringLiteral("while waiting for a local slot"));
            }
        }
        run.changeState(RunState::Running,
                        QStringLiteral("running on %1").arg(QSysInfo::machineHostName()));
    } catch (const std::exception& error) {
        return failed(run, QString::fromUtf8(error.what()));
    }
    logLine(run, QStringLiteral("job started on %1, pid %2%3")
                     .arg(QSysInfo::machineHostName())
                     .arg(::getpid())
                     .arg(slot ? QStringLiteral(", local slot %1 of %2")
                                     .arg(slot->index())
                                     .arg(options.maxSlots)
                               : QString()));
    logLine(run, QStringLiteral("run %1: module %2, action %3")
                     .arg(run.runId(), spec.moduleId, spec.action));
    return runAction(run, spec, options);
}

} // namespace twins::jobs
