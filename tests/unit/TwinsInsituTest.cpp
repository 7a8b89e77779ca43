// calogan simulate, pulsar simulate and wildfire infer publishing in situ (issue 24, item 3),
// through the real worker at their smallest settings with insitu=extracts: the extracts appear
// under the run's insitu/ with the variables each twin names, at the steps the default
// insitu_every chooses, and hold what the run's own output holds at those steps.
#include "WorkerRuns.h"
#include "twinbench/data/Dataset.h"

#include <QDir>
#include <QTest>

#include <cmath>

using twins::data::Dataset;

namespace {

QStringList extractsOf(const twins::testing::WorkerRuns& runs, const QString& id) {
    return QDir(runs.filePath(id + "/insitu")).entryList({"*.nc"}, QDir::Files, QDir::Name);
}

// Largest |a - b| over finite pairs; infinity when one is missing where the other is not.
double worstDifference(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) {
        return INFINITY;
    }
    double worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::isnan(a[i]) != std::isnan(b[i])) {
            return INFINITY;
        }
        if (!std::isnan(a[i])) {
            worst = std::max(worst, std::abs(a[i] - b[i]));
        }
    }
    return worst;
}

} // namespace

class TwinsInsituTest : public QObject {
    Q_OBJECT

private slots:
    void caloganSimulatePublishesShowerVolumes() {
        twins::testing::WorkerRuns runs("calogan");
        QVERIFY(runs.isValid());
        // 40 showers: blocks of 16, 16 and 8, each published (fewer than ten blocks).
        const QString id = runs.run({"simulate", "--set", "events=40", "--set", "energies=100,150",
                                     "--set", "seed=1", "--set", "insitu=extracts"});
        QVERIFY(!id.isEmpty());
        QCOMPARE(extractsOf(runs, id), QStringList({"showers_00000000.nc", "showers_00000001.nc",
                                                    "showers_00000002.nc"}));
        const auto showers = Dataset::open((runs.outputs(id) + "/showers.h5").toStdString());
        for (const std::size_t block : {std::size_t(0), std::size_t(2)}) {
            const auto extract = Dataset::open(
                runs.filePath(id + QString("/insitu/showers_%1.nc").arg(block, 8, 10, QChar('0')))
                    .toStdString());
            for (const char* name : {"ecal_0", "ecal_1", "ecal_2"}) {
                const auto& field = extract->variable(name);
                QCOMPARE(field.dimensions, (std::vector<std::string>{"time", "layer", "y", "x"}));
                QCOMPARE(field.shape, (std::vector<std::size_t>{1, 25, 51, 51}));
                QCOMPARE(QString::fromStdString(field.units()), QString("GeV"));
            }
            // The block's second shower is event 16 * block + 1 of showers.h5 (x, y, layer).
            const std::size_t event = 16 * block + 1;
            const std::vector<double> file =
                showers->readDecoded("ECAL", {{event, 0, 0, 0}, {1, 51, 51, 25}, {}});
            const std::vector<double> published = extract->readDecoded(extract->variable("ecal_1"));
            std::vector<double> transposed(published.size());
            for (std::size_t x = 0; x < 51; ++x) {
                for (std::size_t y = 0; y < 51; ++y) {
                    for (std::size_t layer = 0; layer < 25; ++layer) {
                        transposed[(layer * 51 + y) * 51 + x] = file[(x * 51 + y) * 25 + layer];
                    }
                }
            }
            QCOMPARE(worstDifference(published, transposed), 0.0);
            double energy = 0.0;
            for (double value : published) {
                energy += value;
            }
            QVERIFY2(energy > 1.0, qPrintable(QString("shower sum %1 GeV").arg(energy)));
            QCOMPARE(extract->readDecoded("energy_gev_1", {{0}, {1}, {}}).front(),
                     showers->readDecoded("energy", {{event}, {1}, {}}).front());
        }
    }

    void pulsarSimulatePublishesFrames() {
        twins::testing::WorkerRuns runs("pulsar");
        QVERIFY(runs.isValid());
        const QString id = runs.run({"simulate", "--set", "frames=4", "--set", "channels=64",
                                     "--set", "seed=4", "--set", "insitu=extracts"});
        QVERIFY(!id.isEmpty());
        QCOMPARE(extractsOf(runs, id).size(), 4); // four steps: each one published
        const auto frames = Dataset::open((runs.outputs(id) + "/frames.nc").toStdString());
        const auto& recorded = frames->variable("frames");
        const std::size_t bins = recorded.shape[1];
        const std::size_t channels = recorded.shape[2];
        QCOMPARE(channels, std::size_t(64));
        for (const std::size_t frame : {std::size_t(0), std::size_t(3)}) {
            const auto extract = Dataset::open(
                runs.filePath(id + QString("/insitu/frames_%1.nc").arg(frame, 8, 10, QChar('0')))
                    .toStdString());
            for (const char* name : {"power", "mask"}) {
                QCOMPARE(extract->variable(name).dimensions,
                         (std::vector<std::string>{"time", "frequency", "phase"}));
                QCOMPARE(extract->variable(name).shape,
                         (std::vector<std::size_t>{1, channels, bins}));
            }
            // frames.nc stores (phase, frequency); the extract (frequency, phase).
            const std::vector<double> file =
                frames->readDecoded(recorded, {{frame, 0, 0}, {1, bins, channels}, {}});
            const std::vector<double> power = extract->readDecoded(extract->variable("power"));
            std::vector<double> transposed(power.size());
            for (std::size_t k = 0; k < bins; ++k) {
                for (std::size_t c = 0; c < channels; ++c) {
                    transposed[c * bins + k] = file[k * channels + c];
                }
            }
            QCOMPARE(worstDifference(power, transposed), 0.0);
            QCOMPARE(extract->readDecoded("pulsar", {{0}, {1}, {}}).front(),
                     frames->readDecoded("labels", {{frame, 0}, {1, 1}, {}}).front());
        }
    }

    void wildfireInferPublishesProbability() {
        twins::testing::WorkerRuns runs("wildfire");
        QVERIFY(runs.isValid());
        const QString cube =
            runs.run({"generate", "--set", "first_year=2001", "--set", "last_year=2003", "--set",
                      "resolution=2", "--set", "bbox=10,-20,34,4"});
        QVERIFY(!cube.isEmpty());
        const QString model = runs.run(
            {"train", "--input", cube, "--set", "train_first_year=2001", "--set",
             "train_last_year=2001", "--set", "validation_last_year=2002", "--set", "depth=1",
             "--set", "base_filters=4", "--set", "epochs=1", "--set", "threads=1"});
        QVERIFY(!model.isEmpty());
        const QString id = runs.run({"infer", "--input", model, "--input", cube, "--set",
                                     "period=2003-01-01/2003-12-31", "--set", "mc_passes=2",
                                     "--set", "threads=1", "--set", "insitu=extracts"});
        QVERIFY(!id.isEmpty());
        const auto output =
            Dataset::open((runs.outputs(id) + "/burned_probability.nc").toStdString());
        const auto& mean = output->variable("burned_probability");
        const std::size_t steps = mean.shape[0];
        // The default insitu_every: every steps/10-th step and the last, at least ten.
        const QStringList extracts = extractsOf(runs, id);
        QVERIFY2(extracts.size() >= 10, qPrintable(extracts.join(' ')));
        QCOMPARE(extracts.last(), QString("probability_%1.nc").arg(steps - 1, 8, 10, QChar('0')));
        const std::size_t step = steps - 1;
        const auto extract =
            Dataset::open(runs.filePath(id + "/insitu/" + extracts.last()).toStdString());
        for (const char* name : {"burned_probability", "burned_probability_spread"}) {
            QCOMPARE(extract->variable(name).dimensions,
                     (std::vector<std::string>{"time", "latitude", "longitude"}));
            const std::vector<double> file = output->readDecoded(
                output->variable(name), {{step, 0, 0}, {1, mean.shape[1], mean.shape[2]}, {}});
            const std::vector<double> published = extract->readDecoded(extract->variable(name));
            QVERIFY2(worstDifference(published, file) < 1e-6, name);
        }
        QCOMPARE(extract->readDecoded("time", {{0}, {1}, {}}).front(),
                 output->readDecoded("time", {{step}, {1}, {}}).front());
    }
};

QTEST_MAIN(TwinsInsituTest)
#include "TwinsInsituTest.moc"
