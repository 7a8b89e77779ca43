// twinbench-run's monitoring commands: status (a table of runs, or one run in detail) and logs
// (print or follow a run's log.txt; an interLink run's container output through /getLogs). Both
// refresh first, so what they show is the backend's current word, not the registry's last one.
#include "RunCommandSupport.h"
#include "WorkerCommands.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/RunLogReader.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunStatus.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <cstdio>

namespace worker {

namespace {

using twins::federation::FederationError;
using twins::federation::RunManager;
using twins::runs::RunError;
using twins::runs::RunRecord;
using worker::runs::fail;

QJsonObject recordJson(const RunRecord& record) {
    QJsonObject json{{QStringLiteral("id"), record.id},
                     {QStringLiteral("module"), record.moduleId},
                     {QStringLiteral("action"), record.action},
                     {QStringLiteral("backend"), record.backend},
                     {QStringLiteral("backendJobId"), record.backendJobId},
                     {QStringLiteral("state"), twins::runs::runStateName(record.state)},
                     {QStringLiteral("detail"), record.detail},
                     {QStringLiteral("progress"), record.progress},
                     {QStringLiteral("runDirectory"), record.runDirectory},
                     {QStringLiteral("created"), twins::runs::isoTime(record.createdAt)},
                     {QStringLiteral("updated"), twins::runs::isoTime(record.updatedAt)}};
    try {
        json.insert(QStringLiteral("status"),
                    twins::runs::RunDirectory::open(record.runDirectory).status().toJson());
    } catch (const RunError& error) {
        json.insert(QStringLiteral("statusError"), error.message());
    }
    return json;
}

QString clipped(const QString& text, int width) {
    return text.size() <= width ? text : text.left(width - 3) + QStringLiteral("...");
}

void printTable(const QList<RunRecord>& records) {
    const char* format = "%-29s %-10s %-9s %-10s %-9s %5s %-10s %s\n";
    std::printf(format, "ID", "MODULE", "ACTION", "BACKEND", "STATE", "PROG", "ELAPSED", "DETAIL");
    for (const RunRecord& record : records) {
        std::printf(format, qPrintable(record.id), qPrintable(clipped(record.moduleId, 10)),
                    qPrintable(clipped(record.action, 9)), qPrintable(record.backend),
                    qPrintable(twins::runs::runStateName(record.state)),
                    qPrintable(QStringLiteral("%1%").arg(qRound(record.progress * 100))),
                    qPrintable(worker::runs::elapsedText(record.runDirectory)),
                    qPrintable(clipped(record.detail, 70)));
    }
}

void printOneRun(const RunRecord& record) {
    std::printf("id:         %s\n", qPrintable(record.id));
    std::printf("module:     %s %s\n", qPrintable(record.moduleId), qPrintable(record.action));
    std::printf(
        "backend:    %s job %s\n", qPrintable(record.backend),
        qPrintable(record.backendJobId.isEmpty() ? QStringLiteral("-") : record.backendJobId));
    std::printf("state:      %s (%d%%)\n", qPrintable(twins::runs::runStateName(record.state)),
                qRound(record.progress * 100));
    std::printf("detail:     %s\n", qPrintable(record.detail));
    std::printf("elapsed:    %s\n", qPrintable(worker::runs::elapsedText(record.runDirectory)));
    std::printf("directory:  %s\n", qPrintable(record.runDirectory));
    const QStringList tail = worker::runs::logTail(record.runDirectory, 5);
    if (!tail.isEmpty()) {
        std::printf("log (last %lld lines):\n", static_cast<long long>(tail.size()));
        for (const QString& line : tail) {
            std::printf("  %s\n", qPrintable(line));
        }
    }
}

// An interLink run's log from the API (RunLogReader.h): what the site's job printed, with a note
// on stderr when the API fails and log.txt on the shared folder is shown instead.
int printBackendLog(RunManager& manager, RunRecord record, bool follow) {
    const std::unique_ptr<twins::federation::RunLogReader> reader =
        twins::federation::openRunLog(record, manager.settings());
    const auto printNew = [&] {
        const twins::federation::RunLogChunk chunk = reader->read();
        if (!chunk.note.isEmpty()) {
            std::fprintf(stderr, "twinbench-run logs: %s\n", qPrintable(chunk.note));
        }
        std::fwrite(chunk.text.constData(), 1, static_cast<size_t>(chunk.text.size()), stdout);
        std::fflush(stdout);
    };
    printNew();
    if (!follow) {
        return 0;
    }
    // Each read is an HTTP request to the site: once a second is enough for a human.
    while (!twins::runs::isTerminal(record.state)) {
        QThread::msleep(1000);
        record = manager.refreshRun(record.id);
        printNew();
    }
    printNew();
    std::fprintf(stderr, "run %s %s%s\n", qPrintable(record.id),
                 qPrintable(twins::runs::runStateName(record.state)),
                 record.detail.isEmpty() ? "" : qPrintable(QStringLiteral(": ") + record.detail));
    return 0;
}

} // namespace

int statusCommand(const QStringList& arguments) {
    bool json = false;
    bool all = false;
    QString runText;
    for (const QString& argument : arguments) {
        if (argument == QLatin1String("--json")) {
            json = true;
        } else if (argument == QLatin1String("--all")) {
            all = true;
        } else if (!argument.startsWith(QLatin1Char('-')) && runText.isEmpty()) {
            runText = argument;
        } else {
            std::fprintf(stderr,
                         "twinbench-run status: unexpected argument '%s'\n"
                         "Usage: twinbench-run status [RUN] [--all] [--json]\n",
                         qPrintable(argument));
            return 2;
        }
    }
    try {
        RunManager manager;
        manager.refresh();
        if (!runText.isEmpty()) {
            const RunRecord record =
                manager.refreshRun(worker::runs::resolveRunId(manager, runText));
            if (json) {
                std::printf("%s", QJsonDocument(recordJson(record)).toJson().constData());
            } else {
                printOneRun(record);
            }
            return 0;
        }
        QList<RunRecord> shown;
        const QDateTime dayAgo = QDateTime::currentDateTimeUtc().addDays(-1);
        for (const RunRecord& record : manager.list()) {
            if (all || !twins::runs::isTerminal(record.state) || record.updatedAt >= dayAgo) {
                shown << record;
            }
        }
        if (json) {
            QJsonArray array;
            for (const RunRecord& record : shown) {
                array.append(recordJson(record));
            }
            std::printf("%s", QJsonDocument(array).toJson().constData());
        } else {
            printTable(shown);
        }
        return 0;
    } catch (const FederationError& error) {
        return fail("status", error.message());
    } catch (const RunError& error) {
        return fail("status", error.message());
    }
}

int logsCommand(const QStringList& arguments) {
    bool follow = false;
    QString runText;
    for (const QString& argument : arguments) {
        if (argument == QLatin1String("--follow") || argument == QLatin1String("-f")) {
            follow = true;
        } else if (!argument.startsWith(QLatin1Char('-')) && runText.isEmpty()) {
            runText = argument;
        } else {
            std::fprintf(stderr, "Usage: twinbench-run logs RUN [--follow]\n");
            return 2;
        }
    }
    if (runText.isEmpty()) {
        std::fprintf(stderr, "Usage: twinbench-run logs RUN [--follow]\n");
        return 2;
    }
    try {
        RunManager manager;
        const QString id = worker::runs::resolveRunId(manager, runText);
        RunRecord record = *manager.find(id);
        if (record.backend == QLatin1String("interlink")) {
            return printBackendLog(manager, manager.refreshRun(id), follow);
        }
        QFile log(QDir(record.runDirectory).filePath(QStringLiteral("log.txt")));
        qint64 offset = 0;
        const auto printNew = [&] {
            if (!log.isOpen() && !log.open(QIODevice::ReadOnly)) {
                return;
            }
            log.seek(offset);
            const QByteArray bytes = log.readAll();
            offset += bytes.size();
            std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
            std::fflush(stdout);
        };
        printNew();
        if (!follow) {
            if (!log.isOpen()) {
                return fail("logs",
                            QStringLiteral("run %1 has no log yet (%2)").arg(id, log.fileName()));
            }
            return 0;
        }
        // Follow until the run is terminal; the final read after that catches the last lines.
        while (true) {
            record = manager.refreshRun(id);
            printNew();
            if (twins::runs::isTerminal(record.state)) {
                break;
            }
            QThread::msleep(300);
        }
        printNew();
        std::fprintf(stderr, "run %s %s%s\n", qPrintable(id),
                     qPrintable(twins::runs::runStateName(record.state)),
                     record.detail.isEmpty() ? ""
                                             : qPrintable(QStringLiteral(": ") + record.detail));
        return 0;
    } catch (const FederationError& error) {
        return fail("logs", error.message());
    } catch (const RunError& error) {
        return fail("logs", error.message());
    }
}

} // namespace worker
