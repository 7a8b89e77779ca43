// Time from process start to the first rendered frame of a 1440x721 field (the embedded
// example's t2m), against a peer measured in the same run: Debian's Python stack (netCDF4 +
// matplotlib Agg) reading the same slice and rendering it to a PNG. Label "bench".
#include "twinbench/data/examples/SyntheticSurfaceTemperature.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
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
        QTemporaryDir directory;
        const QString dataPath = directory.filePath("example.nc");
        twins::data::examples::writeSyntheticSurfaceFile(dataPath.toStdString());

        constexpr int repetitions = 5;
        std::vector<double> reported;
        std::vector<double> wall;
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
        }

        std::vector<double> peer;
        const bool havePeer = QFile::exists("/usr/bin/python3");
        if (havePeer) {
            for (int i = 0; i < repetitions; ++i) {
                QProcess process;
                QElapsedTimer timer;
                timer.start();
                process.start("/usr/bin/python3",
                              {"-c", peerScript, dataPath, directory.filePath("peer.png")});
                QVERIFY(process.waitForFinished(120000));
                if (process.exitCode() != 0) {
                    qWarning("peer failed: %s", process.readAllStandardError().constData());
                    peer.clear();
                    break;
                }
                peer.push_back(static_cast<double>(timer.elapsed()));
            }
        }

        QJsonObject result;
        result["field"] = "t2m 1440x721 (int16 packed, deflate)";
        result["twinbench_first_frame_ms_median"] = median(reported);
        result["twinbench_process_wall_ms_median"] = median(wall);
        if (!peer.empty()) {
            result["peer"] = "python3 netCDF4 + matplotlib Agg imshow to PNG";
            result["peer_wall_ms_median"] = median(peer);
            result["ratio_twinbench_wall_to_peer"] = median(wall) / median(peer);
        }
        const QByteArray json = QJsonDocument(result).toJson();
        qInfo("%s", json.constData());
        QDir().mkpath(TWINBENCH_BINARY_DIR "/bench");
        QFile out(TWINBENCH_BINARY_DIR "/bench/first_frame.json");
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(json);
    }
};

QTEST_GUILESS_MAIN(FirstFrameBench)
#include "FirstFrameBench.moc"
