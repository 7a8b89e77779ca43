#include "RunCommandSupport.h"

#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunStatus.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QThread>

#include <cstdio>

namespace worker::runs {

using twins::runs::RunRecord;
using twins::runs::RunState;

QString resolveRunId(twins::federation::RunManager& manager, const QString& text) {
    if (manager.find(text)) {
        return text;
    }
    QStringList matches;
    for (const RunRecord& record : manager.list()) {
        if (record.id.startsWith(text)) {
            matches << record.id;
        }
    }
    if (matches.size() == 1) {
        return matches.first();
    }
    throw twins::runs::RunError(
        manager.registry().databasePath(),
        matches.isEmpty() ? QStringLiteral("no run with id '%1'").arg(text)
                          : QStringLiteral("'%1' matches %2 runs (%3); give more of the id")
                                .arg(text)
                                .arg(matches.size())
                                .arg(matches.mid(0, 4).join(QStringLiteral(", "))));
}

QStringList logTail(const QString& runDirectory, int lines) {
    QFile file(QDir(runDirectory).filePath(QStringLiteral("log.txt")));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    // Logs can be long: the end is what matters.
    const qint64 window = 64 * 1024;
    if (file.size() > window) {
        file.seek(file.size() - window);
    }
    QStringList all =
        QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return all.mid(std::max<qsizetype>(0, all.size() - lines));
}

QString elapsedText(const QString& runDirectory) {
    try {
        const auto status = twins::runs::RunDirectory::open(runDirectory).status();
        if (!status.startedAt.isValid()) {
            return QStringLiteral("-");
        }
        const QDateTime end =
            status.finishedAt.isValid() ? status.finishedAt : QDateTime::currentDateTimeUtc();
        const double seconds = status.startedAt.msecsTo(end) / 1000.0;
        if (seconds < 60) {
            return QStringLiteral("%1 s").arg(seconds, 0, 'f', 1);
        }
        const qint64 whole = static_cast<qint64>(seconds);
        if (whole < 3600) {
            return QStringLiteral("%1 min %2 s")
                .arg(whole / 60)
                .arg(whole % 60, 2, 10, QLatin1Char('0'));
        }
        return QStringLiteral("%1 h %2 min")
            .arg(whole / 3600)
            .arg((whole % 3600) / 60, 2, 10, QLatin1Char('0'));
    } catch (const twins::runs::RunError&) {
        return QStringLiteral("?");
    }
}

int waitForRuns(twins::federation::RunManager& manager, const QStringList& ids,
                std::chrono::milliseconds interval) {
    QHash<QString, QString> lastSeen;
    QStringList pending = ids;
    while (!pending.isEmpty()) {
        manager.refresh();
        for (qsizetype index = pending.size() - 1; index >= 0; --index) {
            const auto record = manager.find(pending[index]);
            if (!record) {
                pending.removeAt(index);
                continue;
            }
            const QString seen =
                twins::runs::runStateName(record->state) + QLatin1Char('|') + record->detail;
            if (lastSeen.value(record->id) != seen) {
                lastSeen.insert(record->id, seen);
                std::fprintf(stderr, "%s %s%s\n", qPrintable(record->id),
                             qPrintable(twins::runs::runStateName(record->state)),
                             record->detail.isEmpty()
                                 ? ""
                                 : qPrintable(QStringLiteral(": ") + record->detail));
            }
            if (twins::runs::isTerminal(record->state)) {
                pending.removeAt(index);
            }
        }
        if (!pending.isEmpty()) {
            QThread::msleep(static_cast<unsigned long>(interval.count()));
        }
    }
    int status = 0;
    for (const QString& id : ids) {
        const auto record = manager.find(id);
        if (record && record->state == RunState::Succeeded) {
            continue;
        }
        status = 1;
        if (!record) {
            continue;
        }
        std::fprintf(stderr, "run %s %s: %s\n", qPrintable(id),
                     qPrintable(twins::runs::runStateName(record->state)),
                     qPrintable(record->detail));
        const QStringList tail = logTail(record->runDirectory, 10);
        if (!tail.isEmpty()) {
            std::fprintf(stderr, "last lines of %s/log.txt:\n", qPrintable(record->runDirectory));
            for (const QString& line : tail) {
                std::fprintf(stderr, "  %s\n", qPrintable(line));
            }
        }
    }
    return status;
}

int fail(const char* command, const QString& message, int status) {
    std::fprintf(stderr, "twinbench-run %s: %s\n", command, qPrintable(message));
    return status;
}

} // namespace worker::runs
