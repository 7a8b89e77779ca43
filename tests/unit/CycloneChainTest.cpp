// The cyclone twin end to end through the real worker: generate -> detect -> track -> validate,
// chained by run ids as --input, on a small 1-degree domain, then a refused validate. Checks
// the outputs and that the physical baseline finds the generated cyclones.
#include "WorkerRuns.h"
#include "twinbench/data/NetcdfFile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Outcome = twins::testing::ProcessOutcome;

} // namespace

class CycloneChainTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"cyclone"};

    Outcome worker(const QStringList& arguments) { return m_runs.worker(arguments); }

    // Runs an action to the end; returns the run id ("" on failure, with the reason logged).
    QString run(const QStringList& arguments) { return m_runs.run(arguments); }

    QString outputs(const QString& id) const { return m_runs.filePath(id + "/outputs"); }

private slots:
    void generateDetectTrackValidate() {
        QVERIFY(m_runs.isValid());
        const QString generated =
            run({"generate", "--set", "period=2017-09-01/2017-09-10", "--set", "resolution=1",
                 "--set", "seed=3", "--set", "calendar=noleap"});
        QVERIFY(!generated.isEmpty());
        QVERIFY(QFile::exists(outputs(generated) + "/drivers.nc"));
        QVERIFY(QFile::exists(outputs(generated) + "/truth_tracks.csv"));
        const auto file =
            twins::data::NetcdfFile::open((outputs(generated) + "/drivers.nc").toStdString());
        QCOMPARE(file->variable("time").text("calendar"), std::string("noleap"));
        QCOMPARE(file->variable("time").shape[0], std::size_t(40));

        const QString detected = run({"detect", "--input", generated});
        QVERIFY(!detected.isEmpty());
        QVERIFY(QFile::exists(outputs(detected) + "/detections.csv"));
        QVERIFY(QFile::exists(outputs(detected) + "/detections.nc"));

        const QString tracked = run({"track", "--input", detected, "--set", "calendar=noleap"});
        QVERIFY(!tracked.isEmpty());
        QVERIFY(QFile::exists(outputs(tracked) + "/tracks.csv"));

        const QString validated = run({"validate", "--input", tracked, "--input", generated});
        QVERIFY(!validated.isEmpty());
        QFile metricsFile(outputs(validated) + "/metrics.json");
        QVERIFY(metricsFile.open(QIODevice::ReadOnly));
        const QJsonObject metrics =
            QJsonDocument::fromJson(metricsFile.readAll()).object().value("metrics").toObject();
        const double pod = metrics.value("pod").toDouble(-1);
        const double far = metrics.value("far").toDouble(-1);
        const double error = metrics.value("mean_error_km").toDouble(-1);
        qInfo("baseline detector + tracker on 10 days at 1 deg: POD %.3f FAR %.3f mean error "
              "%.1f km, track hits %d of %d, track false alarms %d",
              pod, far, error, metrics.value("track_hits").toInt(),
              metrics.value("truth_tracks").toInt(), metrics.value("track_false_alarms").toInt());
        QVERIFY2(metrics.value("hits").toInt() >= 20,
                 qPrintable(QString::number(metrics.value("hits").toInt())));
        QVERIFY2(pod >= 0.7, qPrintable(QString::number(pod)));
        QVERIFY2(far >= 0.0 && far <= 0.4, qPrintable(QString::number(far)));
        QVERIFY2(error >= 0.0 && error <= 80.0, qPrintable(QString::number(error)));
        QVERIFY(metrics.value("track_hits").toInt() >= 1);
        QVERIFY(QFile::exists(outputs(validated) + "/tracks_comparison.csv"));
        QFile metricLines(m_runs.filePath(validated + "/metrics.jsonl"));
        QVERIFY(metricLines.open(QIODevice::ReadOnly));
        const QByteArray lines = metricLines.readAll();
        QVERIFY(lines.contains("\"pod\"") && lines.contains("\"mean_error_km\""));
    }

    void validateNeedsTwoInputs() {
        const QString generated =
            run({"generate", "--set", "period=2017-09-01/2017-09-01", "--set", "resolution=5"});
        QVERIFY(!generated.isEmpty());
        const Outcome outcome =
            worker({"run", "cyclone", "validate", "--input", generated, "--wait"});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.errors.contains("got 1 inputs; expected two inputs"),
                 qPrintable(outcome.errors));
    }
};

QTEST_GUILESS_MAIN(CycloneChainTest)
#include "CycloneChainTest.moc"
