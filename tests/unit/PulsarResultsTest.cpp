// Every result the pulsar twin declares (pulsar.json "results") reads from the outputs its
// actions write, through the GUI's own answer-kind registry (readResultAnswer, what the Runs
// dock draws): the frame of simulate as a spectrogram with its mask shaded over it, and the
// dedispersion summary as a metrics table.
#include "WorkerRuns.h"
#include "answers/ResultAnswers.h"
#include "answers/kinds/spectrogram/SpectrogramAnswer.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>

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
        const QMap<QString, QString> outputs{{"simulate", runs.outputs(simulated)},
                                             {"dedisperse", runs.outputs(searched)}};

        for (const twins::sdk::ResultSpec& spec : metadata.results) {
            QVERIFY2(outputs.contains(spec.action), qPrintable(spec.action));
            const twins::app::ResultAnswer answer =
                twins::app::readResultAnswer(spec, outputs.value(spec.action));
            QCOMPARE(answer.kind, spec.kind);
            if (spec.kind != QLatin1String("spectrogram")) {
                continue;
            }
            const auto frame = twins::app::readSpectrogramAnswer(answer.answer).data;
            QCOMPARE(frame.bins, 144);
            QCOMPARE(frame.channels, 64);
            QCOMPARE(frame.frequencyUnits, QString("GHz"));
            QVERIFY(frame.frequencyStep < 0.0); // descending, as written
            // The shaded mask is frame 0's mask of frames.nc, pixel for pixel.
            const auto dataset = twins::data::Dataset::open(
                (outputs.value(spec.action) + "/frames.nc").toStdString());
            twins::data::Hyperslab slab;
            slab.start = {0, 0, 0};
            slab.count = {1, 144, 64};
            const std::vector<double> mask = dataset->readDecoded("mask", slab);
            QCOMPARE(frame.mask.size(), mask.size());
            const auto lit =
                std::count_if(mask.begin(), mask.end(), [](double m) { return m != 0; });
            QVERIFY(lit > 0);
            QCOMPARE(
                std::count_if(frame.mask.begin(), frame.mask.end(), [](auto m) { return m != 0; }),
                lit);
        }
    }
};

QTEST_GUILESS_MAIN(PulsarResultsTest)
#include "PulsarResultsTest.moc"
