// twinbench-run job RUNDIR [--slots DIR --max N]: the one command every executor (local queue,
// SLURM batch script) runs on the node. The work is twins::jobs::executeJob; this file parses
// the command line and installs the signal handlers.
#include "UnexpectedErrors.h"
#include "WorkerCommands.h"
#include "twinbench/jobs/CancellationSignals.h"
#include "twinbench/jobs/JobExecution.h"

#include <cstdio>

namespace worker {

namespace {

constexpr char jobUsage[] = "Usage: twinbench-run job RUNDIR [--slots DIR --max N]\n";

int usageError(const QString& message) {
    std::fprintf(stderr, "twinbench-run job: %s\n%s", qPrintable(message), jobUsage);
    return twins::jobs::jobExitUnusable;
}

} // namespace

int jobCommand(const QStringList& arguments) {
    twins::jobs::JobOptions options;
    QString maxText;
    for (int index = 0; index < arguments.size(); ++index) {
        const QString& argument = arguments.at(index);
        if (argument == QLatin1String("--slots") || argument == QLatin1String("--max")) {
            if (index + 1 >= arguments.size()) {
                return usageError(QStringLiteral("%1 needs a value").arg(argument));
            }
            (argument == QLatin1String("--slots") ? options.slotDirectory : maxText) =
                arguments.at(++index);
        } else if (argument.startsWith(QLatin1Char('-'))) {
            return usageError(QStringLiteral("unknown option '%1'").arg(argument));
        } else if (options.runDirectory.isEmpty()) {
            options.runDirectory = argument;
        } else {
            return usageError(QStringLiteral("unexpected argument '%1'").arg(argument));
        }
    }
    if (options.runDirectory.isEmpty()) {
        return usageError(QStringLiteral("expected a run directory"));
    }
    if (options.slotDirectory.isEmpty() != maxText.isEmpty()) {
        return usageError(QStringLiteral("--slots and --max go together"));
    }
    if (!maxText.isEmpty()) {
        bool ok = false;
        options.maxSlots = maxText.toInt(&ok);
        if (!ok || options.maxSlots < 1) {
            return usageError(
                QStringLiteral("--max must be a whole number >= 1, got '%1'").arg(maxText));
        }
    }
    // Before anything touches the run: a SIGTERM from the executor must always end in
    // cancelled, never kill the process half-way through a status write.
    twins::jobs::installCancellationHandlers();
    // From here an unexpected error marks this run failed (UnexpectedErrors.h).
    setActiveRunDirectory(options.runDirectory);
    return twins::jobs::executeJob(options);
}

} // namespace worker
