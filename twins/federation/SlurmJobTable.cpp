#include "twinbench/federation/SlurmJobTable.h"

#include <QHash>
#include <QList>

namespace twins::federation {

using twins::runs::RunState;

namespace {

// Splits "A=1 B=two words C=3" into keys and values; a token without '=' belongs to the value
// before it (a WorkDir or Command with spaces).
QHash<QString, QString> parseKeyValues(const QString& line) {
    QHash<QString, QString> values;
    QString lastKey;
    for (const QString& token : line.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const qsizetype equals = token.indexOf(QLatin1Char('='));
        if (equals > 0) {
            lastKey = token.left(equals);
            values.insert(lastKey, token.mid(equals + 1));
        } else if (!lastKey.isEmpty()) {
            values[lastKey] += QLatin1Char(' ') + token;
        }
    }
    return values;
}

void parseExitCode(const QString& text, SlurmJobRecord& record) {
    // "3:0": exit status 3, signal 0.
    const QStringList parts = text.split(QLatin1Char(':'));
    bool ok = false;
    const int code = parts.value(0).toInt(&ok);
    if (ok) {
        record.exitCode = code;
        record.exitSignal = parts.value(1).toInt();
    }
}

QString withReason(const QString& words, const QString& reason) {
    if (reason.isEmpty() || reason == QLatin1String("None") || reason == QLatin1String("(null)")) {
        return words;
    }
    return QStringLiteral("%1 (%2)").arg(words, reason);
}

QString exitText(const SlurmJobRecord& record) {
    if (record.exitSignal > 0) {
        return QStringLiteral("killed by signal %1").arg(record.exitSignal);
    }
    if (record.exitCode) {
        return QStringLiteral("exit code %1").arg(*record.exitCode);
    }
    return QStringLiteral("no exit code");
}

} // namespace

QList<SlurmJobRecord> parseSlurmKeyValueJobs(const QByteArray& text) {
    QList<SlurmJobRecord> records;
    for (const QByteArray& rawLine : text.split('\n')) {
        const QHash<QString, QString> values = parseKeyValues(QString::fromLocal8Bit(rawLine));
        if (!values.contains(QStringLiteral("JobId"))) {
            continue;
        }
        SlurmJobRecord record;
        record.jobId = values.value(QStringLiteral("JobId"));
        record.arrayJobId = values.value(QStringLiteral("ArrayJobId"));
        record.arrayTaskSpec = values.value(QStringLiteral("ArrayTaskId"));
        record.state = values.value(QStringLiteral("JobState"));
        record.reason = values.value(QStringLiteral("Reason"));
        parseExitCode(values.value(QStringLiteral("ExitCode")), record);
        records << record;
    }
    return records;
}

bool arrayTaskSpecContains(const QString& spec, int task) {
    // "0-7%2": the part after '%' is the concurrency limit, not a task.
    const QString tasks = spec.section(QLatin1Char('%'), 0, 0);
    for (const QString& part : tasks.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList bounds = part.split(QLatin1Char('-'));
        bool firstOk = false;
        bool lastOk = false;
        const int first = bounds.value(0).toInt(&firstOk);
        // "0-7:2" steps are possible in a submission; SLURM reports expanded lists, but be safe.
        const QString lastText = bounds.value(1).section(QLatin1Char(':'), 0, 0);
        const int last = bounds.size() > 1 ? lastText.toInt(&lastOk) : first;
        if (bounds.size() == 1) {
            lastOk = firstOk;
        }
        if (firstOk && lastOk && task >= first && task <= last) {
            return true;
        }
    }
    return false;
}

std::optional<SlurmJobRecord> findSlurmJob(const QList<SlurmJobRecord>& records,
                                           const QString& backendJobId) {
    const qsizetype underscore = backendJobId.indexOf(QLatin1Char('_'));
    std::optional<SlurmJobRecord> found;
    if (underscore < 0) {
        for (const SlurmJobRecord& record : records) {
            if (record.jobId == backendJobId) {
                found = record;
            }
        }
        return found;
    }
    const QString arrayJob = backendJobId.left(underscore);
    bool ok = false;
    const int task = backendJobId.mid(underscore + 1).toInt(&ok);
    if (!ok) {
        return std::nullopt;
    }
    // A started task has its own record ("ArrayTaskId=3"); tasks still pending share one
    // record with a task range. The started task's record wins over the range.
    std::optional<SlurmJobRecord> pendingRange;
    for (const SlurmJobRecord& record : records) {
        if (record.arrayJobId != arrayJob) {
            continue;
        }
        if (record.arrayTaskSpec == QString::number(task)) {
            found = record;
        } else if (arrayTaskSpecContains(record.arrayTaskSpec, task)) {
            pendingRange = record;
        }
    }
    return found ? found : pendingRange;
}

BackendObservation observeSlurmJob(const SlurmJobRecord& record) {
    BackendObservation observation;
    const QString& state = record.state;
    const auto queued = {"PENDING",      "CONFIGURING",   "REQUEUED", "REQUEUE_FED",
                         "REQUEUE_HOLD", "RESV_DEL_HOLD", "RESIZING"};
    const auto running = {"RUNNING",   "COMPLETING", "SIGNALING",
                          "STAGE_OUT", "SUSPENDED",  "STOPPED"};
    for (const char* word : queued) {
        if (state == QLatin1String(word)) {
            observation.state = RunState::Queued;
            observation.detail = withReason(QStringLiteral("SLURM ") + state, record.reason);
            return observation;
        }
    }
    for (const char* word : running) {
        if (state == QLatin1String(word)) {
            observation.state = RunState::Running;
            observation.detail = QStringLiteral("SLURM ") + state;
            return observation;
        }
    }
    observation.exitCode = record.exitCode;
    if (record.exitSignal > 0) {
        observation.exitCode = 128 + record.exitSignal;
    }
    if (state == QLatin1String("COMPLETED")) {
        observation.state = RunState::Succeeded;
        observation.detail = QStringLiteral("SLURM COMPLETED");
    } else if (state == QLatin1String("CANCELLED")) {
        observation.state = RunState::Cancelled;
        observation.detail = QStringLiteral("SLURM job cancelled");
    } else if (state == QLatin1String("FAILED")) {
        observation.state = RunState::Failed;
        observation.detail = QStringLiteral("SLURM job failed (%1)").arg(exitText(record));
    } else if (state == QLatin1String("TIMEOUT")) {
        observation.state = RunState::Failed;
        observation.detail = QStringLiteral("SLURM job reached its time limit (TIMEOUT)");
    } else if (state == QLatin1String("NODE_FAIL")) {
        observation.state = RunState::Failed;
        observation.detail = QStringLiteral("SLURM node failure (NODE_FAIL)");
    } else if (state == QLatin1String("OUT_OF_MEMORY")) {
        observation.state = RunState::Failed;
        observation.detail = QStringLiteral("SLURM job ran out of memory (OUT_OF_MEMORY)");
    } else if (state == QLatin1String("BOOT_FAIL") || state == QLatin1String("DEADLINE") ||
               state == QLatin1String("PREEMPTED") || state == QLatin1String("REVOKED") ||
               state == QLatin1String("SPECIAL_EXIT")) {
        observation.state = RunState::Failed;
        observation.detail = withReason(QStringLiteral("SLURM ") + state, record.reason);
    } else {
        observation.exitCode.reset();
        observation.detail = QStringLiteral("unknown SLURM job state '%1'").arg(state);
    }
    return observation;
}

} // namespace twins::federation
