// A registry database that is cut short, overwritten or deleted is rebuilt from the run
// directories when a RunManager starts (twins/runs/RegistryRecovery.h): every run is back with
// its module, action, state, detail, progress and backend job id, the unusable file is kept
// aside, and a healthy database is left alone.
#include "twinbench/runs/RegistryRecovery.h"

#include "TestFiles.h"
#include "twinbench/federation/RunManager.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunId.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace twins::runs;
using twins::federation::RunManager;

namespace {

struct Expected {
    QString id;
    RunState state;
    QString detail;
    QString backend;
    QString jobId;
};

} // namespace

class RegistryRecoveryTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;
    QList<Expected> m_expected;

    QString runsRoot() const { return m_root.filePath("runs"); }
    QString database() const { return m_root.filePath("runs/.registry.sqlite"); }

    RunManager::Options options() const {
        RunManager::Options options;
        options.registryPath = database();
        options.runsRoot = runsRoot();
        return options;
    }

    // Four runs as RunManager and the worker leave them: directory, status.json, backend.json,
    // and the registry row.
    void createRuns() {
        RunManager manager(options());
        const auto add = [&](const QString& action, const QList<RunState>& states,
                             const QString& detail, const QString& backend, const QString& jobId) {
            const QString id = newRunId();
            const RunDirectory run =
                RunDirectory::create(QDir(runsRoot()).filePath(id), id,
                                     RunSpec::forCurrentBuild("testtwin", action, backend));
            manager.registry().registerRun(id, run.spec(), run.path());
            for (const RunState state : states) {
                run.changeState(state, state == states.last() ? detail : QString());
                manager.registry().updateState(id, state,
                                               state == states.last() ? detail : QString());
            }
            if (!jobId.isEmpty()) {
                QVERIFY(twins::testing::writeBytes(
                    run.path() + "/backend.json", QStringLiteral(R"({"backend":"%1","jobId":"%2"})")
                                                      .arg(backend, jobId)
                                                      .toUtf8()));
                manager.registry().setBackendJobId(id, jobId);
            }
            m_expected << Expected{id, states.isEmpty() ? RunState::Created : states.last(), detail,
                                   backend, jobId};
        };
        add("generate", {}, {}, "local", {});
        add("generate", {RunState::Queued, RunState::Running, RunState::Succeeded}, {}, "local",
            {});
        add("fail", {RunState::Queued, RunState::Running, RunState::Failed}, "boom at step 42",
            "slurm", "4711");
        add("sleep", {RunState::Queued, RunState::Running}, "running on node1", "slurm", "4712");
        QCOMPARE(manager.registry().list().size(), 4);
    }

    void verifyRunsAreBack(RunManager& manager) {
        const QList<RunRecord> records = manager.registry().list();
        QCOMPARE(records.size(), m_expected.size());
        for (const Expected& expected : m_expected) {
            const auto record = manager.registry().find(expected.id);
            QVERIFY2(record, qPrintable(expected.id));
            QCOMPARE(record->state, expected.state);
            QCOMPARE(record->detail, expected.detail);
            QCOMPARE(record->backend, expected.backend);
            QCOMPARE(record->backendJobId, expected.jobId);
            QCOMPARE(record->moduleId, QString("testtwin"));
            QCOMPARE(record->runDirectory, QDir(runsRoot()).filePath(expected.id));
            QVERIFY(record->createdAt.isValid());
        }
        // Newest first, as before.
        QCOMPARE(records.first().id, m_expected.last().id);
    }

private slots:
    void init() {
        QVERIFY(m_root.isValid());
        QDir(runsRoot()).removeRecursively();
        m_expected.clear();
        createRuns();
    }

    void healthyRegistryIsLeftAlone() {
        RunManager manager(options());
        QVERIFY(!manager.registryRecovery().rebuilt);
        QVERIFY(manager.registryRecovery().setAsidePath.isEmpty());
        verifyRunsAreBack(manager);
    }

    void corruptRegistryIsRebuilt_data() {
        QTest::addColumn<QString>("damage");
        QTest::newRow("cut to half") << "half";
        QTest::newRow("cut to 0 bytes") << "empty";
        QTest::newRow("header overwritten") << "garbage";
        QTest::newRow("deleted") << "deleted";
    }
    void corruptRegistryIsRebuilt() {
        QFETCH(QString, damage);
        QFile file(database());
        const QByteArray original = twins::testing::readBytes(database());
        QVERIFY(original.size() > 4096);
        if (damage == "half") {
            QVERIFY(file.resize(original.size() / 2));
        } else if (damage == "empty") {
            QVERIFY(file.resize(0));
        } else if (damage == "garbage") {
            QVERIFY(file.open(QIODevice::ReadWrite));
            file.write(QByteArray(100, 'x'));
            file.close();
        } else {
            QVERIFY(file.remove());
        }

        RunManager manager(options());
        const RegistryRecovery& recovery = manager.registryRecovery();
        qInfo("%s: rebuilt because %s", qPrintable(damage), qPrintable(recovery.reason));
        QVERIFY(recovery.rebuilt);
        QCOMPARE(recovery.runsRecovered, 4);
        QVERIFY2(recovery.skipped.isEmpty(), qPrintable(recovery.skipped.join('\n')));
        if (damage == "deleted") {
            QCOMPARE(recovery.reason, QString("missing"));
            QVERIFY(recovery.setAsidePath.isEmpty());
        } else {
            QVERIFY(QFileInfo::exists(recovery.setAsidePath));
            QVERIFY(recovery.setAsidePath.startsWith(database() + ".unusable-"));
        }
        verifyRunsAreBack(manager);

        // The rebuilt registry works on: the running run moves on, and a second start does not
        // rebuild again.
        manager.registry().updateState(m_expected.last().id, RunState::Succeeded);
        RunManager again(options());
        QVERIFY(!again.registryRecovery().rebuilt);
        QCOMPARE(again.registry().find(m_expected.last().id)->state, RunState::Succeeded);
    }
};

QTEST_GUILESS_MAIN(RegistryRecoveryTest)
#include "RegistryRecoveryTest.moc"
