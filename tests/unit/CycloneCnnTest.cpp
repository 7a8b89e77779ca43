// The cyclone CNN end to end through the real worker, on a small 1-degree domain: generate ->
// train a tiny VGG for a few epochs -> infer -> track -> validate. Checks that the training
// loss (computed by the train run, read back from its metrics.jsonl) falls, that the weights,
// normalisation and model manifest are written, and that infer's detections.csv is what track
// and validate accept.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Outcome {
    int exitCode = -1;
    QString output;
    QString errors;
};

QJsonObject readJson(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                          : QJsonObject();
}

} // namespace

class CycloneCnnTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_runs;

    Outcome worker(const QStringList& arguments) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("TWINBENCH_RUNS_DIR", m_runs.path());
        environment.insert("TWINBENCH_PLUGIN_PATH", TWINBENCH_PLUGIN_BUILD_DIR);
        environment.insert("TWINBENCH_WORKER_EXECUTABLE", TWINBENCH_WORKER_EXECUTABLE);
        process.setProcessEnvironment(environment);
        process.start(TWINBENCH_WORKER_EXECUTABLE, arguments);
        if (!process.waitForFinished(120000)) {
            process.kill();
            process.waitForFinished();
            return {};
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()).trimmed(),
                QString::fromUtf8(process.readAllStandardError())};
    }

    QString run(const QStringList& arguments) {
        const Outcome outcome =
            worker(QStringList{"run", "cyclone"} + arguments + QStringList{"--wait"});
        if (outcome.exitCode != 0) {
            qWarning("run %s failed (%d): %s", qPrintable(arguments.join(' ')), outcome.exitCode,
                     qPrintable(outcome.errors));
            return {};
        }
        return outcome.output.split('\n').first();
    }

    QString outputs(const QString& id) const { return m_runs.filePath(id + "/outputs"); }

    // name -> (step -> value) from a run's metrics.jsonl.
    QMap<QString, QMap<qint64, double>> metrics(const QString& id) const {
        QMap<QString, QMap<qint64, double>> series;
        QFile file(m_runs.filePath(id + "/metrics.jsonl"));
        if (!file.open(QIODevice::ReadOnly)) {
            return series;
        }
        for (const QByteArray& line : file.readAll().split('\n')) {
            const QJsonObject point = QJsonDocument::fromJson(line).object();
            if (!point.isEmpty()) {
                series[point.value("name").toString()][point.value("step").toInteger()] =
                    point.value("value").toDouble();
            }
        }
        return series;
    }

private slots:
    void trainInferTrackValidate() {
        QVERIFY(m_runs.isValid());
        const QString generated = run({"generate", "--set", "period=2017-09-01/2017-09-10", "--set",
                                       "resolution=1", "--set", "seed=5"});
        QVERIFY(!generated.isEmpty());

        // 10-point patches at 1 degree cover 10 degrees, as 40 points at 0.25 in the original.
        // One LibTorch thread: with the test machine loaded by parallel builds, a second
        // OpenMP thread spins against them (measured: 50 s per epoch on 2 threads, 1.7 s on 1).
        const int epochs = 4;
        const QString trained = run(
            {"train", "--input", generated, "--set", "patch_size=10", "--set", "blocks=2", "--set",
             "width=0.125", "--set", QString("epochs=%1").arg(epochs), "--set", "batch_size=32",
             "--set", "learning_rate=0.003", "--set", "seed=2", "--set", "threads=1"});
        QVERIFY(!trained.isEmpty());
        for (const char* file :
             {"cnn.pt", "normalisation.json", "model.json", "validation_detections.csv"}) {
            QVERIFY2(QFile::exists(outputs(trained) + "/" + file), file);
        }
        QVERIFY(QFileInfo(outputs(trained) + "/cnn.pt").size() > 1000);
        const QJsonObject normalisation = readJson(outputs(trained) + "/normalisation.json");
        QCOMPARE(normalisation.value("channels").toArray().size(), 6);
        QVERIFY(normalisation.value("std").toArray().at(2).toDouble() > 10.0); // msl varies, Pa

        const QJsonObject model = readJson(outputs(trained) + "/model.json");
        QCOMPARE(model.value("format").toString(), QString("twinbench-model/1"));
        QCOMPARE(model.value("weights").toArray().size(), 2);
        QVERIFY(model.value("validated").isBool());
        const QJsonObject modelMetrics = model.value("metrics").toObject();
        QVERIFY(modelMetrics.value("val_loss").isDouble());

        const auto series = metrics(trained);
        QCOMPARE(series.value("loss").size(), epochs);
        QCOMPARE(series.value("val_loss").size(), epochs);
        const double first = series.value("loss").value(1);
        const double last = series.value("loss").value(epochs);
        double seconds = 0.0;
        for (const double value : series.value("epoch_seconds")) {
            seconds += value;
        }
        qInfo("tiny CNN (2 blocks, width 0.125, 10x10 patches at 1 deg, 40 steps): training loss "
              "%.4f -> %.4f, val_loss %.4f -> %.4f, %.2f s per epoch; validation split POD %.3f "
              "FAR %.3f mean error %.1f km, validated %s",
              first, last, series.value("val_loss").value(1),
              series.value("val_loss").value(epochs), seconds / epochs,
              modelMetrics.value("pod").toDouble(-1), modelMetrics.value("far").toDouble(-1),
              modelMetrics.value("mean_error_km").toDouble(-1),
              model.value("validated").toBool() ? "yes" : "no");
        QVERIFY2(last < first, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));

        const QString inferred =
            run({"infer", "--input", trained, "--input", generated, "--set", "threads=1"});
        QVERIFY(!inferred.isEmpty());
        QFile detections(outputs(inferred) + "/detections.csv");
        QVERIFY(detections.open(QIODevice::ReadOnly));
        QCOMPARE(detections.readLine().trimmed(),
                 QByteArray("time,lat,lon,confidence,wind_ms,msl_hpa,vo_850,warm_core_k"));
        const qint64 inferSteps = metrics(inferred).value("detections").size();
        QCOMPARE(inferSteps, qint64(40));
        qInfo("infer: %.1f steps/s (CNN alone, 154 patches per step)",
              metrics(inferred).value("cnn_steps_per_second").value(0));

        const QString tracked = run({"track", "--input", inferred});
        QVERIFY(!tracked.isEmpty());
        const QString validated = run({"validate", "--input", inferred, "--input", generated});
        QVERIFY(!validated.isEmpty());
        const QJsonObject scores =
            readJson(outputs(validated) + "/metrics.json").value("metrics").toObject();
        QVERIFY(scores.contains("hits") && scores.contains("false_alarms"));
        qInfo("validate on infer (all 40 steps, training steps included): POD %.3f FAR %.3f mean "
              "error %.1f km, %d detections",
              scores.value("pod").toDouble(-1), scores.value("far").toDouble(-1),
              scores.value("mean_error_km").toDouble(-1), scores.value("detections").toInt());
    }

    void inferNeedsAModel() {
        const QString generated =
            run({"generate", "--set", "period=2017-09-01/2017-09-01", "--set", "resolution=5"});
        QVERIFY(!generated.isEmpty());
        const Outcome outcome = worker({"run", "cyclone", "infer", "--input", generated, "--wait"});
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.errors.contains("got 1 inputs"), qPrintable(outcome.errors));
    }
};

QTEST_GUILESS_MAIN(CycloneCnnTest)
#include "CycloneCnnTest.moc"
