// The harder world through the worker: generate world=harder -> detect_classical -> validate
// writes tracks the validation reads, counts bait, and gives bootstrap intervals round the
// point estimates.
#include "WorkerRuns.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class CycloneHarderChainTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"cyclone"};

    QJsonObject metricsOf(const QString& validated) {
        QFile file(m_runs.outputs(validated) + "/metrics.json");
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                              : QJsonObject();
    }

private slots:
    void classicalDetectorIsScoredWithIntervals() {
        QVERIFY(m_runs.isValid());
        const QString generated =
            m_runs.run({"generate", "--set", "period=2017-08-20/2017-09-20", "--set",
                        "resolution=1", "--set", "seed=3", "--set", "world=harder"});
        QVERIFY(!generated.isEmpty());
        QFile truth(m_runs.outputs(generated) + "/truth_tracks.csv");
        QVERIFY(truth.open(QIODevice::ReadOnly));
        QVERIFY(truth.readLine().trimmed().endsWith(",KIND"));

        const QString classical =
            m_runs.run({"detect_classical", "--input", generated, "--set", "threads=2"});
        QVERIFY(!classical.isEmpty());
        QVERIFY(QFile::exists(m_runs.outputs(classical) + "/detections.csv"));
        QVERIFY(QFile::exists(m_runs.outputs(classical) + "/tracks.csv"));

        const QString validated = m_runs.run({"validate", "--input", classical, "--input",
                                              generated, "--set", "bootstrap_samples=500"});
        QVERIFY(!validated.isEmpty());
        const QJsonObject document = metricsOf(validated);
        const QJsonObject metrics = document.value("metrics").toObject();
        qInfo("classical detector, 1 month of the harder world at 1 deg: POD %.3f [%.3f, %.3f] "
              "FAR %.3f [%.3f, %.3f] F2 %.3f, %d bait points, %d storms",
              metrics.value("pod").toDouble(), metrics.value("pod_ci_low").toDouble(),
              metrics.value("pod_ci_high").toDouble(), metrics.value("far").toDouble(),
              metrics.value("far_ci_low").toDouble(), metrics.value("far_ci_high").toDouble(),
              metrics.value("f2").toDouble(), metrics.value("bait_points").toInt(),
              metrics.value("bootstrap_storms").toInt());
        QVERIFY(metrics.value("bait_points").toInt() > 0);
        QVERIFY(metrics.value("track_hits").toInt() >= 1);
        QVERIFY(metrics.value("bootstrap_storms").toInt() >= 3);
        for (const char* score : {"pod", "far", "f2", "mean_error_km"}) {
            const double value = metrics.value(score).toDouble(-1.0);
            const double low = metrics.value(QStringLiteral("%1_ci_low").arg(score)).toDouble(2e9);
            const double high =
                metrics.value(QStringLiteral("%1_ci_high").arg(score)).toDouble(-1.0);
            QVERIFY2(low <= value + 1e-9 && value <= high + 1e-9,
                     qPrintable(QStringLiteral("%1 %2 outside [%3, %4]")
                                    .arg(score)
                                    .arg(value)
                                    .arg(low)
                                    .arg(high)));
        }
        QCOMPARE(document.value("bootstrap").toObject().value("samples").toInt(), 500);
    }
};

QTEST_GUILESS_MAIN(CycloneHarderChainTest)
#include "CycloneHarderChainTest.moc"
