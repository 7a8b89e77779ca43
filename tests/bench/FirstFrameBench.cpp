// Time from process start to the first rendered frame of a 1440x721 field (the embedded
// example's t2m), against a peer measured in the same run: Debian's Python stack (netCDF4 +
// matplotlib Agg) reading the same slice and rendering it to a PNG. Issue 2 asked for the time
// and set no number (session 1: 530 ms against the peer's 676 ms, ratio 0.78); the target is
// that Twinbench's whole process, start to first frame to exit, takes no longer than the peer
// (wall / peer wall <= 1), measured without the file probe, as issue 2 measured it.
// Issue 18 put a probe before every file the GUI has not seen (a `twinbench-run probe` process,
// FileProbe.h) and set two more targets against that same baseline in the same run: the first
// frame of a never-seen file (probe run) <= 1.5x, of a known file (probe skipped by its cache)
// <= 1.1x. Writes build/bench/first_frame.json. Label "bench".
#include "BenchTargets.h"
#include "twinbench/data/examples/SyntheticSurfaceTemperature.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

namespace {
double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

constexpr const char* peerScript = R"(
import sys
import netCDF4
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
ds = netCDF4.Dataset(sys.argv[1])
field = ds["t2m"][0, :, :]
fig = plt.figure(figsize=(12, 7), dpi=100)
plt.imshow(field, cmap="viridis")
plt.colorbar(label="t2m [K]")
fig.savefig(sys.argv[2])
)";
} // namespace

// How the GUI treats the file: no probe (the baseline), never seen, or known to its cache.
enum class ProbeCase { Off, NeverSeen, Known };

class FirstFrameBench : public QObject {
    Q_OBJECT

    // Starts the GUI on the file until its first frame; the process wall time in ms, or -1.
    static double firstFrameWall(const QString& dataPath, ProbeCase probe, const QString& cache,
                                 double* reportedMs) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("TWINBENCH_WORKER_EXECUTABLE", TWINBENCH_WORKER_EXECUTABLE);
        if (probe == ProbeCase::Off) {
            environment.insert("TWINBENCH_FILE_PROBE", "off");
        } else {
            if (probe == ProbeCase::NeverSeen) {
                QFile::remove(cache);
            }
            environment.insert("TWINBENCH_PROBE_CACHE", cache);
        }
        QProcess process;
        process.setProcessEnvironment(environment);
        QElapsedTimer timer;
        timer.start();
        process.start(TWINBENCH_GUI_EXECUTABLE,
                      {dataPath, "--variable", "t2m", "--exit-after-first-frame"});
        if (!process.waitForFinished(60000) || process.exitCode() != 0) {
            qWarning("twinbench failed: %s", process.readAllStandardError().constData());
            return -1.0;
        }
        const double wall = static_cast<double>(timer.elapsed());
        const QString output = QString::fromUtf8(process.readAllStandardOutput());
        const auto match = QRegularExpression("first-field-frame-ms (\\d+)").match(output);
        if (!match.hasMatch()) {
            qWarning("no first-field-frame-ms in: %s", qPrintable(output));
            return -1.0;
        }
        if (reportedMs != nullptr) {
            *reportedMs = match.captured(1).toDouble();
        }
        return wall;
    }

private slots:
    void firstFrameOfExampleField() {
        twins::bench::BenchReport report("first_frame");
        QTemporaryDir directory;
        const QString dataPath = directory.filePath("example.nc");
        twins::data::examples::writeSyntheticSurfaceFile(dataPath.toStdString());

        // The two sides alternate, so drift in the machine's load hits both alike.
        constexpr int repetitions = 5;
        std::vector<double> reported;
        std::vector<double> wall;
        std::vector<double> peer;
        std::vector<double> neverSeen;
        std::vector<double> known;
        const QString cache = directory.filePath("probed-files.json");
        for (int i = 0; i < repetitions; ++i) {
            double reportedMs = 0.0;
            wall.push_back(firstFrameWall(dataPath, ProbeCase::Off, cache, &reportedMs));
            QVERIFY(wall.back() > 0.0);
            reported.push_back(reportedMs);
            neverSeen.push_back(firstFrameWall(dataPath, ProbeCase::NeverSeen, cache, nullptr));
            QVERIFY(neverSeen.back() > 0.0);
            known.push_back(firstFrameWall(dataPath, ProbeCase::Known, cache, nullptr));
            QVERIFY(known.back() > 0.0);

            QElapsedTimer timer;
            QProcess python;
            timer.start();
            python.start("/usr/bin/python3",
                         {"-c", peerScript, dataPath, directory.filePath("peer.png")});
            QVERIFY(python.waitForFinished(120000));
            QVERIFY2(python.exitCode() == 0,
                     qPrintable("the peer needs Debian's /usr/bin/python3 with netCDF4 and "
                                "matplotlib: " +
                                python.readAllStandardError()));
            peer.push_back(static_cast<double>(timer.elapsed()));
        }

        report.add({"first frame of a 1440x721 field", "ms",
                    "twinbench FILE --exit-after-first-frame, process wall (median of 5)",
                    median(wall), "python3 netCDF4 + matplotlib Agg imshow to PNG, process wall",
                    median(peer), twins::bench::Better::Lower, 1.0,
                    "issue 2 (time only); no slower than the peer"});
        report.add({"first frame of a never-seen file (probe process run)", "ms",
                    "twinbench FILE --exit-after-first-frame, empty probe cache (median of 5)",
                    median(neverSeen), "the same without the probe (TWINBENCH_FILE_PROBE=off)",
                    median(wall), twins::bench::Better::Lower, 1.5,
                    "issue 18: an untrusted file is probed in its own process first"});
        report.add({"first frame of a known file (probe skipped by its cache)", "ms",
                    "twinbench FILE --exit-after-first-frame, file in the probe cache (median "
                    "of 5)",
                    median(known), "the same without the probe (TWINBENCH_FILE_PROBE=off)",
                    median(wall), twins::bench::Better::Lower, 1.1,
                    "issue 18: a file probed before is not probed again"});
        report.detail("field", "t2m 1440x721 (int16 packed, deflate)");
        report.detail("twinbench_first_frame_ms_median", median(reported));
        TWINBENCH_REPORT_AND_VERIFY(report);
    }
};

QTEST_GUILESS_MAIN(FirstFrameBench)
#include "FirstFrameBench.moc"
