// A metadata read that passes its deadline but then finishes (a slow network file system) must
// write its result only into state it owns: by then the caller has thrown and its stack frame
// is reused by other calls. The read here is made slow by a file with many variables and a
// deadline of 1 ms; the frame the caller unwound from is then covered by a zero-filled array,
// and the late finish must leave every byte of it zero. Afterwards the library is usable again.
// Its own executable: the library is marked stuck while the read is late.
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/NetcdfLibrary.h"
#include "twinbench/data/NetcdfWriter.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <chrono>
#include <cstring>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

constexpr std::chrono::milliseconds lateDeadline{1};
// Far more than any frame between the caller and the library call, so the array covers them.
constexpr std::size_t frameBytes = 256 * 1024;

// Enough variables and attributes that reading the metadata takes many times the deadline.
void writeManyVariables(const std::string& path) {
    twins::data::NetcdfWriter writer(path);
    writer.addDimension("x", 4);
    for (int index = 0; index < 600; ++index) {
        const std::string name = "v" + std::to_string(index);
        writer.addVariable(name, twins::data::NetcdfWriter::Type::Float, {"x"});
        writer.setTextAttribute(name, "units", "K");
        writer.setTextAttribute(name, "long_name", "variable number " + std::to_string(index));
        writer.setNumberAttribute(name, "valid_range", twins::data::NetcdfWriter::Type::Float,
                                  {0.0, 1000.0});
    }
    writer.commit();
}

// Opens with a deadline the read cannot meet; returns the error message.
[[gnu::noinline]] std::string openPastDeadline(const std::string& path) {
    twins::data::DatasetOptions options;
    options.metadataDeadline = lateDeadline;
    try {
        twins::data::openDataset(path, options);
    } catch (const twins::data::DataError& error) {
        return error.what();
    }
    return {};
}

// Called at the same depth as openPastDeadline, so `frame` lies where that call's frames were.
// Zeroes it, waits until the late read has returned, and counts the bytes that changed.
[[gnu::noinline]] std::size_t bytesWrittenIntoDeadFrame(qint64& waitedMs) {
    volatile unsigned char frame[frameBytes];
    for (std::size_t index = 0; index < frameBytes; ++index) {
        frame[index] = 0;
    }
    QElapsedTimer timer;
    timer.start();
    while (twins::data::stuckLibraryFile() && timer.elapsed() < 10000) {
        QThread::msleep(5);
    }
    QThread::msleep(100); // the thread's last steps after the call returned
    waitedMs = timer.elapsed();
    std::size_t changed = 0;
    for (std::size_t index = 0; index < frameBytes; ++index) {
        changed += frame[index] != 0 ? 1 : 0;
    }
    return changed;
}

} // namespace

class LibraryDeadlineLateFinishTest : public QObject {
    Q_OBJECT

private slots:
    void lateFinishTouchesOnlyItsOwnState() {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const std::string slow = directory.filePath("many-variables.nc").toStdString();
        writeManyVariables(slow);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(twins::data::openDataset(slow)->variables().size(), std::size_t(600));
        const qint64 openMs = timer.elapsed();
        qInfo("opening the file takes %lld ms; deadline %lld ms", openMs,
              static_cast<long long>(lateDeadline.count()));
        // Otherwise the read could meet the deadline and the test would show nothing.
        QVERIFY2(openMs >= 10 * lateDeadline.count(), "the file opens too fast for this test");

        const std::string message = openPastDeadline(slow);
        QVERIFY2(message.find("did not finish reading this file's metadata") != std::string::npos,
                 message.c_str());
        qint64 waitedMs = 0;
        const std::size_t changed = bytesWrittenIntoDeadFrame(waitedMs);
        qInfo("late read returned within %lld ms of the deadline", waitedMs);
        QVERIFY2(changed == 0, qPrintable(QStringLiteral("the late read wrote %1 bytes into the "
                                                         "caller's dead stack frame")
                                              .arg(changed)));
        QCOMPARE(twins::data::stuckLibraryFile(), std::nullopt);
        // The library is usable again: no restart needed after a read that was only slow.
        QCOMPARE(twins::data::openDataset(slow)->variables().size(), std::size_t(600));
    }
};

QTEST_GUILESS_MAIN(LibraryDeadlineLateFinishTest)
#include "LibraryDeadlineLateFinishTest.moc"
