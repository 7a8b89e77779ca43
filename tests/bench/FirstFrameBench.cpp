// Time from process start to the first rendered frame of a 1440x721 field (the embedded
// example's t2m), against a peer measured in the same run: Debian's Python stack (netCDF4 +
// matplotlib Agg) reading the same slice and rendering it to a PNG. Issue 2 asked for the time
// and set no number (session 1: 530 ms against the peer's 676 ms, ratio 0.78); the target is
// that Twinbench's whole process, start to first frame to exit, takes no longer than the peer
// (wall / peer wall <= 1). Writes build/bench/first_frame.json. Label "bench".
#include "BenchTargets.h"
#include "twinbench/data/examples/SyntheticSurfaceTemperature.h"

#include <QElapsedTimer>
#include <QProcess>
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

class FirstFrameBench : public QObject {
    Q_OBJECT

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
        for (int i = 0; i < repetitions; ++i) {
            QProcess process;
            QElapsedTimer timer;
            timer.start();
            process.start(TWINBENCH_GUI_EXECUTABLE,
                          {dataPath, "--variable", "t2m", "--exit-after-first-frame"});
            QVERIFY(process.waitForFinished(60000));
            wall.push_back(static_cast<double>(timer.elapsed()));
            QCOMPARE(process.exitCode(), 0);
            const QString output = QString::fromUtf8(process.readAllStandardOutput());
            const auto match = QRegularExpression("first-field-frame-ms (\\d+)").match(output);
            QVERIFY2(match.hasMatch(), qPrintable(output));
            reported.push_back(match.captured(1).toDouble());

            QProcess python;
            timer.restart();
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
        report.detail("field", "t2m 1440x721 (int16 packed, deflate)");
        report.detail("twinbench_first_frame_ms_median", median(reported));
        TWINBENCH_REPORT_AND_VERIFY(report);
    }
};

QTEST_GUILESS_MAIN(FirstFrameBench)
#include "FirstFrameBench.moc"
