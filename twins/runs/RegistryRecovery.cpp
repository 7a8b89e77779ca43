#include "twinbench/runs/RegistryRecovery.h"

#include "twinbench/runs/AtomicJson.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunId.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <memory>
#include <sqlite3.h>

namespace twins::runs {

namespace {

// The smallest registry ever written is its 100-byte header and more: anything shorter
// (0 bytes included, which SQLite would happily treat as a new empty database) was cut short.
constexpr qint64 sqliteHeaderBytes = 100;

// Why the database at `path` (which exists) cannot be used, or "" when it can. Asks SQLite
// directly, so "not a database" and "corrupt" can be told apart from "cannot open" (a
// permission problem is not repaired by moving the file away).
QString unusableReason(const QString& path) {
    if (QFileInfo(path).size() < sqliteHeaderBytes) {
        return QStringLiteral("the file is cut short (%1 bytes)").arg(QFileInfo(path).size());
    }
    sqlite3* handle = nullptr;
    const QByteArray name = QFile::encodeName(path);
    if (sqlite3_open_v2(name.constData(), &handle, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(handle);
        return {}; // cannot open: RunRegistry says why, nothing is moved
    }
    const std::unique_ptr<sqlite3, int (*)(sqlite3*)> database(handle, sqlite3_close);
    sqlite3_busy_timeout(handle, RunRegistry::busyTimeoutMilliseconds);
    QString problem;
    const auto collect = [](void* target, int columns, char** values, char**) {
        auto* lines = static_cast<QStringList*>(target);
        if (columns > 0 && values[0] != nullptr) {
            *lines << QString::fromUtf8(values[0]);
        }
        return 0;
    };
    QStringList check;
    int status = sqlite3_exec(handle, "PRAGMA quick_check", collect, &check, nullptr);
    if (status == SQLITE_NOTADB || status == SQLITE_CORRUPT) {
        return QString::fromUtf8(sqlite3_errstr(status));
    }
    if (status != SQLITE_OK) {
        return {}; // busy, I/O error, ...: not a reason to throw the file away
    }
    if (check != QStringList{QStringLiteral("ok")}) {
        return QStringLiteral("SQLite's quick_check: %1")
            .arg(check.mid(0, 3).join(QStringLiteral("; ")));
    }
    QStringList tables;
    status =
        sqlite3_exec(handle, "SELECT name FROM sqlite_master WHERE type='table' AND name='runs'",
                     collect, &tables, nullptr);
    if (status == SQLITE_OK && tables.isEmpty()) {
        return QStringLiteral("it has no runs table");
    }
    return {};
}

// Moves the database and its WAL companions aside; returns the new path of the database.
QString setAside(const QString& path) {
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'"));
    const QString target = path + QStringLiteral(".unusable-") + stamp;
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFileInfo::exists(path + suffix) && !QFile::rename(path + suffix, target + suffix)) {
            throw RunError(path + suffix,
                           QStringLiteral("the run registry is unusable and cannot be moved "
                                          "aside to %1 for a rebuild")
                               .arg(target + suffix));
        }
    }
    return target;
}

QDateTime creationTime(const QString& id, const QString& specPath) {
    if (isRunId(id)) {
        QDateTime time = QDateTime::fromString(id.left(19), QStringLiteral("yyyyMMdd'T'HHmmsszzz"));
        time.setTimeSpec(Qt::UTC);
        if (time.isValid()) {
            return time;
        }
    }
    return QFileInfo(specPath).lastModified().toUTC();
}

// The backend's job id as the executors recorded it in backend.json: SLURM's "jobId", the
// local executor's worker "pid".
void readBackendFile(const QString& runDirectory, RunRecord& record) {
    try {
        const QJsonObject backend =
            readJsonObjectFile(QDir(runDirectory).filePath(QStringLiteral("backend.json")));
        if (backend.contains(QStringLiteral("jobId"))) {
            record.backendJobId = backend.value(QStringLiteral("jobId")).toString();
        } else if (backend.contains(QStringLiteral("pid"))) {
            record.backendJobId = QString::number(backend.value(QStringLiteral("pid")).toInteger());
        }
        const QString name = backend.value(QStringLiteral("backend")).toString();
        if (!name.isEmpty()) {
            record.backend = name;
        }
    } catch (const RunError&) {
        // Not submitted yet, or a backend that keeps no file: nothing to re-attach to.
    }
}

} // namespace

QList<RunRecord> recordsFromRunDirectories(const QString& runsRoot, QStringList& skipped) {
    QList<RunRecord> records;
    const QDir root(runsRoot);
    for (const QFileInfo& entry :
         root.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString path = entry.absoluteFilePath();
        if (!QFileInfo::exists(QDir(path).filePath(QStringLiteral("spec.json")))) {
            continue; // not a run (the local executor's slots, a user's folder)
        }
        try {
            const RunDirectory run = RunDirectory::open(path);
            const RunSpec spec = run.spec();
            const RunStatus status = run.status();
            RunRecord record;
            record.id = run.runId();
            record.moduleId = spec.moduleId;
            record.action = spec.action;
            record.backend = spec.backend;
            record.state = status.state;
            record.detail = status.detail;
            record.progress = status.progress;
            record.runDirectory = run.path();
            record.createdAt = creationTime(record.id, run.specPath());
            record.updatedAt = QFileInfo(run.statusPath()).lastModified().toUTC();
            readBackendFile(path, record);
            records << record;
        } catch (const RunError& error) {
            skipped << QStringLiteral("%1: %2").arg(path, error.message());
        }
    }
    return records;
}

std::unique_ptr<RunRegistry> openRegistry(const QString& databasePath, const QString& runsRoot,
                                          RegistryRecovery& recovery) {
    recovery = RegistryRecovery{};
    const QString path = QFileInfo(databasePath).absoluteFilePath();
    if (!QFileInfo::exists(path)) {
        recovery.reason = QStringLiteral("missing");
    } else {
        recovery.reason = unusableReason(path);
        if (!recovery.reason.isEmpty()) {
            recovery.setAsidePath = setAside(path);
        }
    }
    auto registry = std::make_unique<RunRegistry>(path);
    if (recovery.reason.isEmpty()) {
        return registry;
    }
    const QList<RunRecord> records = recordsFromRunDirectories(runsRoot, recovery.skipped);
    if (records.isEmpty() && recovery.setAsidePath.isEmpty()) {
        recovery.reason.clear(); // a new registry with nothing to recover: not a rebuild
        return registry;
    }
    recovery.runsRecovered = registry->restoreRuns(records);
    recovery.rebuilt = true;
    return registry;
}

} // namespace twins::runs
