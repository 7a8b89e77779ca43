// A full disk while a run writes (issue 18): the runs folder is a 4 MiB tmpfs, mounted in this
// test's private mount namespace (ctest starts it under `unshare -m`, so nothing is mounted
// outside the test). A run that writes a 72 MiB field into it fails with a detail that says
// "no space left on device" and names the output; nothing half-written is left, so the space is
// free again; the registry (on the ordinary disk) and the run before it are intact, byte for
// byte; and a run submitted after the failure succeeds.
#include "FederationTestSupport.h"
#include "twinbench/federation/RunManager.h"
#include "twinbench/runs/Sha256.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/mount.h>
#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>

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
                 "run this test through ctest, which starts it under unshare -m");
        QVERIFY2(::mount("tmpfs", QFile::encodeName(m_runs).constData(), "tmpfs", 0,
                         "size=4m,mode=0700") == 0,
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
        QVERIFY2(freeBefore > 3u << 20, qPrintable(QString::number(freeBefore)));

        // 3072 x 3072 doubles: 72 MiB before compression, far more than the 4 MiB disk.
        const RunRecord run = manager.submit(testSpec("generate", {{"size", 3072}}, "local"));
        const RunRecord failed = refreshUntil(manager, run.id, RunState::Failed, 60000);
        QCOMPARE(failed.state, RunState::Failed);
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
        QVERIFY2(freeBytes(m_runs) + (256u << 10) >= freeBefore,
                 qPrintable(QStringLiteral("%1 free after, %2 before")
                                .arg(freeBytes(m_runs))
                                .arg(freeBefore)));

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
};

QTEST_GUILESS_MAIN(FullDiskTest)
#include "FullDiskTest.moc"
