// A 2 GB+ ERA5-like NetCDF-4 file (t2m: 520 hourly steps x 721 x 1440 float32, one time step
// per chunk, CF time units), written by this bench under the build directory and deleted at
// the end. Measured in the same run, each repetition in a fresh process so no library state
// or chunk cache carries over:
//   (a) open + read the first 2-D field through Dataset (decoded, as the GUI reads it),
//   (b) fields per second stepping through 100 consecutive time steps,
//   (c) the same with xarray on Debian's /usr/bin/python3 (`isel(time=i).values`), timed in
//       the python process and as whole-process wall time.
// "cold" runs drop the OS page cache first (root only); when that is impossible the JSON says
// so and every run is warm for both sides alike. Targets (issue 3): first field in under 1/3
// of xarray's time, stepping at 30+ fields/s. As a ratio to the peer: xarray stepped at 44.8
// fields/s (cold) when issue 3 met 30 on this machine (session 2), so Dataset must step at
// >= 0.67x xarray's rate. Prints everything and writes build/bench/large_file.json. Label "bench".
#include "BenchTargets.h"
#include "Era5LikeFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <unistd.h>

using namespace twins::bench;

namespace {

constexpr int steps = 100;
constexpr int repetitions = 3;
constexpr qint64 requiredFreeBytes = qint64(5) << 30;

constexpr const char* peerScript = R"PY(
import sys, time, json, warnings
warnings.simplefilter("ignore")
t0 = time.perf_counter()
import numpy as np, xarray as xr
t1 = time.perf_counter()
ds = xr.open_dataset(sys.argv[1])
first = ds["t2m"].isel(time=0).values
t2 = time.perf_counter()
for i in range(1, 1 + int(sys.argv[2])):
    field = ds["t2m"].isel(time=i).values
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "open_first_s": t2 - t1, "step_s": t3 - t2,
                  "first_sum": float(np.nansum(first.astype("float64"))),
                  "last_sum": float(np.nansum(field.astype("float64")))}))
)PY";

// Writes 1 to /proc/sys/vm/drop_caches after a sync: the next read of the file comes from
// disk. Only root may; false otherwise.
bool dropPageCache() {
    ::sync();
    std::ofstream control("/proc/sys/vm/drop_caches");
    control << "1\n";
    control.flush();
    return static_cast<bool>(control);
}

} // namespace

class LargeFileBench : public QObject {
    Q_OBJECT

private slots:
    void largeFileAgainstXarray() {
        twins::bench::BenchReport report("large_file");
        QProcess probe;
        probe.start("/usr/bin/python3", {"-c", "import xarray, netCDF4"});
        QVERIFY2(probe.waitForFinished(60000) && probe.exitCode() == 0,
                 "the peer needs Debian's /usr/bin/python3 with xarray and netCDF4");
        const QString benchDirectory = QString(TWINBENCH_BINARY_DIR) + "/bench";
        QVERIFY(QDir().mkpath(benchDirectory));
        const QStorageInfo storage(benchDirectory);
        QVERIFY2(storage.bytesAvailable() >= requiredFreeBytes,
                 qPrintable(QString("the large-file bench needs 5 GB free under %1 for its 2.2 GB "
                                    "file, only %2 GB are free")
                                .arg(benchDirectory)
                                .arg(storage.bytesAvailable() / 1e9, 0, 'f', 2)));
        QTemporaryDir directory(benchDirectory + "/large-file-XXXXXX");
        QVERIFY(directory.isValid());
        const QString path = directory.filePath("era5_like_t2m.nc");

        QElapsedTimer timer;
        timer.start();
        writeEra5LikeT2m(path.toStdString());
        const double writeSeconds = timer.nsecsElapsed() * 1e-9;
        const qint64 fileBytes = QFileInfo(path).size();
        QVERIFY2(fileBytes > (qint64(2) << 30), "the file must be over 2 GiB");
        qInfo("wrote %s: %.2f GB in %.1f s", qPrintable(path), fileBytes / 1e9, writeSeconds);

        const bool cold = dropPageCache();
        qInfo(cold ? "OS page cache dropped before every cold run"
                   : "cannot drop the OS page cache (not root?): every run is warm-OS-cache, for "
                     "both sides equally");
        const QString self = QCoreApplication::applicationFilePath();
        const QStringList datasetArguments{"--dataset-child", path, QString::number(steps)};
        const QStringList peerArguments{"-c", peerScript, path, QString::number(steps)};

        // Alternate the two sides so drift in machine load hits both alike.
        QJsonArray runs;
        std::vector<double> ourFirst, ourStep, ourWall, peerFirst, peerStep, peerWall, peerImport;
        std::vector<double> ourWarmFirst, ourWarmStep, peerWarmFirst, peerWarmStep;
        for (int repetition = 0; repetition < repetitions; ++repetition) {
            for (const bool osCacheCold : {true, false}) {
                if (osCacheCold && cold) {
                    dropPageCache();
                }
                const ProcessRun ours = runProcess(self, datasetArguments);
                if (osCacheCold && cold) {
                    dropPageCache();
                }
                const ProcessRun peer = runProcess("/usr/bin/python3", peerArguments);
                // Same values: sums over the first and the last field agree to float32 precision.
                for (const char* key : {"first_sum", "last_sum"}) {
                    const double a = ours.inside[key].toDouble();
                    const double b = peer.inside[key].toDouble();
                    QVERIFY2(
                        std::fabs(a - b) <= 1e-6 * std::fabs(b),
                        qPrintable(QString("%1: Dataset %2, xarray %3").arg(key).arg(a).arg(b)));
                }
                const double ourRate = steps / ours.inside["step_s"].toDouble();
                const double peerRate = steps / peer.inside["step_s"].toDouble();
                if (osCacheCold) {
                    ourFirst.push_back(ours.inside["open_first_s"].toDouble());
                    ourStep.push_back(ourRate);
                    ourWall.push_back(ours.wallSeconds);
                    peerFirst.push_back(peer.inside["open_first_s"].toDouble());
                    peerStep.push_back(peerRate);
                    peerWall.push_back(peer.wallSeconds);
                    peerImport.push_back(peer.inside["import_s"].toDouble());
                } else {
                    ourWarmFirst.push_back(ours.inside["open_first_s"].toDouble());
                    ourWarmStep.push_back(ourRate);
                    peerWarmFirst.push_back(peer.inside["open_first_s"].toDouble());
                    peerWarmStep.push_back(peerRate);
                }
                qInfo("%s os-cache %s | Dataset: open %.4f s, open+first %.4f s, %.1f fields/s, "
                      "process %.3f s | xarray: import %.3f s, open+first %.4f s, %.1f fields/s, "
                      "process %.3f s",
                      osCacheCold ? "cold" : "warm", cold ? "" : "(not dropped)",
                      ours.inside["open_s"].toDouble(), ours.inside["open_first_s"].toDouble(),
                      ourRate, ours.wallSeconds, peer.inside["import_s"].toDouble(),
                      peer.inside["open_first_s"].toDouble(), peerRate, peer.wallSeconds);
                QJsonObject record{{"os_cache_cold", osCacheCold && cold},
                                   {"dataset", ours.inside},
                                   {"dataset_process_s", ours.wallSeconds},
                                   {"xarray", peer.inside},
                                   {"xarray_process_s", peer.wallSeconds}};
                runs.append(record);
            }
        }

        const double firstRatio = median(peerFirst) / median(ourFirst);
        const QJsonObject details{
            {"file", QString("%1 x %2 x %3 float32, chunks 1x%2x%3, uncompressed, %4 bytes")
                         .arg(era5Times)
                         .arg(era5Latitudes)
                         .arg(era5Longitudes)
                         .arg(fileBytes)},
            {"write_s", writeSeconds},
            {"os_page_cache_dropped", cold},
            {"steps_per_run", steps},
            {"repetitions", repetitions},
            {"median_cold_dataset_process_s", median(ourWall)},
            {"median_cold_xarray_process_s", median(peerWall)},
            {"median_xarray_import_s", median(peerImport)},
            {"median_warm_dataset_open_first_s", median(ourWarmFirst)},
            {"median_warm_xarray_open_first_s", median(peerWarmFirst)},
            {"median_warm_dataset_fields_per_s", median(ourWarmStep)},
            {"median_warm_xarray_fields_per_s", median(peerWarmStep)},
            {"runs", runs}};
        for (auto it = details.begin(); it != details.end(); ++it) {
            report.detail(it.key(), it.value());
        }
        const QString coldness = cold ? "OS page cache dropped" : "OS page cache warm (not root)";
        report.add({"open + first field (" + coldness + ")", "s",
                    "openDataset + readDecoded, fresh process (median of 3)", median(ourFirst),
                    "xarray open_dataset + isel(time=0).values, fresh python", median(peerFirst),
                    twins::bench::Better::Lower, 1.0 / 3.0,
                    "issue 3: first slice in under 1/3 of xarray's time"});
        report.add({"stepping 100 fields (" + coldness + ")", "fields/s",
                    "Dataset::readDecoded per step (median of 3)", median(ourStep),
                    "xarray isel(time=i).values per step", median(peerStep),
                    twins::bench::Better::Higher, 0.67,
                    "issue 3: 30+ fields/s, = 0.67x xarray's 44.8 fields/s of session 2"});
        const QString outputName = report.path();
        qInfo("median cold: Dataset open+first %.4f s vs xarray %.4f s (xarray/Dataset %.2f); "
              "Dataset %.1f fields/s vs xarray %.1f; process wall Dataset %.3f s vs xarray %.3f s",
              median(ourFirst), median(peerFirst), firstRatio, median(ourStep), median(peerStep),
              median(ourWall), median(peerWall));
        qInfo("median warm: Dataset open+first %.4f s vs xarray %.4f s; Dataset %.1f fields/s vs "
              "xarray %.1f -> %s",
              median(ourWarmFirst), median(peerWarmFirst), median(ourWarmStep),
              median(peerWarmStep), qPrintable(outputName));
        QVERIFY(QFile::remove(path));
        TWINBENCH_REPORT_AND_VERIFY(report);
    }
};

// The bench re-runs its own executable with --dataset-child for every Dataset measurement, so
// each one starts from a fresh process exactly as xarray's python does.
int main(int argc, char** argv) {
    if (argc == 4 && std::strcmp(argv[1], "--dataset-child") == 0) {
        return printDatasetTimings(argv[2], std::atoi(argv[3]));
    }
    QCoreApplication application(argc, argv);
    LargeFileBench bench;
    return QTest::qExec(&bench, argc, argv);
}

#include "LargeFileBench.moc"
