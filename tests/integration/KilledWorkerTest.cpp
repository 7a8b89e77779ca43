// kill -9 of a worker in the middle of writing its output: the run ends failed with a detail
// saying the worker died without a result, nothing half-written sits under the output's name,
// the outputs of the run before it are byte for byte intact, and Resubmit runs the same spec
// to success.
#include "FederationTestSupport.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/federation/RunManager.h"
#include "twinbench/runs/AtomicJson.h"
#include "twinbench/runs/Sha256.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace twins::federation;
using namespace twins::runs;
using twins::testing::refreshUntil;
using twins::testing::testSpec;
using twins::testing::waitUntil;

class KilledWorkerTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QCOMPARE(twins::testing::prepareWorkerEnvironment(), QString()); }

    void workerKilledMidWriteFailsCleanlyAndResubmitWorks() {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        RunManager manager({root.filePath("registry.sqlite"), root.filePath("runs"), {}});

        const RunRecord earlier = manager.submit(testSpec("generate", {{"size", 16}}, "local"));
        QCOMPARE(refreshUntil(manager, earlier.id, RunState::Succeeded, 20000).state,
                 RunState::Succeeded);
        const QString earlierField = earlier.runDirectory + "/outputs/field.nc";
        const QString earlierHash = sha256OfFile(earlierField);

        // Big enough that writing takes a while, in about ten progress steps.
        const RunRecord run = manager.submit(testSpec("generate", {{"size", 3072}}, "local"));
        const RunDirectory directory = RunDirectory::open(run.runDirectory);
        QVERIFY2(waitUntil(
                     [&] {
                         const RunStatus status = directory.status();
                         return status.state == RunState::Running && status.progress > 0.0;
                     },
                     30000) >= 0,
                 "the run never got to writing");
        const RunStatus before = directory.status();
        QVERIFY2(before.progress < 1.0, qPrintable(before.detail)); // mid-write
        const qint64 pid = readJsonObjectFile(run.runDirectory + "/backend.json")
                               .value(QStringLiteral("pid"))
                               .toInteger();
        QVERIFY(pid > 0);
        QCOMPARE(::kill(static_cast<pid_t>(pid), SIGKILL), 0);
        qInfo("killed worker %lld at progress %.2f (%s)", pid, before.progress,
              qPrintable(before.detail));

        const RunRecord failed = refreshUntil(manager, run.id, RunState::Failed, 10000);
        QCOMPARE(failed.state, RunState::Failed);
        QVERIFY2(failed.detail.contains(
                     QStringLiteral("worker process %1 ended without reporting a result").arg(pid)),
                 qPrintable(failed.detail));
        QCOMPARE(directory.status().state, RunState::Failed);
        // Nothing half-written under the output's name.
        QVERIFY(!QFileInfo::exists(run.runDirectory + "/outputs/field.nc"));
        // The earlier run's output: untouched.
        QCOMPARE(sha256OfFile(earlierField), earlierHash);
        QCOMPARE(manager.find(earlier.id)->state, RunState::Succeeded);

        // Resubmit: the same spec as a new run, to the end.
        const RunRecord again = manager.resubmit(run.id);
        QVERIFY(again.id != run.id);
        QCOMPARE(refreshUntil(manager, again.id, RunState::Succeeded, 60000).state,
                 RunState::Succeeded);
        const auto file =
            twins::data::NetcdfFile::open((again.runDirectory + "/outputs/field.nc").toStdString());
        QCOMPARE(file->variable("field").shape, (std::vector<std::size_t>{3072, 3072}));
    }
};

QTEST_GUILESS_MAIN(KilledWorkerTest)
#include "KilledWorkerTest.moc"
