// The pulsar networks through the real worker, at the smallest settings that still train:
// simulate -> train (U-Net + classifier on a 32 x 32 grid) twice with one seed (the same
// held-out predictions: deterministic per seed), classify on files python3-xarray wrote in
// other layouts (MHz, ascending, transposed, a time axis, ML-PPA's dataframe, HDF5 in Hz, half
// the channels) giving the same probabilities as the original where the values are the same,
// clear errors for a 1-D variable and a missing frequency coordinate, a band outside the trained
// one flagged in domain.json, the `frame` query through the real session worker (a simulated
// frame, its mask and the probabilities, read by the Explore dock's spectrogram reader, in
// under a second), and validate on an independently seeded set with the dedispersion peer (and
// refusing the training data).
#include "WorkerRuns.h"
#include "answers/kinds/spectrogram/SpectrogramAnswer.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/SessionClient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

namespace {

QJsonObject readJson(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                          : QJsonObject();
}

// p_pulsar, p_nbrfi, p_bbrfi of every row of classification.csv.
std::vector<std::array<double, 3>> probabilities(const QString& csv) {
    const auto table = twins::sdk::readCsv(csv.toStdString());
    std::vector<std::array<double, 3>> rows;
    for (const auto& row : table.rows) {
        rows.push_back(
            {std::stod(row.fields[1]), std::stod(row.fields[2]), std::stod(row.fields[3])});
    }
    return rows;
}

} // namespace

class PulsarNetworksTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"pulsar"};
    QTemporaryDir m_files;
    QString m_training, m_model;

    QString failure(const QStringList& arguments) {
        twins::testing::ProcessOutcome outcome;
        const QString id = m_runs.run(arguments, &outcome, 120000);
        return !id.isEmpty() && outcome.exitCode == 0 ? QStringLiteral("<succeeded>")
                                                      : outcome.errors;
    }

    QStringList trainArguments(const QString& input) const {
        return {"train",
                "--input",
                input,
                "--set",
                "grid_phase_bins=32",
                "--set",
                "grid_channels=32",
                "--set",
                "unet_width=4",
                "--set",
                "unet_depth=2",
                "--set",
                "classifier_width=4",
                "--set",
                "epochs=2",
                "--set",
                "batch_size=16",
                "--set",
                "threads=1",
                "--set",
                "seed=5",
                "--set",
                "min_accuracy=0"};
    }

private slots:
    void initTestCase() {
        QVERIFY(m_runs.isValid());
        QVERIFY(m_files.isValid());
        m_training = m_runs.run({"simulate", "--set", "frames=96", "--set", "channels=64", "--set",
                                 "seed=11", "--set", "snr_min=20", "--set", "snr_max=60"});
        QVERIFY(!m_training.isEmpty());
    }

    void trainWritesTheModelAndIsDeterministicPerSeed() {
        m_model = m_runs.run(trainArguments(m_training), nullptr, 300000);
        QVERIFY(!m_model.isEmpty());
        const QString outputs = m_runs.outputs(m_model);
        for (const char* name :
             {"pulsar_nets.pt", "pulsar_nets.json", "model.json", "validation_predictions.csv"}) {
            QVERIFY2(QFile::exists(outputs + "/" + name), name);
        }
        const QJsonObject card = readJson(outputs + "/model.json");
        QCOMPARE(card.value("format").toString(), QString("twinbench-model/1"));
        const QJsonObject metrics = card.value("metrics").toObject();
        qInfo("train metrics: %s",
              QJsonDocument(metrics).toJson(QJsonDocument::Compact).constData());
        QVERIFY(metrics.contains("val_accuracy_pulsar"));
        QVERIFY(metrics.value("val_label_bce").toDouble() > 0.0);
        QVERIFY(card.value("training_cost").toObject().value("steps").toDouble() >= 2.0);
        QVERIFY(m_runs.lastMetric(m_model, "loss") > 0.0);
        QVERIFY(m_runs.lastMetric(m_model, "val_label_bce") > 0.0);
        // Same seed, same thread count: the same kept model, so the same held-out outputs.
        const QString again = m_runs.run(trainArguments(m_training), nullptr, 300000);
        QVERIFY(!again.isEmpty());
        QFile first(outputs + "/validation_predictions.csv");
        QFile second(m_runs.outputs(again) + "/validation_predictions.csv");
        QVERIFY(first.open(QIODevice::ReadOnly) && second.open(QIODevice::ReadOnly));
        QCOMPARE(second.readAll(), first.readAll());
    }

    void classifyReadsEveryLayoutTheSame() {
        QVERIFY(!m_model.isEmpty());
        const QString frames = m_runs.outputs(m_training) + "/frames.nc";
        const auto script = twins::testing::runProcess(
            "/usr/bin/python3",
            {QString(TWINBENCH_SOURCE_DIR) + "/tests/unit/PulsarXarrayFiles.py", frames,
             m_files.path()},
            120000, QProcessEnvironment::systemEnvironment());
        QVERIFY2(script.exitCode == 0, qPrintable(script.errors));
        auto file = [&](const char* name) { return m_files.filePath(name); };

        // The reference: frames 0..3 of the simulate run itself (classified with the rest).
        const QString reference = m_runs.run({"classify", "--input", m_model, "--input", frames});
        QVERIFY(!reference.isEmpty());
        const auto table =
            twins::sdk::readCsv((m_runs.outputs(reference) + "/classification.csv").toStdString());
        QCOMPARE(table.header, (std::vector<std::string>{"frame", "p_pulsar", "p_nbrfi", "p_bbrfi",
                                                         "pulsar", "nbrfi", "bbrfi"}));
        QCOMPARE(table.rows.size(), std::size_t(96));
        const auto expected = probabilities(m_runs.outputs(reference) + "/classification.csv");
        const auto masks =
            twins::data::Dataset::open((m_runs.outputs(reference) + "/masks.nc").toStdString());
        QCOMPARE(masks->variable("mask").shape, (std::vector<std::size_t>{96, 32, 32}));

        // Several files in one run: frames numbered across them in input order.
        const QString layouts =
            m_runs.run({"classify", "--input", m_model, "--input",
                        file("mhz_ascending_transposed.nc"), "--input", file("time_axis.nc"),
                        "--input", file("mlppa_frame1.nc"), "--input", file("hdf5_stack.h5")});
        QVERIFY(!layouts.isEmpty());
        const auto got = probabilities(m_runs.outputs(layouts) + "/classification.csv");
        QCOMPARE(got.size(), std::size_t(4 + 4 + 1 + 4));
        const std::vector<std::size_t> sourceFrame{0, 1, 2, 3, 0, 1, 2, 3, 1, 0, 1, 2, 3};
        for (std::size_t i = 0; i < got.size(); ++i) {
            for (std::size_t l = 0; l < 3; ++l) {
                QVERIFY2(std::abs(got[i][l] - expected[sourceFrame[i]][l]) < 1e-4,
                         qPrintable(QString("row %1 label %2: %3 vs %4")
                                        .arg(i)
                                        .arg(l)
                                        .arg(got[i][l])
                                        .arg(expected[sourceFrame[i]][l])));
            }
        }
        // Half the channels: resampled to the model's grid, classified.
        const QString fewer =
            m_runs.run({"classify", "--input", m_model, "--input", file("fewer_channels.nc")});
        QVERIFY(!fewer.isEmpty());
        QCOMPARE(probabilities(m_runs.outputs(fewer) + "/classification.csv").size(),
                 std::size_t(4));
    }

    // Item 1 of the third part: classify states what it asked of the model against the model
    // card's training domain (frequency_ghz, channels, phase_bins) in outputs/domain.json.
    void classifyFlagsFramesOutsideTheTrainedDomain() {
        QVERIFY(!m_model.isEmpty());
        const QJsonObject trained =
            readJson(m_runs.outputs(m_model) + "/model.json").value("training_domain").toObject();
        QCOMPARE(trained.value("channels").toInt(), 64);
        QCOMPARE(trained.value("phase_bins").toInt(), 144);
        // The training frames themselves, and the same frames in MHz ascending and transposed:
        // inside.
        for (const QString& input : {m_runs.outputs(m_training) + "/frames.nc",
                                     m_files.filePath("mhz_ascending_transposed.nc")}) {
            const QString inside = m_runs.run({"classify", "--input", m_model, "--input", input});
            QVERIFY(!inside.isEmpty());
            const QJsonObject domain = readJson(m_runs.outputs(inside) + "/domain.json");
            QCOMPARE(domain.value("format").toString(), QString("twinbench-domain/1"));
            QVERIFY2(domain.value("inside").toBool(),
                     QJsonDocument(domain).toJson(QJsonDocument::Compact).constData());
            // frequency_ghz, channels, phase_bins and the bandpass (the training receiver's).
            QCOMPARE(domain.value("checked").toArray().size(), 4);
        }
        // The same values labelled as an L-band observation: outside in frequency only, and
        // said so in the log.
        const QString outside =
            m_runs.run({"classify", "--input", m_model, "--input", m_files.filePath("l_band.nc")});
        QVERIFY(!outside.isEmpty());
        const QJsonObject domain = readJson(m_runs.outputs(outside) + "/domain.json");
        QVERIFY(!domain.value("inside").toBool());
        const QJsonArray departures = domain.value("departures").toArray();
        // Another band: its bandpass is measured from its own 4 frames, too few to trust.
        QStringList departed;
        for (const QJsonValue departure : departures) {
            departed << departure.toObject().value("dimension").toString();
        }
        departed.sort();
        QCOMPARE(departed, (QStringList{"bandpass", "frequency_ghz"}));
        QFile log(m_runs.filePath(outside + "/log.txt"));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray text = log.readAll();
        QVERIFY(text.contains("outside the model's training domain: bandpass") &&
                text.contains("frequency_ghz: requested"));
    }

    // Frames of another receiver on the trained band (no bandpass ripple): against the training
    // receiver's bandpass the NBRFI band profile would be off in every column (NBRFI recall
    // 0.990 -> 0.019, plugins/pulsar/README.md), so classify measures the file's own and says
    // so; from 40 frames it is trusted, from one it is flagged in domain.json.
    void classifyMeasuresAnotherReceiversBandpass() {
        QVERIFY(!m_model.isEmpty());
        const QJsonObject trained =
            readJson(m_runs.outputs(m_model) + "/model.json").value("training_domain").toObject();
        QCOMPARE(trained.value("bandpass").toArray().size(), 2);
        for (const int frames : {40, 1}) {
            const QString other =
                m_runs.run({"simulate", "--set", QString("frames=%1").arg(frames), "--set",
                            "channels=64", "--set", "seed=12", "--set", "bandpass_ripple=0"});
            QVERIFY(!other.isEmpty());
            const QString classified = m_runs.run(
                {"classify", "--input", m_model, "--input", m_runs.outputs(other) + "/frames.nc"});
            QVERIFY(!classified.isEmpty());
            QFile log(m_runs.filePath(classified + "/log.txt"));
            QVERIFY(log.open(QIODevice::ReadOnly));
            const QByteArray text = log.readAll();
            QVERIFY2(
                text.contains("its bandpass is not the training receiver's") &&
                    text.contains(
                        QString("the median of %1 frames' channel levels").arg(frames).toUtf8()),
                text.constData());
            const QJsonObject domain = readJson(m_runs.outputs(classified) + "/domain.json");
            QCOMPARE(domain.value("inside").toBool(), frames >= 32);
            if (frames < 32) {
                const QJsonArray departures = domain.value("departures").toArray();
                QCOMPARE(departures.size(), 1);
                QCOMPARE(departures[0].toObject().value("dimension").toString(),
                         QString("bandpass"));
            }
        }
    }

    // Item 6 of the issue: the Explore dock's what-if. The query's form as the dock builds it
    // from the plugin's metadata, then `twinbench-run serve` answering it.
    void frameQueryAnswersThroughServeInUnderASecond() {
        QVERIFY(!m_model.isEmpty());
        const auto catalog = twins::sdk::ModuleCatalog::scan({TWINBENCH_PLUGIN_BUILD_DIR});
        const twins::sdk::ModuleMetadata& metadata = catalog.require("pulsar").metadata;
        const twins::sdk::QuerySpec* query = metadata.findQuery("frame");
        QVERIFY(query != nullptr);
        QCOMPARE(query->answer, QString("spectrogram"));
        const twins::sdk::ParameterSchema form = metadata.queryParameters("frame");
        QVERIFY(form.find("model")->isRequired());
        QCOMPARE(form.find("dm")->unit, QString("pc cm-3"));

        const QString socketPath = m_runs.filePath("pulsar-session.sock");
        QProcess serve;
        serve.setProcessEnvironment(m_runs.environment());
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

        // A bright pulse and broadband RFI, shaded with the simulator's truth.
        const QString model = m_runs.outputs(m_model);
        const QJsonObject first = client.request("pulsar", "frame",
                                                 form.resolve({{"model", model},
                                                               {"channels", 64},
                                                               {"dm", 30.0},
                                                               {"period", 0.5},
                                                               {"snr", 60.0},
                                                               {"bbrfi", true},
                                                               {"overlay", "truth"}}));
        QCOMPARE(first.value("model_loaded_now").toBool(), true);
        const twins::app::SpectrogramAnswer shown = twins::app::readSpectrogramAnswer(first);
        QVERIFY(shown.header.title.startsWith("Simulated frame: P(pulsar) "));
        QCOMPARE(shown.data.channels, 64);
        QCOMPARE(shown.data.bins, 144);
        QCOMPARE(shown.data.values.size(), std::size_t(64 * 144));
        QCOMPARE(shown.data.mask.size(), std::size_t(64 * 144));
        QCOMPARE(shown.data.frequencyUnits, QString("GHz"));
        QVERIFY(shown.data.frequencyStep < 0.0);
        const QJsonObject labels = first.value("labels").toObject();
        QVERIFY(labels.value("pulsar").toBool() && labels.value("bbrfi").toBool() &&
                !labels.value("nbrfi").toBool());
        // The truth mask holds the impulse: a phase bin masked in every channel.
        bool fullColumn = false;
        for (int k = 0; k < 144 && !fullColumn; ++k) {
            bool all = true;
            for (int c = 0; c < 64; ++c) {
                all = all && shown.data.mask[std::size_t(c * 144 + k)] != 0;
            }
            fullColumn = all;
        }
        QVERIFY(fullColumn);
        for (const char* label : {"pulsar", "nbrfi", "bbrfi"}) {
            const double p = first.value("probabilities").toObject().value(label).toDouble(-1);
            QVERIFY2(p >= 0.0 && p <= 1.0, label);
        }

        // Changing DM, period, S/N and RFI: each answer round trip as the dock sees it.
        QList<double> roundTrips;
        for (int i = 0; i < 12; ++i) {
            QElapsedTimer clock;
            clock.start();
            const QJsonObject answer = client.request("pulsar", "frame",
                                                      form.resolve({{"model", model},
                                                                    {"channels", 64},
                                                                    {"dm", 10.0 + 7 * i},
                                                                    {"period", 0.3 + 0.1 * i},
                                                                    {"snr", 8.0 + 4 * i},
                                                                    {"nbrfi", i % 2 == 0},
                                                                    {"bbrfi", i % 3 == 0},
                                                                    {"seed", i}}));
            roundTrips.append(clock.nsecsElapsed() / 1e6);
            QCOMPARE(answer.value("model_loaded_now").toBool(), false);
            QCOMPARE(answer.value("labels").toObject().value("nbrfi").toBool(), i % 2 == 0);
            QVERIFY(!twins::app::readSpectrogramAnswer(answer).data.mask.empty());
        }
        std::sort(roundTrips.begin(), roundTrips.end());
        const double median = roundTrips[roundTrips.size() / 2];
        // The default 600 channels, for the record (the grid of this model is 32 x 32).
        QElapsedTimer clock;
        clock.start();
        client.request("pulsar", "frame", form.resolve({{"model", model}}));
        qInfo("frame query: median round trip %.1f ms at 64 channels (slowest %.1f ms), %.1f ms "
              "at 600 channels",
              median, roundTrips.last(), clock.nsecsElapsed() / 1e6);
        QVERIFY2(median < 1000.0, qPrintable(QString::number(median)));

        QString error;
        try {
            client.request("pulsar", "frame", {{"model", model}, {"overlay", "both"}});
        } catch (const twins::sdk::SdkError& e) {
            error = e.message();
        }
        QVERIFY2(error.contains("'overlay'"), qPrintable(error));
        serve.terminate();
        serve.waitForFinished(5000);
    }

    void classifyRefusesWhatIsNotFrames() {
        QVERIFY(!m_model.isEmpty());
        QString errors =
            failure({"classify", "--input", m_model, "--input", m_files.filePath("one_d.nc")});
        QVERIFY2(errors.contains("variable 'profile'") && errors.contains("one_d.nc") &&
                     errors.contains("1-D"),
                 qPrintable(errors));
        errors = failure(
            {"classify", "--input", m_model, "--input", m_files.filePath("no_frequency.nc")});
        QVERIFY2(errors.contains("variable 'frames'") && errors.contains("no_frequency.nc") &&
                     errors.contains("no frequency coordinate"),
                 qPrintable(errors));
        errors = failure({"classify", "--input", m_files.filePath("one_d.nc")});
        QVERIFY2(errors.contains("expected a pulsar train run"), qPrintable(errors));
        errors =
            failure({"classify", "--input", m_training, "--input", m_files.filePath("one_d.nc")});
        QVERIFY2(errors.contains("is not a pulsar model"), qPrintable(errors));
        errors = failure({"train", "--input", m_training, "--set", "grid_channels=36"});
        QVERIFY2(errors.contains("grid_phase_bins and grid_channels must be multiples of 8"),
                 qPrintable(errors));
    }

    void calibrationFramesSetThePulsarThreshold() {
        // A pulsar-free run with another seed, not trained on: its frames join the held-out
        // split's pulsar-free frames, and P(pulsar)'s threshold is the order statistic of all
        // of them for the rate asked (DecisionThresholds.h), which the held-out frames alone
        // (about 10 here) could not resolve.
        const QString calibration =
            m_runs.run({"simulate", "--set", "frames=40", "--set", "channels=64", "--set",
                        "seed=13", "--set", "pulsar_fraction=0"});
        QVERIFY(!calibration.isEmpty());
        const double rate = 0.05;
        const QString model =
            m_runs.run(trainArguments(m_training)
                           << "--input" << calibration << "--set"
                           << "calibration_inputs=1"
                           << "--set" << QStringLiteral("pulsar_false_alarm_rate=%1").arg(rate),
                       nullptr, 300000);
        QVERIFY(!model.isEmpty());
        const QString outputs = m_runs.outputs(model);
        std::vector<double> pulsarFree;
        const auto held =
            twins::sdk::readCsv((outputs + "/validation_predictions.csv").toStdString());
        for (const auto& row : held.rows) {
            if (row.fields[1] == "0") {
                pulsarFree.push_back(std::stod(row.fields[4]));
            }
        }
        const std::size_t heldOut = pulsarFree.size();
        const auto scored =
            twins::sdk::readCsv((outputs + "/calibration_predictions.csv").toStdString());
        QCOMPARE(scored.rows.size(), std::size_t(40)); // every frame is pulsar-free
        for (const auto& row : scored.rows) {
            pulsarFree.push_back(std::stod(row.fields[2]));
        }
        const QJsonObject metrics = readJson(outputs + "/model.json").value("metrics").toObject();
        QCOMPARE(metrics.value("threshold_calibration_frames").toInt(), 40);
        QCOMPARE(metrics.value("threshold_pulsar_free_frames").toInt(), int(pulsarFree.size()));
        QVERIFY(metrics.value("threshold_expected_false_alarm_rate").toDouble(1.0) <= rate);
        // k = floor(rate (n + 1)) - 1 frames may lie at or above the threshold, the next not.
        std::sort(pulsarFree.begin(), pulsarFree.end(), std::greater<>());
        const auto k = std::size_t(std::floor(rate * double(pulsarFree.size() + 1)) - 1.0);
        QVERIFY2(heldOut + 1 < std::size_t(1.0 / rate) && k >= 1, "held-out alone resolves");
        const double threshold =
            readJson(outputs + "/pulsar_nets.json").value("thresholds").toArray().at(0).toDouble();
        QCOMPARE(std::size_t(std::count_if(pulsarFree.begin(), pulsarFree.end(),
                                           [&](double p) { return p >= threshold; })),
                 k);
        QVERIFY(pulsarFree[k] < threshold && threshold <= pulsarFree[k] * (1.0 + 1e-9) + 1e-300);

        // Validate refuses the calibration frames as test data; train refuses calibration
        // frames of the training seed and a count that leaves nothing to train on.
        QString errors = failure({"validate", "--input", model, "--input", calibration});
        QVERIFY2(errors.contains("calibration data"), qPrintable(errors));
        errors = failure(trainArguments(m_training) << "--input" << m_training << "--set"
                                                    << "calibration_inputs=1");
        QVERIFY2(errors.contains("simulate the calibration frames with another seed"),
                 qPrintable(errors));
        errors = failure(trainArguments(m_training) << "--set"
                                                    << "calibration_inputs=1");
        QVERIFY2(errors.contains("calibration_inputs=1"), qPrintable(errors));
    }

    void pulsarNegativeWeightLowersThePulsarFreeScores() {
        // Same data, seed and steps as m_model; only the pulsar-free frames' weight in
        // P(pulsar)'s loss differs, so their held-out P(pulsar) must come out lower on average.
        QVERIFY(!m_model.isEmpty());
        const QString weighted =
            m_runs.run(trainArguments(m_training) << "--set"
                                                  << "pulsar_negative_weight=5",
                       nullptr, 300000);
        QVERIFY(!weighted.isEmpty());
        auto meanPulsarFree = [&](const QString& run) {
            const auto table = twins::sdk::readCsv(
                (m_runs.outputs(run) + "/validation_predictions.csv").toStdString());
            double sum = 0.0;
            int count = 0;
            for (const auto& row : table.rows) {
                if (row.fields[1] == "0") {
                    sum += std::stod(row.fields[4]);
                    ++count;
                }
            }
            return count > 0 ? sum / count : std::nan("");
        };
        const double plain = meanPulsarFree(m_model);
        const double pushed = meanPulsarFree(weighted);
        qInfo("mean held-out pulsar-free P(pulsar): %.4f, with pulsar_negative_weight=5 %.4f",
              plain, pushed);
        QVERIFY2(pushed < plain, "pulsar_negative_weight did not lower the pulsar-free scores");
    }

    void validateScoresTheModelAndThePeer() {
        QVERIFY(!m_model.isEmpty());
        const QString test =
            m_runs.run({"simulate", "--set", "frames=64", "--set", "channels=64", "--set",
                        "seed=12", "--set", "snr_min=5", "--set", "snr_max=60"});
        QVERIFY(!test.isEmpty());
        const QString validated = m_runs.run({"validate", "--input", m_model, "--input", test,
                                              "--set", "snr_bins=5,15,60", "--set",
                                              "example_frames=4", "--set", "dm_max_search=90"},
                                             nullptr, 300000);
        QVERIFY(!validated.isEmpty());
        const QString outputs = m_runs.outputs(validated);
        const QJsonObject metrics = readJson(outputs + "/validation.json");
        qInfo("validate: %s", QJsonDocument(metrics).toJson(QJsonDocument::Compact).constData());
        QCOMPARE(metrics.value("frames").toInt(), 64);
        for (const char* key : {"accuracy_pulsar", "f1_nbrfi", "auc_bbrfi", "recall_at_prevalence",
                                "false_alarms_per_1000", "false_alarms_per_1000_high",
                                "peer_threshold_snr", "peer_auc"}) {
            QVERIFY2(metrics.contains(key), key);
        }
        // The peer's threshold gives it the classifier's false-alarm count (no ties in S/N).
        const auto confusion = twins::sdk::readCsv((outputs + "/confusion.csv").toStdString());
        QCOMPARE(confusion.rows.size(), std::size_t(4));
        QCOMPARE(confusion.rows[3].fields[2], confusion.rows[0].fields[2]);
        const auto bins = twins::sdk::readCsv((outputs + "/snr_bins.csv").toStdString());
        QCOMPARE(bins.rows.size(), std::size_t(2));
        std::size_t pulsars = 0;
        for (const auto& row : bins.rows) {
            pulsars += std::stoul(row.fields[3]);
        }
        QCOMPARE(double(pulsars), metrics.value("pulsar_frames").toDouble());
        const auto roc = twins::sdk::readCsv((outputs + "/roc.csv").toStdString());
        QVERIFY(roc.rows.size() >= 8);
        // The calibration check of each label's probability: ten equal-mass bins of the 64
        // frames per label (fewer only where equal probabilities share a bin), ECE in [0, 1].
        const auto reliability = twins::sdk::readCsv((outputs + "/reliability.csv").toStdString());
        QVERIFY(reliability.rows.size() >= 3 && reliability.rows.size() <= 30);
        std::size_t binned = 0;
        for (const auto& row : reliability.rows) {
            binned += std::stoul(row.fields[3]);
        }
        QCOMPARE(binned, std::size_t(3 * 64));
        for (const char* key : {"ece_pulsar", "ece_nbrfi", "ece_bbrfi"}) {
            const double ece = metrics.value(key).toDouble(-1);
            QVERIFY2(ece >= 0.0 && ece <= 1.0, key);
        }
        const auto examples = twins::data::Dataset::open((outputs + "/examples.nc").toStdString());
        QCOMPARE(examples->variable("frames").shape, (std::vector<std::size_t>{4, 32, 32}));

        const QString errors = failure({"validate", "--input", m_model, "--input", m_training});
        QVERIFY2(errors.contains("training data"), qPrintable(errors));
    }
};

QTEST_GUILESS_MAIN(PulsarNetworksTest)
#include "PulsarNetworksTest.moc"
