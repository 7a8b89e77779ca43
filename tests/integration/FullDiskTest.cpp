// A full disk while a run writes (issue 18): the runs folder is a 256 KiB tmpfs, mounted in this
// test's private mount namespace (ctest starts it through tests/support/private-mounts.sh, so
// nothing is mounted outside the test).
// - A run that writes a 3072 x 3072 field (72 MiB, a few MiB deflated) fails with a detail that
//   says "no space left on device" and names the output; nothing half-written is left and the
//   space is free again; the registry (on the ordinary disk) and the run before it are intact,
//   byte for byte; a run submitted after the failure succeeds.
// - A disk filled by someone else while a run is active: the run still records its own final
//   state and reason (the worker's SpaceReserve), rather than ending without a word.
// - A writer abandoned on a full disk gives the space back before the process ends (HDF5 may
//   keep a file whose close failed open; PartialPath.h's discardPartialFile).
#include "FederationTestSupport.h"
#include "TestFiles.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/federation/RunManager.h"
#include "twinbench/runs/Sha256.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <random>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <vector>

using namespace twins::federation;
using namespace twins::runs;
using twins::testing::refreshUntil;
using twins::testing::testSpec;

namespace {

unsigned long long freeBytes(const QString& path) {
    struct statvfs info {};
    return ::statvfs(QFile::encodeName(path).constData(), &info) == 0
               ? static_cast<unsigned long long>(info.f_bavail) * info.f_frsize
               : 0;
}

} // namespace

class FullDiskTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;
    QString m_runs;

private slots:
    void initTestCase() {
        QCOMPARE(twins::testing::prepareWorkerEnvironment(), QString());
        QVERIFY(m_root.isValid());
        m_runs = m_root.filePath("runs");
        QVERIFY(QDir().mkpath(m_runs));
        // Fails (never skips) when the namespace is missing: mounting here would then be
        // visible to the whole machine, so the test refuses to run outside `unshare -m`.
        QVERIFY2(qEnvironmentVariableIsSet("TWINBENCH_PRIVATE_MOUNTS"),
                 "run this test through ctest, which starts it in a private mount namespace");
        QVERIFY2(::mount("tmpfs", QFile::encodeName(m_runs).constData(), "tmpfs", 0,
                         "size=256k,mode=0700") == 0,
                 std::strerror(errno));
    }

    void cleanupTestCase() { ::umount2(QFile::encodeName(m_runs).constData(), MNT_DETACH); }

    void runOnAFullDiskFailsSayingSoAndLosesNothing() {
        const QString registry = m_root.filePath("registry.sqlite");
        RunManager manager({registry, m_runs, {}});

        const RunRecord earlier = manager.submit(testSpec("generate", {{"size", 16}}, "local"));
        QCOMPARE(refreshUntil(manager, earlier.id, RunState::Succeeded, 30000).state,
                 RunState::Succeeded);
        const QString earlierField = earlier.runDirectory + "/outputs/field.nc";
        const QString earlierHash = sha256OfFile(earlierField);
        const unsigned long long freeBefore = freeBytes(m_runs);
        QVERIFY2(freeBefore > 128u << 10, qPrintable(QString::number(freeBefore)));

        // 3072 x 3072 doubles: 72 MiB before compression, far more than the 4 MiB disk.
        const RunRecord run = manager.submit(testSpec("generate", {{"size", 3072}}, "local"));
        const RunRecord failed = refreshUntil(manager, run.id, RunState::Failed, 60000);
        QVERIFY2(failed.state == RunState::Failed,
                 qPrintable(
                     runStateName(failed.state) + ": " + failed.detail + " in " + run.runDirectory +
                     "\n" +
                     QString::fromUtf8(twins::testing::readBytes(run.runDirectory + "/log.txt"))));
        const QString output = run.runDirectory + "/outputs/field.nc";
        QVERIFY2(failed.detail.contains("no space left on device") &&
                     failed.detail.contains(output),
                 qPrintable(failed.detail));
        QVERIFY2(!failed.detail.contains("HDF error") || failed.detail.contains("no space"),
                 qPrintable(failed.detail));

        // Nothing half-written under the output's name or beside it: the space is free again.
        QVERIFY(!QFileInfo::exists(output));
        QCOMPARE(QDir(run.runDirectory + "/outputs").entryList(QDir::Files | QDir::Hidden),
                 QStringList());
        QVERIFY2(
            freeBytes(m_runs) + (64u << 10) >= freeBefore,
            qPrintable(
                QStringLiteral("%1 free after, %2 before").arg(freeBytes(m_runs)).arg(freeBefore)));

        // The registry and the earlier run: intact (a new manager reads the same registry).
        QCOMPARE(sha256OfFile(earlierField), earlierHash);
        RunManager reopened({registry, m_runs, {}});
        QCOMPARE(reopened.find(earlier.id)->state, RunState::Succeeded);
        QCOMPARE(reopened.find(run.id)->state, RunState::Failed);

        // And the disk is usable: a run that fits succeeds.
        const RunRecord after = reopened.submit(testSpec("generate", {{"size", 32}}, "local"));
        QCOMPARE(refreshUntil(reopened, after.id, RunState::Succeeded, 30000).state,
                 RunState::Succeeded);
    }

    void abandonedWriteGivesItsSpaceBackAtOnce() {
        const QString folder = m_runs + "/direct";
        QVERIFY(QDir().mkpath(folder));
        const unsigned long long freeBefore = freeBytes(m_runs);
        const std::string path = (folder + "/noise.nc").toStdString();
        // Random numbers do not deflate: 512 x 512 doubles are 2 MiB on any disk.
        std::vector<double> noise(512 * 512);
        std::mt19937_64 generator(18);
        std::uniform_real_distribution<double> uniform;
        for (double& value : noise) {
            value = uniform(generator);
        }
        QString message;
        try {
            twins::data::NetcdfWriter writer(path);
            writer.addDimension("y", 512);
            writer.addDimension("x", 512);
            writer.addVariable("noise", twins::data::NetcdfWriter::Type::Double, {"y", "x"}, 1);
            writer.write("noise", {0, 0}, {512, 512}, noise.data());
            writer.commit();
        } catch (const twins::data::DataError& error) {
            message = QString::fromUtf8(error.what());
        }
        QVERIFY2(message.contains("no space left on device"), qPrintable(message));
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList());
        QVERIFY2(
            freeBytes(m_runs) + (16u << 10) >= freeBefore,
            qPrintable(
                QStringLiteral("%1 free after, %2 before").arg(freeBytes(m_runs)).arg(freeBefore)));
    }

    void diskFilledByOthersStillGetsTheRunsFinalWord() {
        const QString registry = m_root.filePath("registry-2.sqlite");
        RunManager manager({registry, m_runs, {}});
        const RunRecord run = manager.submit(testSpec("sleep", {{"seconds", 30}}, "local"));
        QCOMPARE(refreshUntil(manager, run.id, RunState::Running, 30000).state, RunState::Running);

        // Another program fills the disk to the last block while the run is active.
        const QString fillerPath = m_runs + "/filler";
        {
            QFile filler(fillerPath);
            QVERIFY(filler.open(QIODevice::WriteOnly));
            const QByteArray block(4096, 'x');
            while (filler.write(block) == block.size() && filler.flush()) {
            }
        }
        QVERIFY2(freeBytes(m_runs) < 4096, qPrintable(QString::number(freeBytes(m_runs))));

        const RunRecord ended = manager.cancel(run.id);
        const QByteArray log = twins::testing::readBytes(run.runDirectory + "/log.txt");
        QVERIFY2(isTerminal(ended.state),
                 qPrintable(runStateName(ended.state) + ": " + ended.detail + "\n" + log));
        QVERIFY2(!ended.detail.contains("without reporting"), qPrintable(ended.detail));
        QVERIFY2(ended.detail.contains("No space left on device", Qt::CaseInsensitive) ||
                     ended.detail.contains("signal"),
                 qPrintable(ended.detail));
        QVERIFY(QFile::remove(fillerPath));
    }
};

QTEST_GUILESS_MAIN(FullDiskTest)
#include "FullDiskTest.moc"
