// The wildfire twin's infer and validate actions through the real worker at the smallest
// settings (a 24 x 24 degree region at 2 degrees, 2001-2003: train 2001, validation 2002, test
// 2003; a depth-1 UNet++ with 4 filters, one epoch): the burned probability and its spread as
// CF variables linked by ancillary_variables, a deep ensemble, validate's metrics against the
// baseline with bootstrap intervals, and every bad input of issue 19 item 8 (a missing driver
// names the variable and the file, a grid other than the model's names both shapes, NaNs in the
// drivers are masked and not propagated, in infer and in train), and a scenario projection
// flagged outside the model's training domain; the regression head's expected burned area
// with its spread, validate's burned-area errors recomputed from the files, and models without
// the head (older ones) still inferring and validating.
#include "WorkerRuns.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/NetcdfWriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

using twins::data::Dataset;
using twins::data::NetcdfWriter;

QJsonObject readJson(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                          : QJsonObject();
}

// A copy of a cube's variables (the CF time attributes kept), without `skip`, and with NaN in
// `holeVariable` at cell `holeCell` of every step.
void copyCube(const QString& from, const QString& to, const std::string& skip,
              const std::string& holeVariable = {}, std::size_t holeCell = 0) {
    const auto source = Dataset::open(from.toStdString());
    NetcdfWriter writer(to.toStdString());
    const auto& lsm = source->variable("lsm");
    const auto& time = source->variable("time");
    writer.addDimension("time", time.shape[0]);
    writer.addDimension("latitude", lsm.shape[0]);
    writer.addDimension("longitude", lsm.shape[1]);
    std::vector<const twins::data::DatasetVariable*> copied;
    for (const auto* variable : source->variables()) {
        if (variable->name == skip) {
            continue;
        }
        writer.addVariable(variable->name,
                           variable->rank() == 1 ? NetcdfWriter::Type::Double
                                                 : NetcdfWriter::Type::Float,
                           variable->dimensions);
        for (const char* attribute : {"units", "calendar"}) {
            if (!variable->text(attribute).empty()) {
                writer.setTextAttribute(variable->name, attribute, variable->text(attribute));
            }
        }
        copied.push_back(variable);
    }
    for (const auto* variable : copied) {
        std::vector<double> values = source->readDecoded(*variable);
        if (variable->name == holeVariable) {
            const std::size_t plane = lsm.shape[0] * lsm.shape[1];
            for (std::size_t i = holeCell; i < values.size(); i += plane) {
                values[i] = std::numeric_limits<double>::quiet_NaN();
            }
        }
        std::vector<std::size_t> start(variable->rank(), 0);
        writer.write(variable->name, start, variable->shape, values.data());
    }
    writer.commit();
}

} // namespace

class WildfireInferTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"wildfire"};
    QString m_cube;  // generate run
    QString m_model; // train run
    QString m_infer; // infer run on m_cube

    QString train(const QString& cube, const QString& seed) {
        return m_runs.run({"train", "--input", cube, "--set", "train_first_year=2001", "--set",
                           "train_last_year=2001", "--set", "validation_last_year=2002", "--set",
                           "depth=1", "--set", "base_filters=4", "--set", "epochs=1", "--set",
                           "threads=1", "--set", "seed=" + seed});
    }

    QStringList inferArguments(const QStringList& inputs, const QString& passes) const {
        QStringList arguments{"infer"};
        for (const QString& input : inputs) {
            arguments << "--input" << input;
        }
        return arguments + QStringList{"--set", "period=2002-01-01/2003-12-31",
                                       "--set", "mc_passes=" + passes,
                                       "--set", "threads=1"};
    }

    // The land cell of the grid's middle row nearest its middle: where the hole goes.
    std::size_t landCell() const {
        const auto cube = Dataset::open((m_runs.outputs(m_cube) + "/cube.nc").toStdString());
        const std::vector<double> lsm = cube->readDecoded("lsm", {{0, 0}, {12, 12}, {}});
        for (std::size_t offset = 0; offset < 6; ++offset) {
            for (const std::size_t cell : {6 * 12 + 6 + offset, 6 * 12 + 6 - offset}) {
                if (lsm[cell] >= 0.5) {
                    return cell;
                }
            }
        }
        return 6 * 12 + 6;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_runs.isValid());
        m_cube = m_runs.run({"generate", "--set", "first_year=2001", "--set", "last_year=2003",
                             "--set", "resolution=2", "--set", "bbox=10,-20,34,4"});
        QVERIFY(!m_cube.isEmpty());
        m_model = train(m_cube, "3");
        QVERIFY(!m_model.isEmpty());
        m_infer = m_runs.run(inferArguments({m_model, m_cube}, "3"));
        QVERIFY(!m_infer.isEmpty());
    }

    void writesProbabilityAndSpreadLinkedAsCfAncillaryVariables() {
        const auto file =
            Dataset::open((m_runs.outputs(m_infer) + "/burned_probability.nc").toStdString());
        const auto& mean = file->variable("burned_probability");
        const auto& spread = file->variable("burned_probability_spread");
        QCOMPARE(mean.text("ancillary_variables"), std::string("burned_probability_spread"));
        QCOMPARE(spread.text("cell_methods"), std::string("realization: standard_deviation"));
        QCOMPARE(mean.shape[0], std::size_t(92)); // 2002 and 2003, 46 steps each
        QCOMPARE(mean.shape[1], std::size_t(12));
        const std::vector<double> p = file->readDecoded(mean);
        const std::vector<double> s = file->readDecoded(spread);
        const std::vector<double> lsm =
            Dataset::open((m_runs.outputs(m_cube) + "/cube.nc").toStdString())
                ->readDecoded("lsm", {{0, 0}, {12, 12}, {}});
        std::size_t withSpread = 0;
        for (std::size_t i = 0; i < p.size(); ++i) {
            const bool land = lsm[i % 144] >= 0.5;
            QCOMPARE(std::isfinite(p[i]), land); // missing at sea
            if (land) {
                QVERIFY(p[i] >= 0.0 && p[i] <= 1.0);
                withSpread += s[i] > 0.0 ? 1 : 0;
            }
        }
        QVERIFY(withSpread > 0); // three dropout passes differ
        QCOMPARE(m_runs.lastMetric(m_infer, "members"), 3.0);
    }

    void aScenarioProjectionIsFlaggedOutsideTheTrainingDomain() {
        QCOMPARE(readJson(m_runs.outputs(m_infer) + "/domain.json").value("inside").toBool(false),
                 true);
        const QString warm =
            m_runs.run({"generate", "--set", "first_year=2002", "--set", "last_year=2003", "--set",
                        "resolution=2", "--set", "bbox=10,-20,34,4", "--set", "scenario=ssp585"});
        QVERIFY(!warm.isEmpty());
        const QString id = m_runs.run(inferArguments({m_model, warm}, "0"));
        QVERIFY(!id.isEmpty());
        const QJsonObject domain = readJson(m_runs.outputs(id) + "/domain.json");
        QCOMPARE(domain.value("inside").toBool(true), false);
        QVERIFY2(QJsonDocument(domain).toJson().contains("ssp585"),
                 qPrintable(QJsonDocument(domain).toJson()));
    }

    void twoModelsMakeADeepEnsemble() {
        const QString second = train(m_cube, "4");
        QVERIFY(!second.isEmpty());
        const QString id = m_runs.run(inferArguments({m_model, second, m_cube}, "0"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_runs.lastMetric(id, "members"), 2.0);
        QVERIFY(m_runs.lastMetric(id, "mean_spread") > 0.0); // two seeds, two models
    }

    void validatesAgainstTheBaselineWithIntervals() {
        const QString id = m_runs.run({"validate", "--input", m_infer, "--input", m_cube, "--set",
                                       "test_last_year=2003", "--set", "bootstrap=20"});
        QVERIFY(!id.isEmpty());
        const QString outputs = m_runs.outputs(id);
        const QJsonObject metrics = readJson(outputs + "/metrics.json").value("metrics").toObject();
        for (const QString prefix : {"", "baseline_"}) {
            const double auc = metrics.value(prefix + "roc_auc").toDouble(-1);
            const double low = metrics.value(prefix + "roc_auc_low").toDouble(-1);
            const double high = metrics.value(prefix + "roc_auc_high").toDouble(-1);
            QVERIFY2(auc > 0.0 && auc <= 1.0 && low <= high,
                     qPrintable(
                         QString("%1roc_auc %2 [%3, %4]").arg(prefix).arg(auc).arg(low).arg(high)));
            QVERIFY(metrics.value(prefix + "ece_calibrated").toDouble(-1) >= 0.0);
            QVERIFY(metrics.value(prefix + "f2").toDouble(-1) >= 0.0);
        }
        QVERIFY(metrics.value("burnable_cells").toInt() > 0);
        QVERIFY(metrics.contains("roc_auc_beats_baseline"));
        for (const char* name : {"metrics.csv", "scores.json", "roc.csv", "reliability.csv",
                                 "zonal.csv", "seasonal.csv", "spread_skill.csv"}) {
            QVERIFY2(QFile::exists(outputs + "/" + name), name);
        }
        QFile reliability(outputs + "/reliability.csv");
        QVERIFY(reliability.open(QIODevice::ReadOnly));
        QCOMPARE(reliability.readAll().trimmed().split('\n').size(), 1 + 4 * 10);
    }

    void writesTheExpectedBurnedAreaWithItsSpread() {
        const auto file =
            Dataset::open((m_runs.outputs(m_infer) + "/burned_probability.nc").toStdString());
        const auto& area = file->variable("expected_burned_area");
        QCOMPARE(area.text("units"), std::string("ha"));
        QCOMPARE(area.text("ancillary_variables"), std::string("expected_burned_area_spread"));
        const std::vector<double> ha = file->readDecoded(area);
        const std::vector<double> spread =
            file->readDecoded(file->variable("expected_burned_area_spread"));
        const std::vector<double> p = file->readDecoded(file->variable("burned_probability"));
        std::size_t withSpread = 0;
        for (std::size_t i = 0; i < ha.size(); ++i) {
            QCOMPARE(std::isfinite(ha[i]), std::isfinite(p[i])); // missing where p is
            if (std::isfinite(ha[i])) {
                QVERIFY(ha[i] >= 0.0 && spread[i] >= 0.0);
                withSpread += spread[i] > 0.0 ? 1 : 0;
            }
        }
        QVERIFY(withSpread > 0); // the dropout passes differ in area too
        QVERIFY(m_runs.lastMetric(m_infer, "mean_expected_burned_area") >= 0.0);
    }

    // validate's MSE and MAE of burned area, recomputed here from the infer file and the cube:
    // the test years' samples (driver step in 2003) on burnable land (lsm >= 0.5, 2001's mean
    // lai >= 0.1).
    void validatesBurnedAreaErrorsFromTheFiles() {
        const QString id = m_runs.run({"validate", "--input", m_infer, "--input", m_cube, "--set",
                                       "test_last_year=2003", "--set", "bootstrap=10"});
        QVERIFY(!id.isEmpty());
        const QJsonObject json = readJson(m_runs.outputs(id) + "/metrics.json");
        const QJsonObject metrics = json.value("metrics").toObject();
        QCOMPARE(json.value("settings").toObject().value("model_burned_area").toString(),
                 QString("regression head"));
        const auto cube = Dataset::open((m_runs.outputs(m_cube) + "/cube.nc").toStdString());
        const auto file =
            Dataset::open((m_runs.outputs(m_infer) + "/burned_probability.nc").toStdString());
        const std::vector<double> ha = file->readDecoded(file->variable("expected_burned_area"));
        const std::vector<double> days = file->readDecoded(file->variable("time"));
        const std::vector<double> cubeDays = cube->readDecoded(cube->variable("time"));
        const std::vector<double> burned = cube->readDecoded(cube->variable("fcci_ba"));
        const std::vector<double> lai = cube->readDecoded(cube->variable("lai"));
        const std::vector<double> lsm = cube->readDecoded(cube->variable("lsm"));
        constexpr std::size_t plane = 144;
        constexpr std::size_t stepsAYear = 46;
        double squared = 0.0, absolute = 0.0, logSquared = 0.0, samples = 0.0;
        for (std::size_t s = 0; s < days.size(); ++s) {
            const std::size_t target =
                std::find(cubeDays.begin(), cubeDays.end(), days[s]) - cubeDays.begin();
            QVERIFY(target < cubeDays.size() && target >= 1);
            if ((target - 1) / stepsAYear != 2) { // the driver step is not in 2003
                continue;
            }
            for (std::size_t c = 0; c < plane; ++c) {
                double meanLai = 0.0;
                for (std::size_t k = 0; k < stepsAYear; ++k) {
                    meanLai += lai[k * plane + c] / stepsAYear;
                }
                const double predicted = ha[s * plane + c];
                const double truth = burned[target * plane + c];
                if (!(lsm[c] >= 0.5) || !(meanLai >= 0.1) || !std::isfinite(predicted)) {
                    continue;
                }
                squared += (predicted - truth) * (predicted - truth);
                absolute += std::abs(predicted - truth);
                const double logError = std::log1p(predicted) - std::log1p(truth);
                logSquared += logError * logError;
                samples += 1.0;
            }
        }
        QVERIFY(samples > 0.0);
        QCOMPARE(metrics.value("test_samples").toDouble(), samples);
        const auto near = [](double a, double b) { return std::abs(a - b) <= 1e-6 * std::abs(b); };
        QVERIFY2(near(metrics.value("mse_burned_area").toDouble(), squared / samples),
                 qPrintable(QString("mse %1, recomputed %2")
                                .arg(metrics.value("mse_burned_area").toDouble())
                                .arg(squared / samples)));
        QVERIFY(near(metrics.value("mae_burned_area").toDouble(), absolute / samples));
        QVERIFY(near(metrics.value("mse_log_burned_area").toDouble(), logSquared / samples));
        for (const char* name : {"baseline_mse_burned_area", "baseline_mae_burned_area",
                                 "baseline_mse_log_burned_area", "mae_log_burned_area"}) {
            QVERIFY2(metrics.value(name).toDouble(-1) >= 0.0, name);
        }
    }

    // A model without the regression head (regression_weight 0, or trained before it: no key in
    // fire_net.json) still infers and validates, its burned area derived from the probability;
    // a description claiming a head its weights lack is refused naming it.
    void modelsWithoutTheRegressionHeadStillWork() {
        const QString model =
            m_runs.run({"train", "--input", m_cube, "--set", "train_first_year=2001", "--set",
                        "train_last_year=2001", "--set", "validation_last_year=2002", "--set",
                        "depth=1", "--set", "base_filters=4", "--set", "epochs=1", "--set",
                        "threads=1", "--set", "regression_weight=0"});
        QVERIFY(!model.isEmpty());
        const QString description = m_runs.outputs(model) + "/fire_net.json";
        QJsonObject config = readJson(description);
        QCOMPARE(config.value("regression_head").toBool(true), false);
        for (const char* key :
             {"regression_head", "regression_weight", "log_area_scale", "train_mean_log_area"}) {
            config.remove(key); // as a model of before the head
        }
        QFile file(description);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(config).toJson());
        file.close();
        const QString id = m_runs.run(inferArguments({model, m_cube}, "2"));
        QVERIFY(!id.isEmpty());
        const auto output =
            Dataset::open((m_runs.outputs(id) + "/burned_probability.nc").toStdString());
        QVERIFY(output->findVariable("expected_burned_area") == nullptr);
        const QString validated = m_runs.run({"validate", "--input", id, "--input", m_cube, "--set",
                                              "test_last_year=2003", "--set", "bootstrap=10"});
        QVERIFY(!validated.isEmpty());
        const QJsonObject json = readJson(m_runs.outputs(validated) + "/metrics.json");
        QCOMPARE(json.value("settings").toObject().value("model_burned_area").toString(),
                 QString("derived from probability"));
        QVERIFY(json.value("metrics").toObject().value("mse_burned_area").toDouble(-1) >= 0.0);

        config.insert("regression_head", true);
        config.insert("log_area_scale", 1.0);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(config).toJson());
        file.close();
        twins::testing::ProcessOutcome outcome;
        QVERIFY(m_runs.run(inferArguments({model, m_cube}, "0"), &outcome).isEmpty());
        QVERIFY2(outcome.errors.contains("regression head") &&
                     outcome.errors.contains("fire_net.pt"),
                 qPrintable(outcome.errors));
    }

    void missingDriverNamesTheVariableAndTheFile() {
        const QString cube = m_runs.filePath("no-tp.nc");
        copyCube(m_runs.outputs(m_cube) + "/cube.nc", cube, "tp");
        twins::testing::ProcessOutcome outcome;
        QVERIFY(m_runs.run(inferArguments({m_model, cube}, "0"), &outcome).isEmpty());
        QVERIFY2(outcome.errors.contains("'tp'") && outcome.errors.contains("no-tp.nc"),
                 qPrintable(outcome.errors));
    }

    void gridOtherThanTheModelsNamesBothShapes() {
        const QString other =
            m_runs.run({"generate", "--set", "first_year=2002", "--set", "last_year=2003", "--set",
                        "resolution=2", "--set", "bbox=10,-20,30,4"});
        QVERIFY(!other.isEmpty());
        twins::testing::ProcessOutcome outcome;
        QVERIFY(m_runs.run(inferArguments({m_model, other}, "0"), &outcome).isEmpty());
        QVERIFY2(outcome.errors.contains("12 x 12") && outcome.errors.contains("12 x 10"),
                 qPrintable(outcome.errors));
    }

    void driverHolesAreMaskedNotPropagated() {
        const std::size_t cell = landCell();
        const QString cube = m_runs.filePath("hole.nc");
        copyCube(m_runs.outputs(m_cube) + "/cube.nc", cube, {}, "t2m_min", cell);
        const QString id = m_runs.run(inferArguments({m_model, cube}, "0"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_runs.lastMetric(id, "masked_cell_steps"), 92.0);
        const auto file =
            Dataset::open((m_runs.outputs(id) + "/burned_probability.nc").toStdString());
        const std::vector<double> p = file->readDecoded(file->variable("burned_probability"));
        const std::vector<double> lsm =
            Dataset::open(cube.toStdString())->readDecoded("lsm", {{0, 0}, {12, 12}, {}});
        for (std::size_t i = 0; i < p.size(); ++i) {
            const std::size_t c = i % 144;
            // The hole alone is missing on land: its neighbours are still predicted.
            QCOMPARE(std::isfinite(p[i]), lsm[c] >= 0.5 && c != cell);
        }
        // Training on the same holes keeps a finite loss (they are out of the loss).
        const QString model = train(cube, "3");
        QVERIFY(!model.isEmpty());
        const double bce = readJson(m_runs.outputs(model) + "/model.json")
                               .value("metrics")
                               .toObject()
                               .value("val_bce")
                               .toDouble(-1);
        QVERIFY2(std::isfinite(bce) && bce > 0.0, qPrintable(QString::number(bce)));
    }

    void mcPassesNeedAModelWithDropout() {
        const QString model =
            m_runs.run({"train", "--input", m_cube, "--set", "train_first_year=2001", "--set",
                        "train_last_year=2001", "--set", "validation_last_year=2002", "--set",
                        "depth=1", "--set", "base_filters=4", "--set", "epochs=1", "--set",
                        "threads=1", "--set", "dropout=0"});
        QVERIFY(!model.isEmpty());
        twins::testing::ProcessOutcome outcome;
        QVERIFY(m_runs.run(inferArguments({model, m_cube}, "2"), &outcome).isEmpty());
        QVERIFY2(outcome.errors.contains("without dropout"), qPrintable(outcome.errors));
    }
};

QTEST_GUILESS_MAIN(WildfireInferTest)
#include "WildfireInferTest.moc"
