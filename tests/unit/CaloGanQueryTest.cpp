// The `shower` query of the calorimeter twin, the Explore dock's what-if of calogan, through the
// real session worker (`twinbench-run serve`): its declaration (typed parameters, `volume`
// answer) is read from the built plugin's metadata as the GUI reads it, a tiny GAN is trained
// through the worker, then the query answers one GAN shower and one reference shower for the
// arguments the dock would send, and the answer is read by the dock's own reader of the
// `volume` convention (readVolumeAnswer). The first query loads the weights; later ones must
// come back in well under 200 ms (the interactive target), timed here as the client
// sees them (round trip including the JSON of two 51x51x25 showers).
#include "WorkerRuns.h"
#include "answers/kinds/volume/VolumeAnswer.h"
#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/SessionClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <memory>

using twins::sdk::SdkError;
using twins::sdk::SessionClient;

namespace {

constexpr int cellsX = 51;
constexpr int cellsY = 51;
constexpr int layers = 25;
constexpr std::size_t cellsPerShower = std::size_t(cellsX) * cellsY * layers;

// The cells as the plugin sends them, in its own index order (x * 51 + y) * 25 + layer.
std::vector<float> decodeCells(const QJsonObject& volume) {
    const QByteArray bytes =
        QByteArray::fromBase64(volume.value("float32_base64").toString().toLatin1());
    std::vector<float> cells(std::size_t(bytes.size()) / sizeof(float));
    std::memcpy(cells.data(), bytes.constData(), cells.size() * sizeof(float));
    return cells;
}

double sum(const std::vector<float>& cells) {
    double total = 0.0;
    for (float cell : cells) {
        total += cell;
    }
    return total;
}

// The query's form as the Explore dock builds it: the module's metadata read from the built
// plugin without loading it (a parameter key the module does not declare refuses the plugin).
twins::sdk::ParameterSchema showerForm() {
    const auto catalog = twins::sdk::ModuleCatalog::scan({TWINBENCH_PLUGIN_BUILD_DIR});
    return catalog.require("calogan").metadata.queryParameters("shower");
}

QString requestError(SessionClient& client, const QJsonObject& arguments) {
    try {
        client.request("calogan", "shower", arguments);
    } catch (const SdkError& e) {
        return e.message();
    }
    return {};
}

} // namespace

class CaloGanQueryTest : public QObject {
    Q_OBJECT

    twins::testing::WorkerRuns m_runs{"calogan"};

    QProcessEnvironment environment() const { return m_runs.environment(); }

    QString run(const QStringList& arguments) { return m_runs.run(arguments, nullptr, 120000); }

private slots:
    void showerQueryIsDeclaredAsAVolumeWhatIf() {
        const auto catalog = twins::sdk::ModuleCatalog::scan({TWINBENCH_PLUGIN_BUILD_DIR});
        for (const twins::sdk::RefusedPlugin& refused : catalog.refused()) {
            QVERIFY2(!refused.libraryPath.contains("calogan"), qPrintable(refused.reason));
        }
        const twins::sdk::ModuleMetadata& metadata = catalog.require("calogan").metadata;
        const twins::sdk::QuerySpec* query = metadata.findQuery("shower");
        QVERIFY(query != nullptr);
        QCOMPARE(query->answer, QString("volume"));
        QCOMPARE(query->parameterKeys,
                 (QStringList{"model", "energy", "theta", "seed", "reference"}));
        const twins::sdk::ParameterSchema form = metadata.queryParameters("shower");
        QCOMPARE(form.find("energy")->unit, QString("GeV"));
        QCOMPARE(form.find("theta")->unit, QString("degree"));
        // The model has no default: the dock asks nothing until it is set.
        QVERIFY(form.find("model")->isRequired());
        QVERIFY_THROWS_EXCEPTION(SdkError, form.resolve({}));
        const QJsonObject resolved = form.resolve({{"model", "/some/train/run"}});
        QCOMPARE(resolved.value("energy").toDouble(), 100.0);
        QCOMPARE(resolved.value("theta").toDouble(), 90.0);
        QCOMPARE(resolved.value("reference").toBool(), true);
        QVERIFY(resolved.value("seed").isDouble());
    }

    void showerQueryAnswersQuicklyThroughServe() {
        QVERIFY(m_runs.isValid());
        const QString simulated = run(
            {"simulate", "--set", "events=160", "--set", "theta_min=80", "--set", "theta_max=100"});
        QVERIFY(!simulated.isEmpty());
        // The default depth and a narrow width: one shower per query is what is timed, and the
        // model only has to be a real trained generator, not a good one.
        const QString trained =
            run({"train", "--input", simulated, "--set", "width=0.25", "--set", "epochs=1", "--set",
                 "batch_size=16", "--set", "validation_showers=32", "--set",
                 "calibration_showers=256", "--set", "final_calibration_showers=0", "--set",
                 "threads=1", "--set", "speed_showers=0"});
        QVERIFY(!trained.isEmpty());
        const QString model = m_runs.filePath(trained + "/outputs");

        const QString socketPath = m_runs.filePath("session.sock");
        QProcess serve;
        serve.setProcessEnvironment(environment());
        serve.start(TWINBENCH_WORKER_EXECUTABLE, {"serve", "--socket", socketPath});
        QElapsedTimer started;
        started.start();
        while (!serve.canReadLine() && started.elapsed() < 10000 &&
               serve.state() != QProcess::NotRunning) {
            serve.waitForReadyRead(100);
        }
        QVERIFY2(serve.readLine().startsWith("listening on"), serve.readAllStandardError());

        SessionClient client(socketPath);
        client.connectToWorker();
        // What the Explore dock sends: the form's values resolved (checked, defaults filled).
        const QJsonObject arguments = showerForm().resolve(
            {{"model", model}, {"energy", 150.0}, {"theta", 75.0}, {"seed", 1}});
        QCOMPARE(arguments.value("reference").toBool(), true);
        QElapsedTimer clock;
        clock.start();
        const QJsonObject first = client.request("calogan", "shower", arguments);
        const double firstMs = clock.nsecsElapsed() / 1e6;
        QCOMPARE(first.value("model_loaded_now").toBool(), true);
        QCOMPARE(first.value("extrapolated").toBool(), false);

        // The `volume` convention, read as the dock reads it.
        const twins::app::ExploreVolumes shown = twins::app::readVolumeAnswer(first);
        QCOMPARE(shown.header.title, QString("Electron shower"));
        QCOMPARE(shown.header.conditions, QString("energy 150 GeV, theta 75 degree"));
        QCOMPARE(shown.volumes.size(), std::size_t(2));
        QCOMPARE(shown.volumes[0].title, QString("GAN"));
        QCOMPARE(shown.volumes[1].title, QString("Monte Carlo reference"));
        const QJsonArray volumes = first.value("volumes").toArray();
        for (std::size_t index = 0; index < 2; ++index) {
            const twins::viz::VolumeGrid& grid = shown.volumes[index];
            const QJsonObject volume = volumes.at(qsizetype(index)).toObject();
            QCOMPARE(grid.dims, (std::array<int, 3>{cellsX, cellsY, layers}));
            QCOMPARE(grid.values.size(), cellsPerShower);
            QCOMPARE(grid.name, QString("Energy"));
            QCOMPARE(grid.units, QString("GeV"));
            QCOMPARE(grid.spacing, (std::array<double, 3>{5.1, 5.1, 4.0}));
            QCOMPARE(grid.axisUnits[2], QString("mm"));
            QCOMPARE(volume.value("order").toString(), QString("z_fastest"));
            // The reader's x-fastest grid holds the plugin's cells where its index says they
            // are, so the layer axis of the view is the calorimeter's depth ...
            const std::vector<float> cells = decodeCells(volume);
            QCOMPARE(cells.size(), cellsPerShower);
            constexpr std::array<std::array<int, 3>, 3> probes{
                {{25, 25, 5}, {24, 26, 10}, {3, 47, 20}}};
            for (const auto& [i, j, k] : probes) {
                QCOMPARE(grid.at(i, j, k), cells[std::size_t((i * cellsY + j) * layers + k)]);
            }
            // ... and its per-layer sums are the plugin's longitudinal profile.
            const QJsonArray longitudinal = volume.value("longitudinal_gev").toArray();
            QCOMPARE(longitudinal.size(), layers);
            for (int k = 0; k < layers; ++k) {
                double layerSum = 0.0;
                for (int j = 0; j < cellsY; ++j) {
                    for (int i = 0; i < cellsX; ++i) {
                        layerSum += grid.at(i, j, k);
                    }
                }
                QVERIFY2(std::abs(layerSum - longitudinal.at(k).toDouble()) <=
                             1e-4 * volume.value("sum_gev").toDouble(),
                         qPrintable(QString("layer %1: %2").arg(k).arg(layerSum)));
            }
            QVERIFY(std::abs(sum(grid.values) - volume.value("sum_gev").toDouble()) <=
                    1e-4 * volume.value("sum_gev").toDouble());
            QVERIFY(std::all_of(grid.values.begin(), grid.values.end(),
                                [](float c) { return c >= 0.0f; }));
        }
        const double ganSum = sum(shown.volumes[0].values);
        const double referenceSum = sum(shown.volumes[1].values);
        QVERIFY(ganSum > 0.0);
        // The reference at 150 GeV deposits its sampling fraction (~1.7%) of the energy.
        QVERIFY2(referenceSum > 0.01 * 150 && referenceSum < 0.025 * 150,
                 qPrintable(QString::number(referenceSum)));
        // A shower at theta 75 degrees is centred in y, the axis the angle does not tilt.
        double yMoment = 0.0;
        const twins::viz::VolumeGrid& reference = shown.volumes[1];
        for (int k = 0; k < layers; ++k) {
            for (int j = 0; j < cellsY; ++j) {
                for (int i = 0; i < cellsX; ++i) {
                    yMoment += j * double(reference.at(i, j, k));
                }
            }
        }
        QVERIFY2(std::abs(yMoment / referenceSum - 25.0) < 2.0,
                 qPrintable(QString::number(yMoment / referenceSum)));

        QList<double> roundTrips;
        QJsonObject last;
        for (int i = 0; i < 20; ++i) {
            clock.restart();
            last = client.request(
                "calogan", "shower",
                {{"model", model}, {"energy", 100.0 + 5 * i}, {"theta", 90.0}, {"seed", i}});
            roundTrips.append(clock.nsecsElapsed() / 1e6);
            QCOMPARE(last.value("model_loaded_now").toBool(), false);
        }
        std::sort(roundTrips.begin(), roundTrips.end());
        const QJsonArray lastVolumes = last.value("volumes").toArray();
        qInfo("shower query through serve: first %.1f ms (loads the weights: %.1f ms in the "
              "worker); then median %.1f ms, max %.1f ms over 20 (GAN %.1f ms, reference %.1f ms "
              "in the worker for the last)",
              firstMs, first.value("load_milliseconds").toDouble(), roundTrips[10],
              roundTrips.last(), lastVolumes.at(0).toObject().value("milliseconds").toDouble(),
              lastVolumes.at(1).toObject().value("milliseconds").toDouble());
        QVERIFY2(roundTrips[10] < 200.0, qPrintable(QString::number(roundTrips[10])));
        // Same seed, same shower: the answer is reproducible.
        const QJsonObject again = client.request("calogan", "shower", arguments);
        QCOMPARE(again.value("volumes").toArray().at(0).toObject().value("float32_base64"),
                 volumes.at(0).toObject().value("float32_base64"));

        // The model in each form the user has at hand: the run directory and gan.json's
        // directory share the generator loaded for outputs/.
        for (const QString& form : {m_runs.filePath(trained), model + "/gan.json"}) {
            const QJsonObject answer =
                client.request("calogan", "shower", {{"model", form}, {"reference", false}});
            QCOMPARE(answer.value("model_loaded_now").toBool(), false);
            QCOMPARE(answer.value("volumes").toArray().size(), 1);
            QCOMPARE(
                answer.value("conditions").toObject().value("energy").toObject().value("value"),
                QJsonValue(100.0));
        }
        const QString notAModel = requestError(client, {{"model", m_runs.path()}});
        QVERIFY2(notAModel.contains("argument 'model'") && notAModel.contains("gan.json"),
                 qPrintable(notAModel));
        const QString energyError = requestError(client, {{"model", model}, {"energy", 1000.0}});
        QVERIFY2(energyError.contains("argument 'energy' must be a number from 2 to 500 GeV"),
                 qPrintable(energyError));
        client.shutdown();
        QVERIFY(serve.waitForFinished(5000));
    }
};

QTEST_GUILESS_MAIN(CaloGanQueryTest)
#include "CaloGanQueryTest.moc"
