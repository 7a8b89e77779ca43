// The cyclone CNN end to end through the real worker, on a small 1-degree domain: generate ->
// train a tiny VGG for a few epochs -> infer (an ensemble of Monte Carlo dropout passes) ->
// track -> validate, then the retrack query through the real session worker (`twinbench-run
// serve`). Checks that the training loss (computed by the train run, read back from its
// metrics.jsonl) falls, that the weights, normalisation and model manifest are written, that
// infer writes detections with their ensemble spread, the per-member outputs, the probability
// map and tracks, that track and validate accept its detections.csv, and that retrack answers
// from the stored member outputs, consistently with infer, in well under a second.
#include "WorkerRuns.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/SessionClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Outcome = twins::testing::ProcessOutcome;

QJsonObject readJson(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                          : QJsonObject();
}

} // namespace

class CycloneCnnTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"cyclone"};

    Outcome worker(const QStringList& arguments) { return m_runs.worker(arguments); }

    QString run(const QStringList& arguments) { return m_runs.run(arguments); }

    QString outputs(const QString& id) const { return m_runs.filePath(id + "/outputs"); }

    // A row of an answer's ordered metrics table; -1 when it is missing.
    static double metric(const QJsonObject& answer, const QString& name) {
        for (const QJsonValue& row : answer.value("metrics").toArray()) {
            if (row.toObject().value("name").toString() == name) {
                return row.toObject().value("value").toDouble(-1);
            }
        }
        return -1.0;
    }

    // The retrack query through a real `twinbench-run serve`: with infer's own settings it finds
    // infer's detections again; other settings change the answer; every query after the first
    // (which loads member_outputs.nc) comes back in well under a second.
    void checkRetrackQuery(const QString& inferOutputs, int inferDetections) {
        QProcess serve;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("TWINBENCH_RUNS_DIR", m_runs.path());
        environment.insert("TWINBENCH_PLUGIN_PATH", TWINBENCH_PLUGIN_BUILD_DIR);
        serve.setProcessEnvironment(environment);
        const QString socketPath = m_runs.filePath("session.sock");
        serve.start(TWINBENCH_WORKER_EXECUTABLE, {"serve", "--socket", socketPath});
        QElapsedTimer started;
        started.start();
        while (!serve.canReadLine() && started.elapsed() < 10000 &&
               serve.state() != QProcess::NotRunning) {
            serve.waitForReadyRead(100);
        }
        QVERIFY2(serve.readLine().startsWith("listening on"), serve.readAllStandardError());
        twins::sdk::SessionClient client(socketPath);
        client.connectToWorker();
        const QJsonObject same{{"member_outputs", inferOutputs},
                               {"detection_threshold", 0.5},
                               {"consensus", 4},
                               {"min_track_length", 2}};
        const QJsonObject first = client.request("cyclone", "retrack", same);
        QCOMPARE(first.value("loaded_now").toBool(), true);
        QCOMPARE(first.value("members").toInt(), 8);
        QCOMPARE(first.value("detections").toInt(), inferDetections);
        // Truth found beside the drivers: scored, and drawn as the observed points.
        QCOMPARE(metric(first, "POD") >= 0.0, true);
        QVERIFY(!first.value("points").toArray().isEmpty());
        // The `tracks` answer convention the Explore dock draws (plugins/README.md).
        const QJsonObject firstTrack = first.value("tracks").toArray().first().toObject();
        const QJsonObject firstPoint = firstTrack.value("points").toArray().first().toObject();
        QVERIFY(firstPoint.value("lat").isDouble() && firstPoint.value("lon").isDouble());
        QVERIFY(firstPoint.value("value").isDouble()); // the wind colours the track
        QCOMPARE(first.value("value").toObject().value("units").toString(), QString("m s-1"));
        QFile tracks(inferOutputs + "/tracks.csv");
        QVERIFY(tracks.open(QIODevice::ReadOnly));
        const int trackRows = tracks.readAll().count('\n') - 1;
        QCOMPARE(first.value("track_points").toInt(), trackRows);

        QList<double> roundTrips;
        QJsonObject strict;
        QJsonObject loose;
        QElapsedTimer clock;
        for (int i = 0; i < 10; ++i) {
            clock.restart();
            strict = client.request("cyclone", "retrack",
                                    {{"member_outputs", inferOutputs},
                                     {"detection_threshold", 0.9},
                                     {"consensus", 8},
                                     {"max_distance", 300},
                                     {"min_track_length", 3}});
            roundTrips.append(clock.nsecsElapsed() / 1e6);
            clock.restart();
            loose = client.request("cyclone", "retrack",
                                   {{"member_outputs", inferOutputs},
                                    {"detection_threshold", 0.2},
                                    {"consensus", 1},
                                    {"min_track_length", 1}});
            roundTrips.append(clock.nsecsElapsed() / 1e6);
        }
        QCOMPARE(strict.value("loaded_now").toBool(), false);
        QVERIFY(strict.value("detections").toInt() <= inferDetections);
        QVERIFY(loose.value("detections").toInt() >= inferDetections);
        std::sort(roundTrips.begin(), roundTrips.end());
        qInfo("retrack through serve: first %.1f ms (loads member_outputs.nc), then median %.1f "
              "ms, max %.1f ms over 20 round trips (%.1f ms in the worker for the last loose "
              "one); detections strict %d, infer's %d, loose %d; POD %.3f FAR %.3f with infer's "
              "settings",
              first.value("milliseconds").toDouble(), roundTrips[10], roundTrips.last(),
              loose.value("milliseconds").toDouble(), strict.value("detections").toInt(),
              inferDetections, loose.value("detections").toInt(), metric(first, "POD"),
              metric(first, "FAR"));
        // "Well under a second" (issue 6), with room for a loaded test machine.
        QVERIFY2(roundTrips[10] < 500.0, qPrintable(QString::number(roundTrips[10])));

        QString error;
        try {
            client.request("cyclone", "retrack",
                           {{"member_outputs", inferOutputs}, {"consensus", 9}});
        } catch (const twins::sdk::SdkError& e) {
            error = e.message();
        }
        QVERIFY2(error.contains("consensus") && error.contains("8 member"), qPrintable(error));
        client.shutdown();
        QVERIFY(serve.waitForFinished(5000));
    }

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

    // Drivers outside the training domain in all four of its dimensions (another month, the
    // harder world, 2 K of warming, 2 deg instead of 1): infer runs, and domain.json names each.
    void checkOutsideDomainFlagged(const QString& trained) {
        const QString elsewhere =
            run({"generate", "--set", "period=2017-01-01/2017-01-01", "--set", "resolution=2",
                 "--set", "seed=6", "--set", "world=harder", "--set", "warming=2"});
        QVERIFY(!elsewhere.isEmpty());
        const QString inferred = run({"infer", "--input", trained, "--input", elsewhere, "--set",
                                      "threads=1", "--set", "mc_passes=0", "--set", "consensus=1"});
        QVERIFY(!inferred.isEmpty());
        const QJsonObject domain = readJson(outputs(inferred) + "/domain.json");
        QCOMPARE(domain.value("inside").toBool(true), false);
        QStringList departures;
        for (const QJsonValue& departure : domain.value("departures").toArray()) {
            departures << departure.toObject().value("dimension").toString();
        }
        departures.sort();
        QCOMPARE(departures, (QStringList{"months", "resolution_degrees", "warming_k", "world"}));
        QFile log(m_runs.filePath(inferred + "/log.txt"));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY(log.readAll().contains("outside the model's training domain"));
    }

private slots:
    // The tune action on an infer run: every combination of the swept settings in tuning.csv,
    // the chosen one is the highest F2 among those within the FAR limit (first in sweep order
    // on ties), or the lowest FAR when none is; its scores equal the retrack of the same
    // settings (infer's own tracks at infer's settings); bad inputs are named.
    void checkTune(const QString& inferred, const QString& generated, int inferConsensus) {
        const QStringList grid{"--set", "tune_thresholds=0.3,0.6",
                               "--set", "tune_min_track_lengths=2,4",
                               "--set", "tune_min_winds=0,25",
                               "--set", QString("consensus=%1").arg(inferConsensus)};
        for (const double maxFar : {1.0, 0.0}) {
            const QString tuned = run(QStringList{"tune", "--input", inferred, "--set",
                                                  QString("tune_max_far=%1").arg(maxFar)} +
                                      grid);
            QVERIFY(!tuned.isEmpty());
            QFile file(outputs(tuned) + "/tuning.csv");
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readLine().trimmed(),
                     QByteArray("curve,detection_threshold,min_track_length,min_wind,pod,far,"
                                "f2,hits,misses,false_alarms,chosen"));
            int rows = 0;
            int expected = -1;
            int flagged = -1;
            double best = 0.0;
            bool anyWithin = false;
            for (const QByteArray& line : file.readAll().split('\n')) {
                const QList<QByteArray> fields = line.trimmed().split(',');
                if (fields.size() < 11) {
                    continue;
                }
                // "threshold 0.3, min length 2" is one quoted field holding a comma.
                const int offset = fields.size() - 11;
                const double hits = fields[7 + offset].toDouble();
                const double misses = fields[8 + offset].toDouble();
                const double falseAlarms = fields[9 + offset].toDouble();
                const double far = hits + falseAlarms > 0 ? falseAlarms / (hits + falseAlarms) : 0;
                const double f2 = 5 * hits / (5 * hits + 4 * misses + falseAlarms);
                const bool within = far <= maxFar;
                const double score = maxFar >= 1.0 ? f2 : -far;
                if ((maxFar >= 1.0 ? within : true) && (expected < 0 || score > best)) {
                    expected = rows;
                    best = score;
                }
                anyWithin = anyWithin || within;
                if (fields[10 + offset].toInt() == 1) {
                    flagged = rows;
                }
                ++rows;
            }
            QCOMPARE(rows, 8);
            const QJsonObject tunedMetrics =
                readJson(outputs(tuned) + "/metrics.json").value("metrics").toObject();
            if (maxFar >= 1.0 || !anyWithin) {
                QCOMPARE(flagged, expected);
                QCOMPARE(tunedMetrics.value("rule_met").toInt(), anyWithin ? 1 : 0);
            }
            qInfo("tune (max FAR %.1f): chose row %d of 8, validation POD %.3f FAR %.3f F2 %.3f",
                  maxFar, flagged, tunedMetrics.value("validation_pod").toDouble(-1),
                  tunedMetrics.value("validation_far").toDouble(-1),
                  tunedMetrics.value("validation_f2").toDouble(-1));
        }
        const Outcome notInfer = worker({"run", "cyclone", "tune", "--input", generated, "--wait"});
        QCOMPARE(notInfer.exitCode, 1);
        QVERIFY2(notInfer.errors.contains("holds no member_outputs.nc"),
                 qPrintable(notInfer.errors));
        const Outcome badList = worker({"run", "cyclone", "tune", "--input", inferred, "--set",
                                        "tune_min_winds=0,fast", "--wait"});
        QCOMPARE(badList.exitCode, 1);
        QVERIFY2(badList.errors.contains("'tune_min_winds': 'fast' is not a number"),
                 qPrintable(badList.errors));
    }

    void trainInferTrackValidate() {
        QVERIFY(m_runs.isValid());
        const QString generated = run({"generate", "--set", "period=2017-09-01/2017-09-10", "--set",
                                       "resolution=1", "--set", "seed=5"});
        QVERIFY(!generated.isEmpty());

        // 10-point patches at 1 degree cover 10 degrees, as 40 points at 0.25 in the original.
        // One LibTorch thread: with the test machine loaded by parallel builds, a second
        // OpenMP thread spins against them (measured: 50 s per epoch on 2 threads, 1.7 s on 1).
        const int epochs = 4;
        const QString trained = run({"train",
                                     "--input",
                                     generated,
                                     "--set",
                                     "patch_size=10",
                                     "--set",
                                     "blocks=2",
                                     "--set",
                                     "width=0.125",
                                     "--set",
                                     QString("epochs=%1").arg(epochs),
                                     "--set",
                                     "batch_size=32",
                                     "--set",
                                     "background_ratio=0",
                                     "--set",
                                     "learning_rate=0.003",
                                     "--set",
                                     "seed=2",
                                     "--set",
                                     "threads=1"});
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
        // The training domain in every dimension the CNN can fail to extrapolate in.
        const QJsonObject domain = model.value("training_domain").toObject();
        QCOMPARE(domain.value("resolution_degrees").toDouble(), 1.0);
        QCOMPARE(domain.value("patch_size").toInt(), 10);
        QCOMPARE(domain.value("months").toArray(), QJsonArray{"Sep"});
        QCOMPARE(domain.value("world").toArray(), QJsonArray{"standard"});
        QCOMPARE(domain.value("warming_k").toArray(), (QJsonArray{0.0, 0.0}));

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

        // Eight Monte Carlo dropout passes (the model was trained with the default dropout),
        // four of which must agree on a centre.
        const QString inferred =
            run({"infer", "--input", trained, "--input", generated, "--set", "threads=1", "--set",
                 "mc_passes=8", "--set", "consensus=4", "--set", "min_track_length=2"});
        QVERIFY(!inferred.isEmpty());
        QFile detections(outputs(inferred) + "/detections.csv");
        QVERIFY(detections.open(QIODevice::ReadOnly));
        QCOMPARE(detections.readLine().trimmed(),
                 QByteArray("time,lat,lon,confidence,wind_ms,msl_hpa,vo_850,warm_core_k,"
                            "spread_km,spread_north_km,spread_east_km,members"));
        int rows = 0;
        double spreadSum = 0.0;
        for (const QByteArray& line : detections.readAll().split('\n')) {
            const QList<QByteArray> fields = line.split(',');
            if (fields.size() == 12) {
                ++rows;
                QVERIFY2(fields[11].toInt() >= 4, line.constData()); // consensus of 4
                QVERIFY2(fields[8].toDouble() >= 0.0, line.constData());
                spreadSum += fields[8].toDouble();
            }
        }
        qInfo("infer (8 MC dropout passes, consensus 4): %d detections, mean spread %.1f km", rows,
              rows ? spreadSum / rows : 0.0);
        const qint64 inferSteps = metrics(inferred).value("detections").size();
        QCOMPARE(inferSteps, qint64(40));
        for (const char* file :
             {"detections.nc", "member_outputs.nc", "probability.nc", "tracks.csv"}) {
            QVERIFY2(QFile::exists(outputs(inferred) + "/" + file), file);
        }
        {
            const auto members = twins::data::NetcdfFile::open(
                (outputs(inferred) + "/member_outputs.nc").toStdString());
            QCOMPARE(members->variable("prediction").shape,
                     (std::vector<std::size_t>{40, 8, 154, 2}));
            // The Monte Carlo dropout members are different draws, not copies of one pass.
            const std::vector<double> predicted =
                members->readDecoded("prediction", {0, 0, 0, 0}, {40, 8, 154, 2});
            std::size_t differing = 0;
            for (std::size_t i = 0; i < 40 * 154; ++i) {
                const std::size_t step = i / 154;
                const std::size_t tile = i % 154;
                const double a = predicted[((step * 8 + 0) * 154 + tile) * 2];
                const double b = predicted[((step * 8 + 1) * 154 + tile) * 2];
                differing += a != b ? 1 : 0;
            }
            QVERIFY2(differing > 40 * 154 / 2, qPrintable(QString::number(differing)));
            const auto probability = twins::data::NetcdfFile::open(
                (outputs(inferred) + "/probability.nc").toStdString());
            QCOMPARE(probability->variable("probability").shape,
                     (std::vector<std::size_t>{40, 70, 220}));
            const std::vector<double> values =
                probability->readDecoded("probability", {0, 0, 0}, {40, 70, 220});
            double total = 0.0;
            for (const double value : values) {
                QVERIFY(value >= 0.0 && value <= 1.0);
                total += value;
            }
            // Every detection has >= 4 of 8 members in its neighbourhood: the map holds at least
            // half a member-share per detection.
            QVERIFY2(total >= 0.5 * rows - 1e-6, qPrintable(QString::number(total)));
        }
        checkRetrackQuery(outputs(inferred), rows);
        if (QTest::currentTestFailed()) {
            return;
        }
        checkTune(inferred, generated, 4);
        if (QTest::currentTestFailed()) {
            return;
        }
        qInfo("infer: %.1f steps/s (CNN alone, 154 patches per step)",
              metrics(inferred).value("cnn_steps_per_second").value(0));
        QVERIFY2(readJson(outputs(inferred) + "/domain.json").value("inside").toBool(false),
                 "inference on the training drivers flagged outside the training domain");
        checkOutsideDomainFlagged(trained);

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
