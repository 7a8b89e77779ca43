// HDF5 1.10.8 (Debian 12) never returns from reading some corrupt files: libFuzzer found one
// (tests/fixtures/corrupt/hdf5-global-heap-loop.nc) where a zero-size free-space object in a
// global heap collection stops H5HG__cache_heap_deserialize from advancing. Nothing can stop a
// thread inside that loop, so Dataset::open gives up after DatasetOptions::metadataDeadline
// and the data layer refuses further NetCDF/HDF5 work with a message naming the corrupt file,
// instead of hanging every later reader. Its own executable: the library stays stuck for the
// rest of the process, so no other test may share it.
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/NetcdfLibrary.h"
#include "twinbench/data/NetcdfWriter.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <string>
#include <vector>

#ifndef TWINBENCH_FIXTURES_DIR
#error "TWINBENCH_FIXTURES_DIR must name tests/fixtures"
#endif

using namespace std::chrono_literals;

namespace {

std::string writeSmallNetcdf(const QString& path) {
    twins::data::NetcdfWriter writer(path.toStdString());
    writer.addDimension("x", 3);
    writer.addVariable("v", twins::data::NetcdfWriter::Type::Float, {"x"});
    const std::vector<float> values{1.0f, 2.0f, 3.0f};
    writer.write("v", {0}, {3}, values.data());
    writer.commit();
    return path.toStdString();
}

} // namespace

class LibraryDeadlineTest : public QObject {
    Q_OBJECT

private slots:
    void corruptHeapIsReportedAndLaterFilesAreRefusedNotHung() {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const std::string good = writeSmallNetcdf(directory.filePath("good.nc"));
        const std::string other = writeSmallNetcdf(directory.filePath("other.nc"));
        // Opened (metadata read) but not yet read: its first read needs the library.
        auto openBefore = twins::data::openDataset(good);
        QCOMPARE(openBefore->variable("v").shape, (std::vector<std::size_t>{3}));

        const std::string corrupt = TWINBENCH_FIXTURES_DIR "/corrupt/hdf5-global-heap-loop.nc";
        twins::data::DatasetOptions options;
        options.metadataDeadline = 2s;
        QElapsedTimer timer;
        timer.start();
        try {
            twins::data::openDataset(corrupt, options);
            QFAIL("the corrupt file opened");
        } catch (const twins::data::DataError& error) {
            const QString message = QString::fromStdString(error.what());
            QVERIFY2(message.contains(QString::fromStdString(corrupt)), qPrintable(message));
            QVERIFY2(message.contains("did not finish reading this file's metadata in 2 s"),
                     qPrintable(message));
        }
        const qint64 reportedAfter = timer.elapsed();
        qInfo("corrupt file reported after %lld ms (deadline 2000 ms)", reportedAfter);
        QVERIFY(reportedAfter >= 1900 && reportedAfter < 4000);
        QCOMPARE(twins::data::stuckLibraryFile(), std::optional<std::string>(corrupt));

        // Later NetCDF work is refused at once, naming the file that got the library stuck.
        timer.restart();
        try {
            twins::data::openDataset(other);
            QFAIL("a NetCDF file opened while the library is stuck");
        } catch (const twins::data::DataError& error) {
            const QString message = QString::fromStdString(error.what());
            QVERIFY2(message.contains("never returned from reading the corrupt file " +
                                      QString::fromStdString(corrupt)),
                     qPrintable(message));
        }
        try {
            openBefore->readDecoded("v", {{0}, {3}, {}});
            QFAIL("a read went through while the library is stuck");
        } catch (const twins::data::DataError& error) {
            QVERIFY(QString::fromStdString(error.what()).contains("restarted"));
        }
        QVERIFY2(timer.elapsed() < 2000, "refusals must not wait for the stuck thread");
        // Closing a file opened before must not hang either (its handle is leaked).
        timer.restart();
        openBefore.reset();
        QVERIFY(timer.elapsed() < 2000);
    }
};

QTEST_GUILESS_MAIN(LibraryDeadlineTest)
#include "LibraryDeadlineTest.moc"
