// The SQLite run registry: register / update / list, illegal transitions that leave the row
// alone, survival of a writer killed with SIGKILL (a helper process, this same executable),
// two registry objects on one file, and clear errors for an unusable database path.
#include "twinbench/runs/RunRegistry.h"

#include "TestFiles.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunId.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cstdio>
#include <functional>

using namespace twins::runs;

namespace {

constexpr char helperVariable[] = "TWINBENCH_RUN_REGISTRY_HELPER_DB";

RunSpec specFor(const QString& module, const QString& action = "infer") {
    return RunSpec::forCurrentBuild(module, action, "slurm");
}

RunFilter inState(RunState state) {
    RunFilter filter;
    filter.state = state;
    return filter;
}

// Helper mode: commit a run, leave a second write open in a transaction, report the run id
// and wait to be killed, so the parent sees what a crashed GUI leaves behind.
int crashingWriter(const QString& databasePath) {
    RunRegistry registry(databasePath);
    const RunRecord record = registry.registerRun(specFor("cyclone"), "/runs/committed");
    registry.updateState(record.id, RunState::Queued, "(Priority)");
    registry.setBackendJobId(record.id, "4242");

    QSqlDatabase raw = QSqlDatabase::addDatabase("QSQLITE", "uncommitted");
    raw.setDatabaseName(databasePath);
    if (!raw.open()) {
        return 2;
    }
    QSqlQuery query(raw);
    if (!query.exec("BEGIN IMMEDIATE") ||
        !query.exec("INSERT INTO runs (id, module, action, backend, state, created, updated) "
                    "VALUES ('uncommitted', 'm', 'a', 'b', 'created', 'x', 'x')")) {
        return 3;
    }
    std::printf("%s\n", qPrintable(record.id));
    std::fflush(stdout);
    QThread::sleep(60); // the parent kills us long before
    return 4;
}

} // namespace

class RunRegistryTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_root;
    int m_databases = 0;

    QString freshDatabasePath() {
        return m_root.filePath(QString("registry%1/runs.sqlite").arg(++m_databases));
    }

    static void expectError(const std::function<void()>& action, const QString& path,
                            const QString& fragment) {
        try {
            action();
            QFAIL(qPrintable("no error; expected one containing " + fragment));
        } catch (const RunError& error) {
            QCOMPARE(error.path(), path);
            QVERIFY2(error.message().startsWith(path + ": "), error.what());
            QVERIFY2(error.message().contains(fragment), error.what());
        }
    }

private slots:
    void initTestCase() { QVERIFY(m_root.isValid()); }

    void defaultLocation() {
        // The same for every program (the GUI's scripted report once looked elsewhere).
        const QByteArray saved = qgetenv("TWINBENCH_RUNS_DIR");
        qunsetenv("TWINBENCH_RUNS_DIR");
        QCOMPARE(RunRegistry::defaultDatabasePath(),
                 QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                     "/Twinbench/runs.sqlite");
        qputenv("TWINBENCH_RUNS_DIR", m_root.path().toUtf8());
        QCOMPARE(RunRegistry::defaultDatabasePath(), m_root.filePath(".registry.sqlite"));
        if (saved.isEmpty()) {
            qunsetenv("TWINBENCH_RUNS_DIR");
        } else {
            qputenv("TWINBENCH_RUNS_DIR", saved);
        }
    }

    void opensInWalMode() {
        const QString path = freshDatabasePath();
        { RunRegistry registry(path); }
        QVERIFY(QFileInfo(path).isFile()); // the directory was created too
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase("QSQLITE", "inspect");
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery query("PRAGMA journal_mode", raw);
            QVERIFY(query.next());
            QCOMPARE(query.value(0).toString(), QString("wal"));
        }
        QSqlDatabase::removeDatabase("inspect");
    }

    void registersUpdatesAndLists() {
        const QString path = freshDatabasePath();
        RunRegistry registry(path);
        QCOMPARE(registry.databasePath(), path);

        const RunRecord first = registry.registerRun(specFor("cyclone"), "/runs/a");
        const RunRecord second = registry.registerRun(specFor("wildfire", "train"), "/runs/b");
        const RunRecord third = registry.registerRun(specFor("cyclone", "validate"), "/runs/c");
        QVERIFY(isRunId(first.id));
        QCOMPARE(first.state, RunState::Created);
        QCOMPARE(first.moduleId, QString("cyclone"));
        QCOMPARE(first.backend, QString("slurm"));
        QCOMPARE(first.runDirectory, QString("/runs/a"));
        QVERIFY(first.createdAt.isValid());
        QVERIFY(first.id < second.id && second.id < third.id);

        // Newest first.
        QList<RunRecord> all = registry.list();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all[0].id, third.id);
        QCOMPARE(all[1].id, second.id);
        QCOMPARE(all[2].id, first.id);

        const RunRecord queued = registry.updateState(first.id, RunState::Queued, "(Resources)");
        QCOMPARE(queued.state, RunState::Queued);
        QCOMPARE(queued.detail, QString("(Resources)"));
        QVERIFY(queued.updatedAt >= first.updatedAt);
        registry.setBackendJobId(first.id, "1234");
        registry.updateState(first.id, RunState::Running);
        registry.updateProgress(first.id, 0.4, "step 40/100");
        const RunRecord running = *registry.find(first.id);
        QCOMPARE(running.state, RunState::Running);
        QCOMPARE(running.backendJobId, QString("1234"));
        QCOMPARE(running.progress, 0.4);
        QCOMPARE(running.detail, QString("step 40/100"));
        registry.updateState(second.id, RunState::Cancelled, "by user");

        QCOMPARE(registry.list(inState(RunState::Running)).size(), 1);
        QCOMPARE(registry.list(inState(RunState::Running))[0].id, first.id);
        RunFilter byModule;
        byModule.moduleId = "cyclone";
        all = registry.list(byModule);
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].id, third.id);
        QCOMPARE(all[1].id, first.id);
        RunFilter active;
        active.activeOnly = true;
        QCOMPARE(registry.list(active).size(), 2); // running + created, not the cancelled one
        RunFilter limited;
        limited.limit = 1;
        QCOMPARE(registry.list(limited).size(), 1);
        QCOMPARE(registry.list(limited)[0].id, third.id);

        registry.updateState(first.id, RunState::Succeeded);
        QCOMPARE(registry.find(first.id)->progress, 1.0);

        QVERIFY(!registry.find("no-such-run"));
        expectError([&] { registry.updateState("no-such-run", RunState::Queued); }, path,
                    "no run with id no-such-run");
        expectError([&] { registry.setBackendJobId("no-such-run", "1"); }, path,
                    "no run with id no-such-run");
        expectError([&] { registry.registerRun(first.id, specFor("pulsar"), "/runs/d"); }, path,
                    "cannot register run " + first.id);
    }

    void illegalTransitionsLeaveTheRowAlone() {
        const QString path = freshDatabasePath();
        RunRegistry registry(path);
        const RunRecord run = registry.registerRun(specFor("calogan"), "/runs/x");
        QTest::qWait(5); // so a wrongly updated time would show

        expectError([&] { registry.updateState(run.id, RunState::Running, "skipped queue"); }, path,
                    "run " + run.id + ": illegal run state transition created -> running");
        expectError([&] { registry.updateState(run.id, RunState::Created); }, path,
                    "created -> created");
        const RunRecord unchanged = *registry.find(run.id);
        QCOMPARE(unchanged.state, RunState::Created);
        QCOMPARE(unchanged.detail, QString());
        QCOMPARE(unchanged.updatedAt, run.updatedAt);

        registry.updateState(run.id, RunState::Queued);
        registry.updateState(run.id, RunState::Failed, "sbatch: error: invalid partition");
        expectError([&] { registry.updateState(run.id, RunState::Queued); }, path,
                    "(failed is terminal)");
        QCOMPARE(registry.find(run.id)->state, RunState::Failed);
        QCOMPARE(registry.find(run.id)->detail, QString("sbatch: error: invalid partition"));
    }

    void survivesAWriterKilledMidTransaction() {
        const QString path = freshDatabasePath();
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QProcess helper;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(helperVariable, path);
        helper.setProcessEnvironment(environment);
        helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        helper.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(helper.waitForStarted());
        QVERIFY2(helper.waitForReadyRead(30000), "the helper did not report its run id");
        QTRY_VERIFY_WITH_TIMEOUT(helper.canReadLine(), 10000);
        const QString id = QString::fromLatin1(helper.readLine()).trimmed();
        QVERIFY2(isRunId(id), qPrintable(id));
        helper.kill(); // SIGKILL: no destructor, no close, a write transaction left open
        QVERIFY(helper.waitForFinished(10000));
        QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
        // The committed rows are still only in the write-ahead log: nothing checkpointed them.
        QVERIFY(QFileInfo::exists(path + "-wal"));

        RunRegistry reopened(path);
        const auto record = reopened.find(id);
        QVERIFY(record);
        QCOMPARE(record->state, RunState::Queued);
        QCOMPARE(record->detail, QString("(Priority)"));
        QCOMPARE(record->backendJobId, QString("4242"));
        QCOMPARE(record->runDirectory, QString("/runs/committed"));
        QVERIFY(!reopened.find("uncommitted")); // rolled back with the dead process
        // No lock was left behind: writing works at once.
        QCOMPARE(reopened.updateState(id, RunState::Running).state, RunState::Running);
        QCOMPARE(reopened.list(inState(RunState::Running)).size(), 1);
    }

    void twoRegistriesOnOneFileSeeEachOther() {
        const QString path = freshDatabasePath();
        RunRegistry gui(path);
        RunRegistry submitter(path);

        const RunRecord run = submitter.registerRun(specFor("pulsar"), "/runs/p");
        QVERIFY(gui.find(run.id));
        QCOMPARE(gui.find(run.id)->state, RunState::Created);

        gui.updateState(run.id, RunState::Cancelled, "by user");
        QCOMPARE(submitter.find(run.id)->state, RunState::Cancelled);
        // The submitter's view was stale (created); its move is checked against the row as it
        // is now, so the cancelled run is not resurrected.
        expectError([&] { submitter.updateState(run.id, RunState::Queued); }, path,
                    "cancelled -> queued");
        QCOMPARE(gui.find(run.id)->state, RunState::Cancelled);

        const RunRecord other = gui.registerRun(specFor("wildfire"), "/runs/w");
        QCOMPARE(submitter.list().size(), 2);
        QCOMPARE(submitter.list()[0].id, other.id);
    }

    void unusableDatabasePathsGiveErrors() {
        const QStringList connectionsBefore = QSqlDatabase::connectionNames();

        // The parent "directory" is a regular file: fails for root too.
        const QString blocker = m_root.filePath("not-a-directory");
        QVERIFY(twins::testing::writeBytes(blocker, "x"));
        const QString underFile = blocker + "/runs.sqlite";
        expectError([&] { RunRegistry registry(underFile); }, underFile,
                    "cannot create the directory " + blocker);

        const QString directory = m_root.filePath("a-directory");
        QVERIFY(QDir().mkpath(directory));
        expectError([&] { RunRegistry registry(directory); }, directory, "is a directory");

        // Not an SQLite file at all.
        const QString garbage = m_root.filePath("garbage/runs.sqlite");
        QVERIFY(QDir().mkpath(QFileInfo(garbage).absolutePath()));
        QVERIFY(twins::testing::writeBytes(garbage, QByteArray(4096, 'g')));
        expectError([&] { RunRegistry registry(garbage); }, garbage, "not a database");

        // Failed constructions do not leak connections.
        QCOMPARE(QSqlDatabase::connectionNames(), connectionsBefore);
    }
};

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsSet(helperVariable)) {
        QCoreApplication application(argc, argv);
        return crashingWriter(qEnvironmentVariable(helperVariable));
    }
    QCoreApplication application(argc, argv);
    RunRegistryTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "RunRegistryTest.moc"
