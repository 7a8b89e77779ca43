// Every result the pulsar twin declares (pulsar.json "results") reads from the outputs its
// actions write, through the GUI's own answer-kind registry (readResultAnswer, what the Runs
// dock draws): the frame of simulate as a spectrogram with its mask shaded over it, the
// dedispersion summary as a metrics table, the model card, classify's and validate's frames with
// the predicted mask, validate's metrics, ROC curves and recall against S/N.
#include "WorkerRuns.h"
#include "answers/ResultAnswers.h"
#include "answers/kinds/spectrogram/SpectrogramAnswer.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <utility>

class PulsarResultsTest : public QObject {
    Q_OBJECT

private slots:
    void everyDeclaredResultReads() {
        QFile json(QStringLiteral(TWINBENCH_SOURCE_DIR "/plugins/pulsar/pulsar.json"));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const auto metadata = twins::sdk::ModuleMetadata::fromJson(
            QJsonDocument::fromJson(json.readAll()).object(), json.fileName());
        QVERIFY(!metadata.results.isEmpty());

        twins::testing::WorkerRuns runs("pulsar");
        QVERIFY(runs.isValid());
        const QString simulated = runs.run({"simulate", "--set", "frames=4", "--set", "channels=64",
                                            "--set", "seed=4", "--set", "pulsar_fraction=1"});
        QVERIFY(!simulated.isEmpty());
        const QString searched =
            runs.run({"dedisperse", "--input", simulated, "--set", "threshold=8"});
        QVERIFY(!searched.isEmpty());
        // The networks' actions at the smallest settings (a 32 x 32 grid).
        const QString trained = runs.run({"train",
                                          "--input",
                                          simulated,
                                          "--set",
                                          "grid_phase_bins=32",
                                          "--set",
                                          "grid_channels=32",
                                          "--set",
                                          "unet_width=2",
                                          "--set",
                                          "unet_depth=2",
                                          "--set",
                                          "classifier_width=2",
                                          "--set",
                                          "epochs=1",
                                          "--set",
                                          "batch_size=2",
                                          "--set",
                                          "validation_fraction=0.25",
                                          "--set",
                                          "threads=1"});
        QVERIFY(!trained.isEmpty());
        const QString test =
            runs.run({"simulate", "--set", "frames=8", "--set", "channels=64", "--set", "seed=5"});
        QVERIFY(!test.isEmpty());
        const QString classified = runs.run({"classify", "--input", trained, "--input", test});
        QVERIFY(!classified.isEmpty());
        const QString validated =
            runs.run({"validate", "--input", trained, "--input", test, "--set", "threads=1",
                      "--set", "example_frames=2", "--set", "dm_max_search=60"});
        QVERIFY(!validated.isEmpty());
        const QMap<QString, QString> outputs{{"simulate", runs.outputs(simulated)},
                                             {"dedisperse", runs.outputs(searched)},
                                             {"train", runs.outputs(trained)},
                                             {"classify", runs.outputs(classified)},
                                             {"validate", runs.outputs(validated)}};

        for (const twins::sdk::ResultSpec& spec : metadata.results) {
            QVERIFY2(outputs.contains(spec.action), qPrintable(spec.action));
            const twins::app::ResultAnswer answer =
                twins::app::readResultAnswer(spec, outputs.value(spec.action));
            QCOMPARE(answer.kind, spec.kind);
            if (spec.kind != QLatin1String("spectrogram")) {
                continue;
            }
            const auto frame = twins::app::readSpectrogramAnswer(answer.answer).data;
            const bool simulatedFrame = spec.action == QLatin1String("simulate");
            // A simulated frame as recorded; the networks' frames on the model's grid.
            const int bins = simulatedFrame ? 144 : 32;
            const int channels = simulatedFrame ? 64 : 32;
            QCOMPARE(frame.bins, bins);
            QCOMPARE(frame.channels, channels);
            QCOMPARE(frame.frequencyUnits, QString("GHz"));
            QVERIFY(frame.frequencyStep < 0.0); // descending, as written
            // The shaded mask is frame 0's mask of the file, pixel for pixel.
            const auto dataset = twins::data::Dataset::open(
                (outputs.value(spec.action) + "/" + spec.output).toStdString());
            twins::data::Hyperslab slab;
            slab.start = {0, 0, 0};
            slab.count = {1, std::size_t(bins), std::size_t(channels)};
            const std::vector<double> mask = dataset->readDecoded("mask", slab);
            QCOMPARE(frame.mask.size(), mask.size());
            const auto lit =
                std::count_if(mask.begin(), mask.end(), [](double m) { return m != 0; });
            QVERIFY(!simulatedFrame || lit > 0);
            QCOMPARE(
                std::count_if(frame.mask.begin(), frame.mask.end(), [](auto m) { return m != 0; }),
                lit);
        }

        // The recall-against-S/N chart names the dedispersion peer only when validate ran it.
        const QString alone =
            runs.run({"validate", "--input", trained, "--input", test, "--set", "threads=1",
                      "--set", "example_frames=1", "--set", "peer=false"});
        QVERIFY(!alone.isEmpty());
        for (const twins::sdk::ResultSpec& spec : metadata.results) {
            if (spec.output != QLatin1String("recall_by_snr.csv")) {
                continue;
            }
            for (const auto& [run, names] :
                 {std::pair{validated, QStringList{"classifier", "dedispersion peer"}},
                  std::pair{alone, QStringList{"classifier"}}}) {
                const QJsonArray curves = twins::app::readResultAnswer(spec, runs.outputs(run))
                                              .answer.value("curves")
                                              .toArray();
                QStringList shown;
                for (const QJsonValue& curve : curves) {
                    shown << curve.toObject().value("name").toString();
                }
                QCOMPARE(shown, names);
            }
        }
    }
};

QTEST_GUILESS_MAIN(PulsarResultsTest)
#include "PulsarResultsTest.moc"
