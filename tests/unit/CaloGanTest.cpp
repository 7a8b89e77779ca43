// The calorimeter GAN through the real worker: a tiny 3DGAN trains on a small simulated set
// (finite losses; its held-out sampling fraction and longitudinal profile move towards the
// reference's compared with the untrained generator), generate writes the documented showers
// layout and the spread table, and validate compares GAN against reference.
#include "WorkerRuns.h"
#include "twinbench/data/Dataset.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace {

struct Metric {
    qint64 step = 0;
    QString name;
    double value = 0.0;
};

} // namespace

class CaloGanTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"calogan"};
    QString m_simulated, m_trained;

    QString run(const QStringList& arguments, QString* errors = nullptr) {
        twins::testing::ProcessOutcome outcome;
        // Generous: the tiny training takes ~40 s on a quiet machine, but four times that on
        // two cores shared with builds; the suite's timeout (CaloTests.cmake) is the real bound.
        const QString id = m_runs.run(arguments, &outcome, 360000);
        if (errors != nullptr) {
            *errors = outcome.errors;
        }
        return id;
    }

    QString path(const QString& id, const QString& file) const {
        return m_runs.filePath(id + "/" + file);
    }

    QByteArray read(const QString& file) const {
        QFile handle(file);
        return handle.open(QIODevice::ReadOnly) ? handle.readAll() : QByteArray();
    }

    QList<Metric> metrics(const QString& id) const {
        QList<Metric> result;
        for (const QByteArray& line : read(path(id, "metrics.jsonl")).split('\n')) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            if (!object.isEmpty()) {
                result.append({object.value("step").toInteger(), object.value("name").toString(),
                               object.value("value").toDouble(NAN)});
            }
        }
        return result;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_runs.isValid());
        // 100-200 GeV near normal incidence: 200 showers, the last 64 held out.
        m_simulated = run({"simulate", "--set", "events=200", "--set", "theta_min=85", "--set",
                           "theta_max=95", "--set", "seed=3"});
        QVERIFY(!m_simulated.isEmpty());
    }

    void tinyGanTrainsAndMovesTowardsTheReference() {
        QElapsedTimer clock;
        clock.start();
        QStringList arguments{"train", "--input", m_simulated};
        for (const char* setting :
             {"width=0.125", "depth=0", "batch_size=8", "epochs=3", "validation_showers=64",
              "validation_interval=10", "calibration_showers=256", "final_calibration_showers=512",
              "threads=1", "seed=5", "speed_showers=2"}) {
            arguments << "--set" << setting;
        }
        m_trained = run(arguments);
        QVERIFY(!m_trained.isEmpty());
        qInfo("tiny GAN: 51 steps of 8 showers trained and validated in %.1f s",
              clock.elapsed() / 1000.0);
        const QList<Metric> points = metrics(m_trained);
        int losses = 0;
        QList<Metric> scores, sampling, profile;
        for (const Metric& m : points) {
            if (m.name.startsWith("loss_")) {
                ++losses;
                QVERIFY2(std::isfinite(m.value), qPrintable(m.name));
            } else if (m.name == "val_score") {
                scores.append(m);
            } else if (m.name == "val_sampling_fraction_error") {
                sampling.append(m);
            } else if (m.name == "val_longitudinal_profile_error") {
                profile.append(m);
            }
        }
        QVERIFY2(losses >= 7 * 50, qPrintable(QString::number(losses))); // 7 terms x 51 steps
        // Validations (each of the calibrated weight average) at step 0 (untrained), every 10
        // steps and at the end (51): 7 in all.
        QCOMPARE(scores.size(), 7);
        QCOMPARE(scores.first().step, 0);
        double best = INFINITY;
        for (const Metric& m : scores.mid(1)) {
            best = std::min(best, m.value);
        }
        qInfo("held-out score (sampling fraction + longitudinal profile error): untrained %.3f, "
              "best trained %.3f; sampling fraction error %.3f -> %.3f, profile error %.3f -> "
              "%.3f (last)",
              scores.first().value, best, sampling.first().value, sampling.last().value,
              profile.first().value, profile.last().value);
        // Training must have moved the generator towards the reference: the best trained
        // score at most 60% of the untrained one.
        QVERIFY2(best < 0.6 * scores.first().value,
                 qPrintable(QString("%1 vs %2").arg(best).arg(scores.first().value)));

        const QJsonObject model =
            QJsonDocument::fromJson(read(path(m_trained, "outputs/model.json"))).object();
        QCOMPARE(model.value("format").toString(), QString("twinbench-model/1"));
        QCOMPARE(model.value("weights").toArray(), (QJsonArray{"generator.pt", "gan.json"}));
        QVERIFY(model.value("metrics").toObject().value("val_score").isDouble());
        QVERIFY(model.value("metrics").toObject().value("best_step").toDouble() > 0);
        // The speed-up against the cascade reference (issue 23 item 2; 2 cascade showers per
        // energy here), in model.json and so on the model's VVUQ card.
        const twins::testing::ProcessOutcome card =
            m_runs.worker({"models", "--card", m_trained, "--json"});
        QCOMPARE(card.exitCode, 0);
        const QJsonObject heldOut = QJsonDocument::fromJson(card.output)
                                        .object()
                                        .value("held_out")
                                        .toObject()
                                        .value("metrics")
                                        .toObject();
        for (const char* energy : {"10", "100", "200"}) {
            const QString at = QStringLiteral("_%1gev").arg(energy);
            const double gan = heldOut.value("gan_showers_per_cpu_second" + at).toDouble();
            const double cascade = heldOut.value("cascade_showers_per_cpu_second" + at).toDouble();
            const double ratio = heldOut.value("speedup_vs_cascade" + at).toDouble();
            qInfo("%s GeV: tiny GAN %.1f, cascade %.2f showers per CPU second, speed-up %.1f",
                  energy, gan, cascade, ratio);
            QVERIFY(gan > 0.0 && cascade > 0.0);
            QVERIFY(std::abs(ratio - gan / cascade) < 1e-9 * ratio);
        }
        // The cascade's cost grows with the energy (~1/E showers per CPU second).
        QVERIFY(heldOut.value("cascade_showers_per_cpu_second_10gev").toDouble() >
                3.0 * heldOut.value("cascade_showers_per_cpu_second_200gev").toDouble());
        QVERIFY(QFile::exists(path(m_trained, "outputs/generator.pt")));
        QVERIFY(QFile::exists(path(m_trained, "work/checkpoints/discriminator.pt")));
        const QJsonObject gan =
            QJsonDocument::fromJson(read(path(m_trained, "outputs/gan.json"))).object();
        QCOMPARE(gan.value("preprocessing").toObject().value("power").toDouble(), 0.85);
        QVERIFY(gan.value("cell_scale").toDouble() > 0.0);
        // A header and one row per validation.
        QCOMPARE(read(path(m_trained, "outputs/validation_history.csv")).count('\n'), 8);
        // The kept generator's calibration is refitted on 512 showers and validated again.
        const QByteArray log = read(path(m_trained, "log.txt"));
        QVERIFY2(log.contains("final calibration of the kept generator on 512 training showers"),
                 log.constData());
        // The weights' provenance: prov.json names the training run and the hashed generator.
        const QByteArray prov = read(path(m_trained, "prov.json"));
        QVERIFY(prov.contains("generator.pt") && prov.contains(m_simulated.toUtf8() + "/outputs"));
    }

    void generateWritesTheShowersLayoutAndSpread() {
        QVERIFY(!m_trained.isEmpty());
        const QString generated = run(
            {"generate", "--input", m_trained, "--set", "events=40", "--set", "energies=120,180",
             "--set", "theta_min=90", "--set", "theta_max=90", "--set", "spread_energies=150",
             "--set", "spread_thetas=70,90", "--set", "spread_showers=30", "--set", "threads=1"});
        QVERIFY(!generated.isEmpty());
        const auto file =
            twins::data::Dataset::open(path(generated, "outputs/showers.h5").toStdString());
        const auto* ecal = file->findVariable("ECAL");
        QVERIFY(ecal != nullptr);
        QCOMPARE(ecal->shape, (std::vector<std::size_t>{40, 51, 51, 25}));
        // 120 and 180 GeV at 90 degrees: inside the 100-200 GeV, 85-95 degree training domain.
        const QJsonObject domain =
            QJsonDocument::fromJson(read(path(generated, "outputs/domain.json"))).object();
        QCOMPARE(domain.value("format").toString(), QString("twinbench-domain/1"));
        QVERIFY2(domain.value("inside").toBool(false), QJsonDocument(domain).toJson().constData());
        QCOMPARE(domain.value("checked").toArray().size(), 2);
        const std::vector<double> energy = file->readDecoded(*file->findVariable("energy"));
        const std::vector<double> theta = file->readDecoded(*file->findVariable("theta"));
        QCOMPARE(energy.size(), std::size_t(40));
        QCOMPARE(energy[0], 120.0);
        QCOMPARE(energy[1], 180.0);
        QVERIFY(std::abs(theta[0] - M_PI / 2) < 1e-6);
        const std::vector<double> cells =
            file->readDecoded(*ecal, {{0, 0, 0, 0}, {2, 51, 51, 25}, {}});
        double sum = 0.0, smallest = INFINITY;
        for (double cell : cells) {
            QVERIFY(cell >= 0.0);
            sum += cell;
            if (cell > 0.0) {
                smallest = std::min(smallest, cell);
            }
        }
        QVERIFY(sum > 0.0);
        QVERIFY2(smallest >= 1e-4 * (1 - 1e-6), qPrintable(QString::number(smallest)));
        bool hasUnits = false;
        for (const auto& attribute : ecal->attributes) {
            hasUnits |= attribute.name == "units" && attribute.text == "GeV";
        }
        QVERIFY(hasUnits);
        bool gan = false;
        for (const auto& rate : metrics(generated)) {
            if (rate.name == "showers_per_second") {
                gan = rate.value > 0.0;
                qInfo("tiny GAN: %.0f showers/s", rate.value);
            }
        }
        QVERIFY(gan);

        const QList<QByteArray> spread = read(path(generated, "outputs/spread.csv")).split('\n');
        QVERIFY(spread.first().startsWith("condition,energy_gev,theta_deg,layer,reference_mean"));
        QCOMPARE(spread.size(), 1 + 2 * 25 + 1); // header, 2 conditions x 25 layers, last newline
        const QList<QByteArray> layer5 = spread[1 + 25 + 5].split(',');
        QCOMPARE(layer5[0], QByteArray("150GeV_90deg"));
        QVERIFY(layer5[4].toDouble() > 0.0 && layer5[5].toDouble() > 0.0); // reference mean, std

        // GAN against reference through validate (conditions copied from the reference file).
        const QString paired = run({"generate", "--input", m_trained, "--input", m_simulated,
                                    "--set", "spread_showers=0", "--set", "threads=1"});
        QVERIFY(!paired.isEmpty());
        QVERIFY(!QFile::exists(path(paired, "outputs/spread.csv")));
        const QString validated =
            run({"validate", "--input", m_simulated, "--input", paired, "--set",
                 "energy_bins=125,175", "--set", "bin_half_width=25"});
        QVERIFY(!validated.isEmpty());
        const QJsonObject report =
            QJsonDocument::fromJson(read(path(validated, "outputs/metrics.json"))).object();
        const QJsonObject summary = report.value("metrics").toObject();
        qInfo("tiny GAN vs reference: sampling fraction max error %.3f, longitudinal profile max "
              "error %.3f",
              summary.value("sampling_fraction_max_error").toDouble(),
              summary.value("longitudinal_profile_max_error").toDouble());
        QVERIFY(summary.value("longitudinal_profile_max_error").toDouble(-1) >= 0.0);
        QCOMPARE(report.value("bins").toArray().size(), 2);

        // Without the per-layer calibration the same seed gives other layer energies (the
        // trained model's calibration is not the identity), and the deposited energy still
        // follows the energy response model.
        const QString raw =
            run({"generate", "--input", m_trained, "--input", m_simulated, "--set",
                 "spread_showers=0", "--set", "threads=1", "--set", "calibration=false"});
        QVERIFY(!raw.isEmpty());
        const auto calibratedFile =
            twins::data::Dataset::open(path(paired, "outputs/showers.h5").toStdString());
        const auto rawFile =
            twins::data::Dataset::open(path(raw, "outputs/showers.h5").toStdString());
        const twins::data::Hyperslab first{{0, 0, 0, 0}, {1, 51, 51, 25}, {}};
        const std::vector<double> calibratedShower =
            calibratedFile->readDecoded(*calibratedFile->findVariable("ECAL"), first);
        const std::vector<double> rawShower =
            rawFile->readDecoded(*rawFile->findVariable("ECAL"), first);
        QVERIFY(calibratedShower != rawShower);
        const double calibratedSum =
            std::accumulate(calibratedShower.begin(), calibratedShower.end(), 0.0);
        const double rawSum = std::accumulate(rawShower.begin(), rawShower.end(), 0.0);
        qInfo("first shower with and without the calibration: %.3f and %.3f GeV", calibratedSum,
              rawSum);
        QVERIFY(rawSum > 0.0 && std::abs(rawSum / calibratedSum - 1.0) < 0.5);
    }

    void generateDrawsSeveralShowersPerCondition() {
        QVERIFY(!m_trained.isEmpty());
        const QString generated =
            run({"generate", "--input", m_trained, "--set", "events=3", "--set",
                 "energies=110,150,190", "--set", "theta_min=80", "--set", "theta_max=100", "--set",
                 "spread_showers=0", "--set", "showers_per_condition=4", "--set", "threads=1"});
        QVERIFY(!generated.isEmpty());
        const auto file =
            twins::data::Dataset::open(path(generated, "outputs/showers.h5").toStdString());
        const std::vector<double> energy = file->readDecoded(*file->findVariable("energy"));
        const std::vector<double> theta = file->readDecoded(*file->findVariable("theta"));
        QCOMPARE(energy.size(), std::size_t(12));
        // Trained at 85-95 degrees, asked for 80-100: flagged on the result, not refused.
        const QJsonObject domain =
            QJsonDocument::fromJson(read(path(generated, "outputs/domain.json"))).object();
        QCOMPARE(domain.value("inside").toBool(true), false);
        const QJsonArray departures = domain.value("departures").toArray();
        QCOMPARE(departures.size(), 1);
        QCOMPARE(departures[0].toObject().value("dimension").toString(), QString("theta_rad"));
        QVERIFY(read(path(generated, "log.txt"))
                    .contains("warning: outside the model's training domain: theta_rad"));
        for (std::size_t i = 0; i < 12; ++i) {
            QCOMPARE(energy[i], (std::vector<double>{110, 150, 190})[i / 4]);
            QCOMPARE(theta[i], theta[4 * (i / 4)]);
        }
        QVERIFY(theta[0] != theta[4] || theta[4] != theta[8]);
        // Copies of a condition are different showers (own noise), not one shower repeated.
        const std::vector<double> twoCopies =
            file->readDecoded(*file->findVariable("ECAL"), {{0, 0, 0, 0}, {2, 51, 51, 25}, {}});
        const std::size_t cells = 51 * 51 * 25;
        QVERIFY(
            !std::equal(twoCopies.begin(), twoCopies.begin() + cells, twoCopies.begin() + cells));
    }

    // architecture=two_stage through the worker (issue 23 item 4): stage 1 (the layer flow) is
    // trained first, gan.json says two_stage, and the network alone (no calibration, no energy
    // response) deposits what the reference does, because every generated layer holds the
    // energy stage 1 drew for it; the untrained tiny 3DGAN alone deposits ~45 times more.
    void twoStageModelDepositsTheReferenceEnergyByItself() {
        QElapsedTimer clock;
        clock.start();
        QStringList arguments{"train", "--input", m_simulated};
        for (const char* setting :
             {"architecture=two_stage", "flow_steps=300", "width=0.125", "depth=0", "batch_size=8",
              "epochs=1", "validation_showers=64", "calibration_showers=0", "threads=1", "seed=5",
              "speed_showers=0"}) {
            arguments << "--set" << setting;
        }
        const QString trained = run(arguments);
        QVERIFY(!trained.isEmpty());
        const QJsonObject gan =
            QJsonDocument::fromJson(read(path(trained, "outputs/gan.json"))).object();
        QCOMPARE(gan.value("architecture").toObject().value("kind").toString(),
                 QString("two_stage"));
        const QByteArray log = read(path(trained, "log.txt"));
        QVERIFY2(log.contains("stage 1 (layer flow): kept step"), log.constData());
        const QString alone = run({"generate", "--input", trained, "--input", m_simulated, "--set",
                                   "spread_showers=0", "--set", "calibration=false", "--set",
                                   "energy_response=false", "--set", "threads=1"});
        QVERIFY(!alone.isEmpty());
        const auto mean = [&](const QString& id) {
            for (const Metric& m : metrics(id)) {
                if (m.name == "mean_sampling_fraction") {
                    return m.value;
                }
            }
            return double(NAN);
        };
        const double reference = mean(m_simulated), generated = mean(alone);
        qInfo("two-stage, network alone (flow 300 steps, 3DGAN one epoch) in %.1f s: mean "
              "sampling fraction %.5f against the reference's %.5f",
              clock.elapsed() / 1000.0, generated, reference);
        QVERIFY2(std::abs(generated / reference - 1.0) < 0.10,
                 qPrintable(QString("%1 vs %2").arg(generated).arg(reference)));
    }

    // stage2=shapes through the worker (issue 23): stage 1 as above, then the learned lateral
    // sampler instead of the 3DGAN (no GAN step: the log says so, lateral.bin is written and
    // named by the model card), and generate's showers have the reference's hit count within
    // 15% (the sampler's spot energies are fitted to the training showers' hits; 136 of them
    // here, so the bound is loose) where the untrained 3DGAN lit ~50% more cells than the
    // reference (README, session 14).
    void shapesStageTwoLearnsTheHitCount() {
        QElapsedTimer clock;
        clock.start();
        QStringList arguments{"train", "--input", m_simulated};
        for (const char* setting :
             {"architecture=two_stage", "stage2=shapes", "flow_steps=100", "validation_showers=64",
              "threads=1", "seed=5", "speed_showers=0"}) {
            arguments << "--set" << setting;
        }
        const QString trained = run(arguments);
        QVERIFY(!trained.isEmpty());
        const QJsonObject gan =
            QJsonDocument::fromJson(read(path(trained, "outputs/gan.json"))).object();
        QCOMPARE(gan.value("architecture").toObject().value("stage2").toString(),
                 QString("shapes"));
        QVERIFY(QFile::exists(path(trained, "outputs/lateral.bin")));
        QVERIFY(read(path(trained, "outputs/model.json")).contains("lateral.bin"));
        const QByteArray log = read(path(trained, "log.txt"));
        QVERIFY2(log.contains("stage 2 (lateral sampler) fitted on 136 training showers"),
                 log.constData());
        QVERIFY2(log.contains("learned lateral sampler (no GAN trained)"), log.constData());
        const QString generated = run({"generate", "--input", trained, "--input", m_simulated,
                                       "--set", "spread_showers=0", "--set", "threads=1"});
        QVERIFY(!generated.isEmpty());
        const auto meanHits = [&](const QString& id) {
            const auto file =
                twins::data::Dataset::open(path(id, "outputs/showers.h5").toStdString());
            const std::vector<double> cells = file->readDecoded(
                *file->findVariable("ECAL"), {{0, 0, 0, 0}, {64, 51, 51, 25}, {}});
            return double(std::count_if(cells.begin(), cells.end(),
                                        [](double e) { return e > 3e-4; })) /
                   64.0;
        };
        const double reference = meanHits(m_simulated), hits = meanHits(generated);
        qInfo("stage2=shapes (flow 100 steps, lateral sampler) in %.1f s: %.1f hits per shower "
              "against the reference's %.1f",
              clock.elapsed() / 1000.0, hits, reference);
        QVERIFY2(std::abs(hits / reference - 1.0) < 0.15,
                 qPrintable(QString("%1 vs %2").arg(hits).arg(reference)));
    }

    void generateNamesAMissingModel() {
        QString errors;
        QVERIFY(run({"generate", "--input", m_simulated}, &errors).isEmpty());
        QVERIFY2(errors.contains("is not a calogan model") && errors.contains("gan.json"),
                 qPrintable(errors));
    }
};

QTEST_GUILESS_MAIN(CaloGanTest)
#include "CaloGanTest.moc"
