#include "twinbench/runs/RunRegistry.h"

#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunId.h"
#include "twinbench/runs/RunStatus.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <memory>
#include <sqlite3.h>

namespace twins::runs {

namespace {

// Bumped when the table changes; a database from a newer Twinbench is refused, not misread.
constexpr int schemaVersion = 1;

const char* const createTable = R"(CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY NOT NULL,
    module TEXT NOT NULL,
    action TEXT NOT NULL,
    backend TEXT NOT NULL,
    backend_job_id TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    progress REAL NOT NULL DEFAULT 0,
    run_directory TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL))";

const char* const selectColumns = "SELECT id, module, action, backend, backend_job_id, state, "
                                  "detail, progress, run_directory, created, updated FROM runs";

QString uniqueConnectionName() {
    static std::atomic<quint64> counter{0};
    return QStringLiteral("twinbench_runs_%1").arg(++counter);
}

QString nowText() {
    return isoTime(QDateTime::currentDateTimeUtc());
}

// A null QString binds as SQL NULL, which the NOT NULL text columns refuse; an empty detail or
// job id is stored as ''.
QString text(const QString& value) {
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace

// Everything that talks to the connection; a class so the helpers can name the database path
// in their errors without passing it around.
class RegistryConnection {
public:
    RegistryConnection(const QString& path, const QString& name)
        : m_path(path), m_database(QSqlDatabase::database(name, false)) {}

    [[noreturn]] void fail(const QString& what, const QSqlError& error) const {
        throw RunError(m_path, QStringLiteral("%1: %2").arg(what, error.text()));
    }

    QSqlQuery prepare(const QString& sql) const {
        QSqlQuery query(m_database);
        // Every result is read once, in order: without this QtSql keeps each row it has seen
        // for random access, which doubled the time to list 10,000 runs.
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            fail(QStringLiteral("cannot prepare '%1'").arg(sql.simplified()), query.lastError());
        }
        return query;
    }

    void execute(QSqlQuery& query, const QString& what) const {
        if (!query.exec()) {
            fail(what, query.lastError());
        }
    }

    QSqlQuery run(const QString& sql, const QString& what) const {
        QSqlQuery query(m_database);
        if (!query.exec(sql)) {
            fail(what, query.lastError());
        }
        return query;
    }

    RunRecord record(const QSqlQuery& query) const {
        RunRecord record;
        record.id = query.value(0).toString();
        record.moduleId = query.value(1).toString();
        record.action = query.value(2).toString();
        record.backend = query.value(3).toString();
        record.backendJobId = query.value(4).toString();
        const auto state = parseRunState(query.value(5).toString());
        if (!state) {
            throw RunError(m_path, QStringLiteral("run %1 has an unknown state '%2'")
                                       .arg(record.id, query.value(5).toString()));
        }
        record.state = *state;
        record.detail = query.value(6).toString();
        record.progress = query.value(7).toDouble();
        record.runDirectory = query.value(8).toString();
        record.createdAt = parseIsoTime(query.value(9).toString());
        record.updatedAt = parseIsoTime(query.value(10).toString());
        return record;
    }

private:
    const QString& m_path;
    QSqlDatabase m_database;
};

RunRegistry::RunRegistry(const QString& databasePath)
    : m_databasePath(QFileInfo(databasePath).absoluteFilePath()),
      m_connectionName(uniqueConnectionName()) {
    const QString directory = QFileInfo(m_databasePath).absolutePath();
    if (!QDir().mkpath(directory)) {
        throw RunError(
            m_databasePath,
            QStringLiteral("cannot create the directory %1 for the run registry").arg(directory));
    }
    if (QFileInfo(m_databasePath).isDir()) {
        throw RunError(m_databasePath, QStringLiteral("is a directory, not a database file"));
    }

    // The constructor throws before the destructor could clean up: drop the connection here.
    const auto removeConnection = [this] {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    };
    try {
        {
            QSqlDatabase database =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
            if (!database.isValid()) {
                throw RunError(m_databasePath,
                               QStringLiteral("the Qt SQLite driver (QSQLITE) is not available"));
            }
            database.setDatabaseName(m_databasePath);
            database.setConnectOptions(
                QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMilliseconds));
            if (!database.open()) {
                throw RunError(m_databasePath, QStringLiteral("cannot open the run registry: %1")
                                                   .arg(database.lastError().text()));
            }
        }
        RegistryConnection connection(m_databasePath, m_connectionName);
        connection.run(QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMilliseconds),
                       QStringLiteral("cannot set the busy timeout"));
        // WAL: readers never block the writer and a crash mid-write rolls back to the last
        // commit. The pragma answers with the mode in force, which is what must be checked.
        QSqlQuery journal = connection.run(QStringLiteral("PRAGMA journal_mode = WAL"),
                                           QStringLiteral("cannot switch to WAL journal mode"));
        const QString mode = journal.next() ? journal.value(0).toString() : QString();
        if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            throw RunError(
                m_databasePath,
                QStringLiteral("cannot switch to WAL journal mode (still '%1')").arg(mode));
        }
        QSqlQuery versionQuery = connection.run(QStringLiteral("PRAGMA user_version"),
                                                QStringLiteral("cannot read the schema version"));
        const int version = versionQuery.next() ? versionQuery.value(0).toInt() : 0;
        if (version > schemaVersion) {
            throw RunError(m_databasePath,
                           QStringLiteral("written by a newer Twinbench (schema %1, this build "
                                          "understands up to %2)")
                               .arg(version)
                               .arg(schemaVersion));
        }
        connection.run(QString::fromLatin1(createTable),
                       QStringLiteral("cannot create the runs table"));
        connection.run(
            QStringLiteral("CREATE INDEX IF NOT EXISTS runs_by_created ON runs (created, id)"),
            QStringLiteral("cannot create an index"));
        if (version < schemaVersion) {
            connection.run(QStringLiteral("PRAGMA user_version = %1").arg(schemaVersion),
                           QStringLiteral("cannot write the schema version"));
        }
    } catch (...) {
        removeConnection();
        throw;
    }
}

RunRegistry::~RunRegistry() {
    QSqlDatabase::database(m_connectionName, false).close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString RunRegistry::defaultDatabasePath() {
    // The worker, the GUI and the scripted exports must agree: one place says where.
    const QString fromEnvironment = qEnvironmentVariable("TWINBENCH_RUNS_DIR");
    return fromEnvironment.isEmpty()
               ? QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                     QStringLiteral("/Twinbench/runs.sqlite")
               : QDir(fromEnvironment).absoluteFilePath(QStringLiteral(".registry.sqlite"));
}

RunRecord RunRegistry::registerRun(const RunSpec& spec, const QString& runDirectory) {
    return registerRun(newRunId(), spec, runDirectory);
}

RunRecord RunRegistry::registerRun(const QString& id, const RunSpec& spec,
                                   const QString& runDirectory) {
    if (id.isEmpty()) {
        throw RunError(m_databasePath, QStringLiteral("cannot register a run without an id"));
    }
    RegistryConnection connection(m_databasePath, m_connectionName);
    QSqlQuery query = connection.prepare(QStringLiteral(
        "INSERT INTO runs (id, module, action, backend, state, run_directory, created, updated) "
        "VALUES (:id, :module, :action, :backend, :state, :directory, :created, :updated)"));
    const QString now = nowText();
    query.bindValue(QStringLiteral(":id"), id);
    query.bindValue(QStringLiteral(":module"), text(spec.moduleId));
    query.bindValue(QStringLiteral(":action"), text(spec.action));
    query.bindValue(QStringLiteral(":backend"), text(spec.backend));
    query.bindValue(QStringLiteral(":state"), runStateName(RunState::Created));
    query.bindValue(QStringLiteral(":directory"), text(runDirectory));
    query.bindValue(QStringLiteral(":created"), now);
    query.bindValue(QStringLiteral(":updated"), now);
    connection.execute(query, QStringLiteral("cannot register run %1").arg(id));
    return requireRun(id);
}

RunRecord RunRegistry::updateState(const QString& id, RunState state, const QString& detail) {
    QStringList predecessors;
    for (RunState from : allRunStates()) {
        if (isLegalTransition(from, state)) {
            predecessors << QLatin1Char('\'') + runStateName(from) + QLatin1Char('\'');
        }
    }
    if (predecessors.isEmpty()) {
        const RunRecord current = requireRun(id);
        throw RunError(m_databasePath,
                       QStringLiteral("run %1: %2").arg(id, transitionError(current.state, state)));
    }
    RunRecord before;
    {
        RegistryConnection connection(m_databasePath, m_connectionName);
        // Check and write in one statement: the row changes only if its current state may
        // move to `state`, whatever another connection did a moment earlier.
        QSqlQuery query = connection.prepare(
            QStringLiteral("UPDATE runs SET state = :state, detail = :detail, updated = :updated, "
                           "progress = CASE WHEN :state2 = 'succeeded' THEN 1 ELSE progress END "
                           "WHERE id = :id AND state IN (%1)")
                .arg(predecessors.join(QStringLiteral(", "))));
        query.bindValue(QStringLiteral(":state"), runStateName(state));
        query.bindValue(QStringLiteral(":state2"), runStateName(state));
        query.bindValue(QStringLiteral(":detail"), text(detail));
        query.bindValue(QStringLiteral(":updated"), nowText());
        query.bindValue(QStringLiteral(":id"), id);
        connection.execute(query, QStringLiteral("cannot update run %1").arg(id));
        if (query.numRowsAffected() == 1) {
            return requireRun(id);
        }
    }
    const RunRecord current = requireRun(id);
    throw RunError(m_databasePath,
                   QStringLiteral("run %1: %2").arg(id, transitionError(current.state, state)));
}

void RunRegistry::updateProgress(const QString& id, double progress, const QString& detail) {
    RegistryConnection connection(m_databasePath, m_connectionName);
    QSqlQuery query =
        connection.prepare(QStringLiteral("UPDATE runs SET progress = :progress, detail = :detail, "
                                          "updated = :updated WHERE id = :id"));
    query.bindValue(QStringLiteral(":progress"), std::clamp(progress, 0.0, 1.0));
    query.bindValue(QStringLiteral(":detail"), text(detail));
    query.bindValue(QStringLiteral(":updated"), nowText());
    query.bindValue(QStringLiteral(":id"), id);
    connection.execute(query, QStringLiteral("cannot update the progress of run %1").arg(id));
    if (query.numRowsAffected() != 1) {
        throw RunError(m_databasePath, QStringLiteral("no run with id %1").arg(id));
    }
}

void RunRegistry::setBackendJobId(const QString& id, const QString& backendJobId) {
    RegistryConnection connection(m_databasePath, m_connectionName);
    QSqlQuery query = connection.prepare(
        QStringLiteral("UPDATE runs SET backend_job_id = :job, updated = :updated WHERE id = :id"));
    query.bindValue(QStringLiteral(":job"), text(backendJobId));
    query.bindValue(QStringLiteral(":updated"), nowText());
    query.bindValue(QStringLiteral(":id"), id);
    connection.execute(query, QStringLiteral("cannot set the backend job id of run %1").arg(id));
    if (query.numRowsAffected() != 1) {
        throw RunError(m_databasePath, QStringLiteral("no run with id %1").arg(id));
    }
}

int RunRegistry::restoreRuns(const QList<RunRecord>& records) {
    QSqlDatabase database = QSqlDatabase::database(m_connectionName, false);
    if (!database.transaction()) {
        throw RunError(
            m_databasePath,
            QStringLiteral("cannot start a transaction: %1").arg(database.lastError().text()));
    }
    int added = 0;
    try {
        RegistryConnection connection(m_databasePath, m_connectionName);
        QSqlQuery query = connection.prepare(QStringLiteral(
            "INSERT OR IGNORE INTO runs (id, module, action, backend, backend_job_id, state, "
            "detail, progress, run_directory, created, updated) VALUES (:id, :module, :action, "
            ":backend, :job, :state, :detail, :progress, :directory, :created, :updated)"));
        for (const RunRecord& record : records) {
            query.bindValue(QStringLiteral(":id"), record.id);
            query.bindValue(QStringLiteral(":module"), text(record.moduleId));
            query.bindValue(QStringLiteral(":action"), text(record.action));
            query.bindValue(QStringLiteral(":backend"), text(record.backend));
            query.bindValue(QStringLiteral(":job"), text(record.backendJobId));
            query.bindValue(QStringLiteral(":state"), runStateName(record.state));
            query.bindValue(QStringLiteral(":detail"), text(record.detail));
            query.bindValue(QStringLiteral(":progress"), std::clamp(record.progress, 0.0, 1.0));
            query.bindValue(QStringLiteral(":directory"), text(record.runDirectory));
            query.bindValue(QStringLiteral(":created"), isoTime(record.createdAt));
            query.bindValue(QStringLiteral(":updated"), isoTime(record.updatedAt));
            connection.execute(query, QStringLiteral("cannot restore run %1").arg(record.id));
            added += query.numRowsAffected() == 1 ? 1 : 0;
        }
    } catch (...) {
        database.rollback();
        throw;
    }
    if (!database.commit()) {
        throw RunError(
            m_databasePath,
            QStringLiteral("cannot commit the restored runs: %1").arg(database.lastError().text()));
    }
    return added;
}

std::optional<RunRecord> RunRegistry::find(const QString& id) const {
    RegistryConnection connection(m_databasePath, m_connectionName);
    QSqlQuery query =
        connection.prepare(QString::fromLatin1(selectColumns) + QStringLiteral(" WHERE id = :id"));
    query.bindValue(QStringLiteral(":id"), id);
    connection.execute(query, QStringLiteral("cannot look up run %1").arg(id));
    if (!query.next()) {
        return std::nullopt;
    }
    return connection.record(query);
}

RunRecord RunRegistry::requireRun(const QString& id) const {
    auto record = find(id);
    if (!record) {
        throw RunError(m_databasePath, QStringLiteral("no run with id %1").arg(id));
    }
    return *record;
}

QList<RunRecord> RunRegistry::list(const RunFilter& filter) const {
    QStringList conditions;
    if (filter.state) {
        conditions << QStringLiteral("state = ?1");
    }
    if (!filter.moduleId.isEmpty()) {
        conditions << QStringLiteral("module = ?2");
    }
    if (filter.activeOnly) {
        conditions << QStringLiteral("state NOT IN ('succeeded', 'failed', 'cancelled')");
    }
    QString sql = QString::fromLatin1(selectColumns);
    if (!conditions.isEmpty()) {
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    }
    // Ids are time-sortable, so they break ties between runs created in one millisecond.
    sql += QStringLiteral(" ORDER BY created DESC, id DESC");
    if (filter.limit > 0) {
        sql += QStringLiteral(" LIMIT %1").arg(filter.limit);
    }

    // The listing goes through SQLite's C API on the connection's own handle: QtSql wraps
    // every cell in a QVariant, which made listing 10,000 runs for the Runs dock 2-3x slower
    // than the sqlite3 shell printing them. Everything else keeps using QtSql.
    const QVariant handle = QSqlDatabase::database(m_connectionName, false).driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        throw RunError(m_databasePath,
                       QStringLiteral("the Qt SQLite driver gave no native handle"));
    }
    sqlite3* database = *static_cast<sqlite3* const*>(handle.constData());
    sqlite3_stmt* statement = nullptr;
    const QByteArray sqlText = sql.toUtf8();
    if (sqlite3_prepare_v2(database, sqlText.constData(), static_cast<int>(sqlText.size()),
                           &statement, nullptr) != SQLITE_OK) {
        throw RunError(m_databasePath, QStringLiteral("cannot list runs: %1")
                                           .arg(QString::fromUtf8(sqlite3_errmsg(database))));
    }
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(statement, sqlite3_finalize);
    const QByteArray stateName = filter.state ? runStateName(*filter.state).toUtf8() : QByteArray();
    const QByteArray moduleName = filter.moduleId.toUtf8();
    if (filter.state) {
        sqlite3_bind_text(statement, 1, stateName.constData(), static_cast<int>(stateName.size()),
                          SQLITE_STATIC);
    }
    if (!filter.moduleId.isEmpty()) {
        sqlite3_bind_text(statement, 2, moduleName.constData(), static_cast<int>(moduleName.size()),
                          SQLITE_STATIC);
    }
    const auto text = [statement](int column) {
        const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
        return QString::fromUtf8(bytes, sqlite3_column_bytes(statement, column));
    };
    QList<RunRecord> records;
    int status = SQLITE_ROW;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
        RunRecord record;
        record.id = text(0);
        record.moduleId = text(1);
        record.action = text(2);
        record.backend = text(3);
        record.backendJobId = text(4);
        const QString stateText = text(5);
        const auto state = parseRunState(stateText);
        if (!state) {
            throw RunError(
                m_databasePath,
                QStringLiteral("run %1 has an unknown state '%2'").arg(record.id, stateText));
        }
        record.state = *state;
        record.detail = text(6);
        record.progress = sqlite3_column_double(statement, 7);
        record.runDirectory = text(8);
        record.createdAt = parseIsoTime(text(9));
        record.updatedAt = parseIsoTime(text(10));
        records << std::move(record);
    }
    if (status != SQLITE_DONE) {
        throw RunError(m_databasePath, QStringLiteral("cannot list runs: %1")
                                           .arg(QString::fromUtf8(sqlite3_errmsg(database))));
    }
    return records;
}

} // namespace twins::runs
