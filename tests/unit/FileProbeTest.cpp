// FileProbe (twins/data/FileProbe.h) with the real `twinbench-run probe`: a good file passes
// and is remembered (a second check runs no process, a changed file is probed again); a file
// whose global heap makes HDF5 1.10 crash when it reads variable-length data (built here: a
// netCDF-4 string variable whose heap object claims 256 MiB) is reported as crashing while
// this process carries on; a probe that hangs (a fake worker) is killed, with its children,
// at the deadline; a file that is no dataset fails with the reader's message.
#include "twinbench/data/FileProbe.h"

#include "CorruptHeapFile.h"
#include "TestFiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

using twins::data::FileProbe;
using namespace std::chrono_literals;

namespace {

bool processIsGone(qint64 pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return true;
    }
    // PID 1 of a container may not reap orphans: a zombie is dead.
    const QByteArray fields = stat.readAll();
    return fields.mid(fields.lastIndexOf(')') + 2, 1) == "Z";
}

} // namespace

class FileProbeTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    QString cache() const { return m_directory.filePath("probed-files.json"); }

private slots:
    void initTestCase() { QVERIFY(m_directory.isValid()); }

    void goodFilePassesAndIsRemembered() {
        const QString good = m_directory.filePath("good.nc");
        twins::testing::writeStringFile(good);
        FileProbe::Result result =
            FileProbe::check(TWINBENCH_WORKER_EXECUTABLE, good, 20s, cache());
        QVERIFY2(result.outcome == FileProbe::Outcome::Ok, qPrintable(result.message));
        QVERIFY(!result.fromCache);

        // Known now: no process runs (a worker that does not exist would fail).
        result = FileProbe::check("/nonexistent/twinbench-run", good, 20s, cache());
        QVERIFY(result.outcome == FileProbe::Outcome::Ok);
        QVERIFY(result.fromCache);

        // Touched (same size and bytes, a new modification time): probed again.
        QThread::msleep(20);
        QFile file(good);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(file.size() - 1);
        file.write(file.peek(1));
        file.close();
        result = FileProbe::check("/nonexistent/twinbench-run", good, 20s, cache());
        QVERIFY(result.outcome == FileProbe::Outcome::Failed);
        QVERIFY2(result.message.contains("cannot start /nonexistent/twinbench-run"),
                 qPrintable(result.message));
    }

    void fileThatCrashesTheLibraryIsReportedAndThisProcessSurvives() {
        const QString good = m_directory.filePath("strings.nc");
        twins::testing::writeStringFile(good);
        const QByteArray corrupt =
            twins::testing::withCorruptGlobalHeap(twins::testing::readBytes(good));
        QVERIFY2(!corrupt.isEmpty(), "no global heap in the string file");
        const QString crashing = m_directory.filePath("crashing.nc");
        QVERIFY(twins::testing::writeBytes(crashing, corrupt));

        QElapsedTimer timer;
        timer.start();
        const FileProbe::Result result =
            FileProbe::check(TWINBENCH_WORKER_EXECUTABLE, crashing, 20s, cache());
        qInfo("crash reported after %lld ms", timer.elapsed());
        QVERIFY2(result.outcome == FileProbe::Outcome::Crashed, qPrintable(result.message));
        QCOMPARE(result.message, crashing + " crashes the HDF5/NetCDF library: it is corrupt");
        // Not remembered: checked again, and again reported.
        QVERIFY(FileProbe::check(TWINBENCH_WORKER_EXECUTABLE, crashing, 20s, cache()).outcome ==
                FileProbe::Outcome::Crashed);
        // The uncorrupted original, strings included, passes.
        QVERIFY(FileProbe::check(TWINBENCH_WORKER_EXECUTABLE, good, 20s, cache()).outcome ==
                FileProbe::Outcome::Ok);
    }

    void hungProbeIsKilledWithItsChildrenAtTheDeadline() {
        const QString good = m_directory.filePath("hang-target.nc");
        twins::testing::writeStringFile(good);
        const QString pidFile = m_directory.filePath("child.pid");
        const QString fakeWorker = m_directory.filePath("hanging-worker.sh");
        QVERIFY(twins::testing::writeBytes(
            fakeWorker,
            QStringLiteral("#!/bin/sh\nsleep 60 &\necho $! > '%1'\nwait\n").arg(pidFile).toUtf8()));
        QFile::setPermissions(fakeWorker, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

        QElapsedTimer timer;
        timer.start();
        const FileProbe::Result result = FileProbe::check(fakeWorker, good, 300ms, cache());
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(result.outcome == FileProbe::Outcome::Hung, qPrintable(result.message));
        QVERIFY2(elapsed >= 300 && elapsed < 3000, qPrintable(QString::number(elapsed)));
        QVERIFY2(result.message.contains(good + " hangs the HDF5/NetCDF library") &&
                     result.message.contains("within 0.3 s"),
                 qPrintable(result.message));
        const qint64 child = twins::testing::readBytes(pidFile).trimmed().toLongLong();
        QVERIFY(child > 0);
        QTRY_VERIFY_WITH_TIMEOUT(processIsGone(child), 2000);
        // A hang is not remembered as good.
        QVERIFY(FileProbe::check("/nonexistent/twinbench-run", good, 300ms, cache()).outcome ==
                FileProbe::Outcome::Failed);
    }

    void fileThatIsNoDatasetFailsWithTheReadersMessage() {
        const QString text = m_directory.filePath("notes.txt");
        QVERIFY(twins::testing::writeBytes(text, "just some notes\n"));
        const FileProbe::Result result =
            FileProbe::check(TWINBENCH_WORKER_EXECUTABLE, text, 20s, cache());
        QVERIFY(result.outcome == FileProbe::Outcome::Unreadable);
        QVERIFY2(result.message.contains(text) && result.message.contains("unknown format"),
                 qPrintable(result.message));
        const FileProbe::Result missing = FileProbe::check(
            TWINBENCH_WORKER_EXECUTABLE, m_directory.filePath("missing.nc"), 20s, cache());
        QVERIFY(missing.outcome == FileProbe::Outcome::Unreadable);
        QVERIFY(missing.message.contains("no such file"));
    }
};

QTEST_GUILESS_MAIN(FileProbeTest)
#include "FileProbeTest.moc"
