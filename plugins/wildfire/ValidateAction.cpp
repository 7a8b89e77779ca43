// validate: an infer run's burned probabilities against the cube's burned area on the test
// years, over burnable land, side by side with a logistic baseline on a Keetch-Byram drought
// index and LAI fitted on the training years; decision threshold and calibration fitted on the
// validation years; bootstrap 95% intervals over blocks of time. Writes metrics.json,
// metrics.csv (side by side), roc.csv, reliability.csv, zonal.csv, seasonal.csv and
// spread_skill.csv.
#include "BurnScores.h"
#include "DriverCube.h"
#include "DroughtBaseline.h"
#include "ValidateInputs.h"
#include "WildfireError.h"
#include "WildfireTwin.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/Random.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <tuple>

namespace wildfire {

namespace {

using twins::sdk::SdkError;
const QString source = QStringLiteral("wildfire validate");

// Burnable land: a land cell (lsm >= 0.5) whose leaf area index, averaged over the training
// years, is at least this (m2 m-2). Ice sheets and bare deserts carry no leaves and so no fuel;
// the ocean has no lai at all.
constexpr double burnableMeanLai = 0.1;
// A zone's seasonal peak is judged when the test years hold at least this many burned samples.
constexpr double seasonalMinimumBurned = 100.0;
constexpr int spreadBins = 1000;
constexpr double spreadMaximum = 0.5;

QJsonValue finite(double value) {
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
}

// 2.5% and 97.5% percentiles of the finite values.
std::pair<double, double> interval(std::vector<double> values) {
    values.erase(
        std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
        values.end());
    if (values.empty()) {
        return {std::nan(""), std::nan("")};
    }
    std::sort(values.begin(), values.end());
    const auto at = [&](double q) {
        const double position = q * static_cast<double>(values.size() - 1);
        const auto low = static_cast<std::size_t>(std::floor(position));
        const std::size_t high = std::min(low + 1, values.size() - 1);
        return values[low] + (position - static_cast<double>(low)) * (values[high] - values[low]);
    };
    return {at(0.025), at(0.975)};
}

struct MetricDefinition {
    const char* name;
    const char* units;
    std::function<double(const BurnMetrics&)> value;
};

const std::vector<MetricDefinition>& metricDefinitions() {
    static const std::vector<MetricDefinition> definitions{
        {"roc_auc", "1", [](const BurnMetrics& m) { return m.rocAuc; }},
        {"average_precision", "1", [](const BurnMetrics& m) { return m.averagePrecision; }},
        {"precision", "1", [](const BurnMetrics& m) { return m.precision; }},
        {"recall", "1", [](const BurnMetrics& m) { return m.recall; }},
        {"f1", "1", [](const BurnMetrics& m) { return m.f1; }},
        {"f2", "1", [](const BurnMetrics& m) { return m.f2; }},
        {"mcc", "1", [](const BurnMetrics& m) { return m.mcc; }},
        {"accuracy", "1", [](const BurnMetrics& m) { return m.accuracy; }},
        {"ece_raw", "1", [](const BurnMetrics& m) { return m.eceRaw; }},
        {"ece_calibrated", "1", [](const BurnMetrics& m) { return m.eceCalibrated; }},
        {"mse_burned_area", "ha2", [](const BurnMetrics& m) { return m.mseHa2; }},
        {"mae_burned_area", "ha", [](const BurnMetrics& m) { return m.maeHa; }},
        {"mse_log_burned_area", "1", [](const BurnMetrics& m) { return m.mseLog; }},
        {"mae_log_burned_area", "1", [](const BurnMetrics& m) { return m.maeLog; }},
        {"zonal_correlation", "1", [](const BurnMetrics& m) { return m.zonalCorrelation; }},
    };
    return definitions;
}

const std::array<const char*, burnZoneCount> zoneKeys{"boreal_n", "temperate_n", "tropics_n",
                                                      "tropics_s", "temperate_s"};

} // namespace

void validateAction(twins::sdk::ActionContext& context) {
    const ValidateInputs inputs = classifyValidateInputs(context.inputs());
    const int testLast = context.integer("test_last_year");
    const int replicates = context.integer("bootstrap");
    const int blockSteps = context.integer("block_steps");
    const auto seed = static_cast<std::uint64_t>(context.integer("seed"));
    const QDir outputs(context.outputDirectory());
    const auto output = [&](const char* name) {
        return outputs.filePath(QString::fromLatin1(name)).toStdString();
    };
    try {
        const ProbabilityReader probabilities(inputs.probability);
        const auto [trainFirst, trainLast] =
            yearsAttribute(globalText(*probabilities.dataset, "wildfire_train_years"));
        const auto [validationFirst, validationLast] =
            yearsAttribute(globalText(*probabilities.dataset, "wildfire_validation_years"));
        const int lead = std::stoi("0" + globalText(*probabilities.dataset, "wildfire_lead_steps"));
        if (trainFirst == 0 || validationFirst == 0 || lead < 1) {
            throw WildfireError(inputs.probability + " does not record the model's training and "
                                                     "validation years and lead (global "
                                                     "attributes wildfire_train_years, "
                                                     "wildfire_validation_years, "
                                                     "wildfire_lead_steps); run infer again");
        }
        if (testLast <= validationLast) {
            throw SdkError(source, QStringLiteral("parameter 'test_last_year' is %1: the test "
                                                  "years follow the model's validation years "
                                                  "(%2-%3)")
                                       .arg(testLast)
                                       .arg(validationFirst)
                                       .arg(validationLast));
        }
        const DriverCube cube(inputs.cube, {"lai", "lst_day", "tp"}, true);
        if (cube.rows() != probabilities.rows || cube.columns() != probabilities.columns) {
            throw WildfireError(inputs.probability + " is on a grid of " +
                                std::to_string(probabilities.rows) + " x " +
                                std::to_string(probabilities.columns) + ", the cube " +
                                inputs.cube + " on " + std::to_string(cube.rows()) + " x " +
                                std::to_string(cube.columns()) + " (latitude x longitude)");
        }
        const std::size_t cells = cube.rows() * cube.columns();
        std::map<double, std::size_t> cubeIndex;
        for (std::size_t k = 0; k < cube.steps(); ++k) {
            cubeIndex[cube.days()[k]] = k;
        }
        context.log(QStringLiteral("model trained %1-%2, validated %3-%4; test years %5-%6, lead "
                                   "%7 steps")
                        .arg(trainFirst)
                        .arg(trainLast)
                        .arg(validationFirst)
                        .arg(validationLast)
                        .arg(validationLast + 1)
                        .arg(testLast)
                        .arg(lead));

        // 1. Climatology of the training years: mean annual rain (KBDI) and mean LAI (the
        // burnable-land rule).
        std::vector<double> rain(cells, 0.0), laiSum(cells, 0.0), laiCount(cells, 0.0);
        int trainingYears = 0;
        for (std::size_t k = 0; k < cube.steps(); ++k) {
            if (cube.years()[k] < trainFirst || cube.years()[k] > trainLast) {
                continue;
            }
            context.throwIfCancelled();
            const std::vector<double> tp = cube.read("tp", k);
            const std::vector<double> lai = cube.read("lai", k);
            for (std::size_t i = 0; i < cells; ++i) {
                rain[i] += std::isfinite(tp[i]) ? tp[i] : 0.0;
                if (std::isfinite(lai[i])) {
                    laiSum[i] += lai[i];
                    laiCount[i] += 1.0;
                }
            }
            trainingYears = cube.years()[k] - trainFirst + 1;
        }
        if (trainingYears == 0) {
            throw WildfireError(inputs.cube + " holds none of the model's training years " +
                                std::to_string(trainFirst) + "-" + std::to_string(trainLast) +
                                " (the baseline is fitted on them)");
        }
        std::vector<unsigned char> burnable(cells, 0);
        std::size_t burnableCells = 0;
        for (std::size_t i = 0; i < cells; ++i) {
            rain[i] /= trainingYears;
            burnable[i] = cube.landFraction()[i] >= 0.5 && laiCount[i] > 0.0 &&
                          laiSum[i] / laiCount[i] >= burnableMeanLai;
            burnableCells += burnable[i];
        }
        context.log(QStringLiteral("%1 burnable cells (land, lsm >= 0.5, with a training-years "
                                   "mean LAI >= %2 m2 m-2) of %3")
                        .arg(burnableCells)
                        .arg(burnableMeanLai)
                        .arg(cells));
        context.reportProgress(0.2, QStringLiteral("training climatology done"));

        // 2. The Keetch-Byram index through the whole cube (a first year of spin-up from a
        // saturated soil), the baseline fitted on the training years' samples, and the index
        // kept for every driver step of the infer file.
        std::map<std::size_t, std::size_t> needed; // driver step -> infer step
        for (std::size_t s = 0; s < probabilities.days.size(); ++s) {
            const auto found = cubeIndex.find(probabilities.days[s]);
            if (found != cubeIndex.end() && found->second >= static_cast<std::size_t>(lead)) {
                needed[found->second - lead] = s;
            }
        }
        std::vector<double> kbdi(cells, 0.0);
        std::map<std::size_t, std::vector<float>> kbdiAt;
        DroughtLogistic baseline;
        DroughtAreaRegression baselineArea;
        const auto advance = [&](std::size_t k) {
            const std::vector<double> tp = cube.read("tp", k);
            const std::vector<double> lst = cube.read("lst_day", k);
            const int days =
                k + 1 < cube.steps() ? static_cast<int>(cube.days()[k + 1] - cube.days()[k]) : 8;
            for (std::size_t i = 0; i < cells; ++i) {
                if (burnable[i] && std::isfinite(tp[i]) && std::isfinite(lst[i])) {
                    kbdi[i] = KeetchByram::step(kbdi[i], tp[i], lst[i] - 273.15, rain[i], days);
                }
            }
        };
        for (std::size_t k = 0; k < cube.steps() && cube.years()[k] == cube.years().front(); ++k) {
            advance(k);
        }
        for (std::size_t k = 0; k < cube.steps(); ++k) {
            context.throwIfCancelled();
            advance(k);
            const int year = cube.years()[k];
            if (year >= trainFirst && year <= trainLast && k + lead < cube.steps()) {
                const std::vector<double> lai = cube.read("lai", k);
                const std::vector<double> burned = cube.read("fcci_ba", k + lead);
                for (std::size_t i = 0; i < cells; ++i) {
                    if (burnable[i] && std::isfinite(lai[i]) && std::isfinite(burned[i])) {
                        baseline.add(kbdi[i], lai[i], burned[i] > 0.0);
                        baselineArea.add(kbdi[i], lai[i], burned[i]);
                    }
                }
            }
            if (needed.count(k) != 0) {
                kbdiAt[k].assign(kbdi.begin(), kbdi.end());
            }
            context.reportProgress(0.2 + 0.4 * (k + 1) / cube.steps(),
                                   QStringLiteral("drought index, step %1").arg(k + 1));
        }
        baseline.fit();
        baselineArea.fit();
        const auto beta = baseline.coefficients();
        const auto areaBeta = baselineArea.coefficients();
        context.log(QStringLiteral("baseline fitted on %1 samples: logit p = %2 + %3 KBDI/203.2 "
                                   "+ %4 LAI/3 + %5 KBDI/203.2 LAI/3")
                        .arg(baseline.samples())
                        .arg(beta[0])
                        .arg(beta[1])
                        .arg(beta[2])
                        .arg(beta[3]));
        context.log(QStringLiteral("baseline burned area: log1p(ha) = %1 + %2 KBDI/203.2 + %3 "
                                   "LAI/3 + %4 KBDI/203.2 LAI/3 (least squares, training years)")
                        .arg(areaBeta[0])
                        .arg(areaBeta[1])
                        .arg(areaBeta[2])
                        .arg(areaBeta[3]));
        // The model's expected burned area: its regression head's when infer wrote one, else
        // derived from the calibrated probability (models without the head).
        const bool modelHasArea = probabilities.area != nullptr;
        context.log(modelHasArea ? QStringLiteral("model's burned area: its regression head's "
                                                  "expected_burned_area")
                                 : QStringLiteral("model's burned area: derived (calibrated "
                                                  "probability x the validation years' mean "
                                                  "burned area of a burned cell); the model has "
                                                  "no regression head"));

        // 3. Validation years (threshold, calibration, burned area when burned), then test
        // years in blocks of time.
        struct Sample {
            double model, spread, baseline, trueHa, modelHa, baselineHa;
            bool burned;
            std::size_t row;
            int zone, month;
        };
        const auto forEachSample = [&](int firstYear, int lastYear,
                                       const std::function<void(std::size_t, const Sample&)>& use) {
            std::size_t ordinal = 0;
            for (const auto& [k, s] : needed) {
                const int year = cube.years()[k];
                if (year < firstYear || year > lastYear) {
                    continue;
                }
                context.throwIfCancelled();
                const std::size_t target = k + lead;
                const std::vector<double> p = probabilities.read(*probabilities.mean, s);
                const std::vector<double> spread = probabilities.read(*probabilities.spread, s);
                const std::vector<double> area = modelHasArea
                                                     ? probabilities.read(*probabilities.area, s)
                                                     : std::vector<double>(cells, 0.0);
                const std::vector<double> burned = cube.read("fcci_ba", target);
                const std::vector<double> lai = cube.read("lai", k);
                const std::vector<float>& index = kbdiAt.at(k);
                for (std::size_t i = 0; i < cells; ++i) {
                    if (!burnable[i] || !std::isfinite(p[i]) || !std::isfinite(burned[i]) ||
                        !std::isfinite(lai[i]) || !std::isfinite(area[i])) {
                        continue;
                    }
                    const std::size_t row = i / cube.columns();
                    use(ordinal,
                        Sample{p[i], std::isfinite(spread[i]) ? spread[i] : 0.0,
                               baseline.probability(index[i], lai[i]), burned[i], area[i],
                               baselineArea.hectares(index[i], lai[i]), burned[i] > 0.0, row,
                               burnZone(cube.latitudes()[row]), cube.months()[target]});
                }
                ++ordinal;
            }
            return ordinal;
        };
        BurnSums modelValidation(cube.rows());
        BurnSums baselineValidation(cube.rows());
        double burnedHa = 0.0;
        double burnedSamples = 0.0;
        const std::size_t validationSteps =
            forEachSample(validationFirst, validationLast, [&](std::size_t, const Sample& x) {
                modelValidation.add(x.model, x.model, x.burned, 0.0, 0.0, x.row, x.zone, x.month);
                baselineValidation.add(x.baseline, x.baseline, x.burned, 0.0, 0.0, x.row, x.zone,
                                       x.month);
                if (x.burned) {
                    burnedHa += x.trueHa;
                    burnedSamples += 1.0;
                }
            });
        if (validationSteps == 0 || burnedSamples == 0.0) {
            throw WildfireError(inputs.probability +
                                " has no prediction with a burned cell in "
                                "the validation years " +
                                std::to_string(validationFirst) + "-" +
                                std::to_string(validationLast) +
                                " (the threshold and the calibration are fitted on them): run "
                                "infer with a period covering them and the test years");
        }
        const double meanBurnedHa = burnedHa / burnedSamples;
        const Platt modelPlatt = fitPlatt(modelValidation);
        const Platt baselinePlatt = fitPlatt(baselineValidation);
        const int modelThreshold = bestF2Bin(modelValidation);
        const int baselineThreshold = bestF2Bin(baselineValidation);
        context.reportProgress(0.75, QStringLiteral("validation years done"));

        std::vector<BurnSums> modelBlocks;
        std::vector<BurnSums> baselineBlocks;
        std::vector<double> spreadCount(spreadBins), spreadSum(spreadBins),
            spreadSquaredError(spreadBins);
        const std::size_t block = static_cast<std::size_t>(std::max(1, blockSteps));
        const std::size_t testSteps =
            forEachSample(validationLast + 1, testLast, [&](std::size_t ordinal, const Sample& x) {
                const std::size_t b = ordinal / block;
                while (modelBlocks.size() <= b) {
                    modelBlocks.emplace_back(cube.rows());
                    baselineBlocks.emplace_back(cube.rows());
                }
                const double pm = modelPlatt.apply(x.model);
                const double pb = baselinePlatt.apply(x.baseline);
                modelBlocks[b].add(x.model, pm, x.burned,
                                   modelHasArea ? x.modelHa : pm * meanBurnedHa, x.trueHa, x.row,
                                   x.zone, x.month);
                baselineBlocks[b].add(x.baseline, pb, x.burned, x.baselineHa, x.trueHa, x.row,
                                      x.zone, x.month);
                const int bin = std::clamp(static_cast<int>(x.spread / spreadMaximum * spreadBins),
                                           0, spreadBins - 1);
                const double error = (x.burned ? 1.0 : 0.0) - x.model;
                spreadCount[bin] += 1.0;
                spreadSum[bin] += x.spread;
                spreadSquaredError[bin] += error * error;
            });
        if (testSteps == 0 || modelBlocks.empty()) {
            throw WildfireError(inputs.probability +
                                " has no prediction on burnable land in the "
                                "test years " +
                                std::to_string(validationLast + 1) + "-" +
                                std::to_string(testLast));
        }
        BurnSums modelTest(cube.rows());
        BurnSums baselineTest(cube.rows());
        for (std::size_t b = 0; b < modelBlocks.size(); ++b) {
            modelTest.add(modelBlocks[b]);
            baselineTest.add(baselineBlocks[b]);
        }
        const BurnMetrics model = burnMetrics(modelTest, modelThreshold);
        const BurnMetrics base = burnMetrics(baselineTest, baselineThreshold);
        context.reportProgress(0.85, QStringLiteral("bootstrap"));

        // 4. Bootstrap: blocks of time drawn with replacement, the same draw for both, so the
        // difference has its own (paired) interval.
        const auto& definitions = metricDefinitions();
        std::vector<std::vector<double>> modelValues(definitions.size()),
            baselineValues(definitions.size()), differenceValues(definitions.size());
        for (int r = 0; r < replicates; ++r) {
            context.throwIfCancelled();
            twins::sdk::Random random(twins::sdk::streamSeed(seed, static_cast<std::uint64_t>(r)));
            BurnSums m(cube.rows());
            BurnSums b(cube.rows());
            for (std::size_t n = 0; n < modelBlocks.size(); ++n) {
                const auto pick = static_cast<std::size_t>(random.uniformIndex(modelBlocks.size()));
                m.add(modelBlocks[pick]);
                b.add(baselineBlocks[pick]);
            }
            const BurnMetrics mm = burnMetrics(m, modelThreshold);
            const BurnMetrics bm = burnMetrics(b, baselineThreshold);
            for (std::size_t d = 0; d < definitions.size(); ++d) {
                modelValues[d].push_back(definitions[d].value(mm));
                baselineValues[d].push_back(definitions[d].value(bm));
                differenceValues[d].push_back(definitions[d].value(mm) - definitions[d].value(bm));
            }
        }

        QJsonObject metrics;
        QJsonObject units;
        QJsonObject sideBySide; // the table the GUI shows: model and baseline with intervals
        const auto text = [](double value) {
            return std::isfinite(value) ? QString::number(value, 'g', 4) : QStringLiteral("n/a");
        };
        twins::sdk::CsvWriter table({"metric", "units", "model", "model_low", "model_high",
                                     "baseline", "baseline_low", "baseline_high", "difference_low",
                                     "difference_high"});
        for (std::size_t d = 0; d < definitions.size(); ++d) {
            const std::string name = definitions[d].name;
            const double mv = definitions[d].value(model);
            const double bv = definitions[d].value(base);
            const auto [ml, mh] = interval(modelValues[d]);
            const auto [bl, bh] = interval(baselineValues[d]);
            const auto [dl, dh] = interval(differenceValues[d]);
            const QString key = QString::fromStdString(name);
            metrics.insert(key, finite(mv));
            metrics.insert(key + QStringLiteral("_low"), finite(ml));
            metrics.insert(key + QStringLiteral("_high"), finite(mh));
            metrics.insert(QStringLiteral("baseline_") + key, finite(bv));
            metrics.insert(QStringLiteral("baseline_") + key + QStringLiteral("_low"), finite(bl));
            metrics.insert(QStringLiteral("baseline_") + key + QStringLiteral("_high"), finite(bh));
            for (const QString& variant :
                 {key, key + QStringLiteral("_low"), key + QStringLiteral("_high"),
                  QStringLiteral("baseline_") + key,
                  QStringLiteral("baseline_") + key + QStringLiteral("_low"),
                  QStringLiteral("baseline_") + key + QStringLiteral("_high")}) {
                units.insert(variant, QString::fromLatin1(definitions[d].units));
            }
            const QString unitText =
                std::string(definitions[d].units) == "1"
                    ? QString()
                    : QStringLiteral(" ") + QString::fromLatin1(definitions[d].units);
            sideBySide.insert(key, QStringLiteral("%1 [%2, %3]%4   baseline %5 [%6, %7]")
                                       .arg(text(mv), text(ml), text(mh), unitText, text(bv),
                                            text(bl), text(bh)));
            table.add(name)
                .add(definitions[d].units)
                .add(mv)
                .add(ml)
                .add(mh)
                .add(bv)
                .add(bl)
                .add(bh)
                .add(dl)
                .add(dh);
            table.endRow();
            for (const auto& [metric, value] :
                 {std::make_pair(key, mv), std::make_pair(QStringLiteral("baseline_") + key, bv)}) {
                if (std::isfinite(value)) {
                    context.reportMetric(0, metric, value);
                }
            }
        }
        // Beyond the interval: the model's whole 95% interval above the baseline's.
        const auto beats = [&](const char* name) {
            for (std::size_t d = 0; d < definitions.size(); ++d) {
                if (std::string(definitions[d].name) == name) {
                    return interval(modelValues[d]).first > interval(baselineValues[d]).second;
                }
            }
            return false;
        };
        for (const char* name : {"roc_auc", "f2"}) {
            const QString key = QString::fromLatin1(name) + QStringLiteral("_beats_baseline");
            metrics.insert(key, beats(name));
            context.reportMetric(0, key, beats(name) ? 1.0 : 0.0);
        }
        metrics.insert(QStringLiteral("threshold"), binProbability(modelThreshold));
        metrics.insert(QStringLiteral("baseline_threshold"), binProbability(baselineThreshold));
        metrics.insert(QStringLiteral("burned_share"), finite(model.burnedShare));
        metrics.insert(QStringLiteral("burnable_cells"), static_cast<qint64>(burnableCells));
        metrics.insert(QStringLiteral("test_samples"), modelTest.samples());
        metrics.insert(QStringLiteral("mean_burned_area_when_burned"), meanBurnedHa);
        units.insert(QStringLiteral("mean_burned_area_when_burned"), QStringLiteral("ha"));

        // Seasonal cycle per zone.
        const SeasonalCycle modelCycle = seasonalCycle(modelTest, seasonalMinimumBurned);
        const SeasonalCycle baselineCycle = seasonalCycle(baselineTest, seasonalMinimumBurned);
        int judged = 0;
        int matched = 0;
        int baselineMatched = 0;
        twins::sdk::CsvWriter seasonal({"zone", "month", "observed", "model", "baseline"});
        for (int z = 0; z < burnZoneCount; ++z) {
            for (int month = 0; month < 12; ++month) {
                seasonal.add(burnZoneNames()[z])
                    .add(month + 1)
                    .add(modelCycle.observed[z][month])
                    .add(modelCycle.predicted[z][month])
                    .add(baselineCycle.predicted[z][month]);
                seasonal.endRow();
            }
            if (modelCycle.observedPeak[z] == 0) {
                continue;
            }
            ++judged;
            matched += modelCycle.predictedPeak[z] == modelCycle.observedPeak[z] ? 1 : 0;
            baselineMatched += baselineCycle.predictedPeak[z] == modelCycle.observedPeak[z] ? 1 : 0;
            const QString zone = QString::fromLatin1(zoneKeys[z]);
            metrics.insert(QStringLiteral("peak_month_observed_") + zone,
                           modelCycle.observedPeak[z]);
            metrics.insert(QStringLiteral("peak_month_") + zone, modelCycle.predictedPeak[z]);
            metrics.insert(QStringLiteral("baseline_peak_month_") + zone,
                           baselineCycle.predictedPeak[z]);
            sideBySide.insert(QStringLiteral("peak month ") +
                                  QString::fromStdString(burnZoneNames()[z]),
                              QStringLiteral("observed %1, model %2, baseline %3")
                                  .arg(modelCycle.observedPeak[z])
                                  .arg(modelCycle.predictedPeak[z])
                                  .arg(baselineCycle.predictedPeak[z]));
        }
        metrics.insert(QStringLiteral("peak_month_zones"), judged);
        metrics.insert(QStringLiteral("peak_month_matches"), matched);
        metrics.insert(QStringLiteral("baseline_peak_month_matches"), baselineMatched);
        context.reportMetric(0, QStringLiteral("peak_month_zones"), judged);
        context.reportMetric(0, QStringLiteral("peak_month_matches"), matched);
        context.reportMetric(0, QStringLiteral("baseline_peak_month_matches"), baselineMatched);
        seasonal.writeTo(output("seasonal.csv"));

        // Spread-skill: equal-mass deciles of the MC spread, the RMS error of the probability
        // in each; a useful spread grows with the error.
        twins::sdk::CsvWriter spreadSkill({"decile", "mean_spread", "rmse", "samples"});
        {
            double total = 0.0;
            for (const double n : spreadCount) {
                total += n;
            }
            std::array<double, 10> n{}, s{}, e{};
            double seen = 0.0;
            for (int bin = 0; bin < spreadBins; ++bin) {
                const int g = std::min(9, static_cast<int>(10.0 * (seen + 0.5 * spreadCount[bin]) /
                                                           std::max(total, 1.0)));
                n[g] += spreadCount[bin];
                s[g] += spreadSum[bin];
                e[g] += spreadSquaredError[bin];
                seen += spreadCount[bin];
            }
            std::vector<double> xs, ys;
            for (int g = 0; g < 10; ++g) {
                if (n[g] <= 0.0) {
                    continue;
                }
                xs.push_back(s[g] / n[g]);
                ys.push_back(std::sqrt(e[g] / n[g]));
                spreadSkill.add(g + 1).add(xs.back()).add(ys.back()).add(n[g]);
                spreadSkill.endRow();
            }
            double mx = 0.0, my = 0.0;
            for (std::size_t i = 0; i < xs.size(); ++i) {
                mx += xs[i] / xs.size();
                my += ys[i] / ys.size();
            }
            double sxy = 0.0, sxx = 0.0, syy = 0.0;
            for (std::size_t i = 0; i < xs.size(); ++i) {
                sxy += (xs[i] - mx) * (ys[i] - my);
                sxx += (xs[i] - mx) * (xs[i] - mx);
                syy += (ys[i] - my) * (ys[i] - my);
            }
            const double correlation = sxx > 0.0 && syy > 0.0 ? sxy / std::sqrt(sxx * syy) : NAN;
            metrics.insert(QStringLiteral("spread_skill_correlation"), finite(correlation));
            double spreadTotal = 0.0;
            for (const double value : spreadSum) {
                spreadTotal += value;
            }
            metrics.insert(QStringLiteral("mean_spread"), total > 0.0 ? spreadTotal / total : 0.0);
            if (std::isfinite(correlation)) {
                context.reportMetric(0, QStringLiteral("spread_skill_correlation"), correlation);
            }
        }
        spreadSkill.writeTo(output("spread_skill.csv"));

        // ROC curves and reliability diagrams.
        twins::sdk::CsvWriter roc({"curve", "false_positive_rate", "true_positive_rate"});
        for (const auto& [name, sums] : {std::make_pair("UNet++", &modelTest),
                                         std::make_pair("KBDI + LAI baseline", &baselineTest)}) {
            std::vector<double> f, t;
            rocCurve(*sums, 200, f, t);
            for (std::size_t i = 0; i < f.size(); ++i) {
                roc.add(name).add(f[i]).add(t[i]);
                roc.endRow();
            }
        }
        roc.writeTo(output("roc.csv"));
        twins::sdk::CsvWriter diagram({"curve", "mean_predicted", "observed_frequency", "samples"});
        for (const auto& [name, sums, calibrated] :
             {std::make_tuple("UNet++ raw", &modelTest, false),
              std::make_tuple("UNet++ calibrated", &modelTest, true),
              std::make_tuple("baseline raw", &baselineTest, false),
              std::make_tuple("baseline calibrated", &baselineTest, true)}) {
            const Reliability r = reliability(*sums, calibrated);
            for (std::size_t g = 0; g < r.count.size(); ++g) {
                diagram.add(name).add(r.predicted[g]).add(r.observed[g]).add(r.count[g]);
                diagram.endRow();
            }
        }
        diagram.writeTo(output("reliability.csv"));
        twins::sdk::CsvWriter zonal({"latitude", "observed", "model", "baseline"});
        for (std::size_t r = 0; r < cube.rows(); ++r) {
            if (modelTest.rowCount[r] <= 0.0) {
                continue;
            }
            zonal.add(cube.latitudes()[r])
                .add(modelTest.rowObserved[r] / modelTest.rowCount[r])
                .add(modelTest.rowPredicted[r] / modelTest.rowCount[r])
                .add(baselineTest.rowPredicted[r] / baselineTest.rowCount[r]);
            zonal.endRow();
        }
        zonal.writeTo(output("zonal.csv"));
        table.writeTo(output("metrics.csv"));

        const QJsonObject settings{
            {"train_years", QJsonArray{trainFirst, trainLast}},
            {"validation_years", QJsonArray{validationFirst, validationLast}},
            {"test_years", QJsonArray{validationLast + 1, testLast}},
            {"lead_steps", lead},
            {"burnable_rule",
             QStringLiteral("land (lsm >= 0.5) whose training-years mean lai is at least %1 m2 m-2 "
                            "(no ocean, ice sheet or bare desert)")
                 .arg(burnableMeanLai)},
            {"threshold_rule", "the probability that maximises F2 on the validation years"},
            {"calibration", "Platt scaling (logistic on the logit) fitted on the validation years, "
                            "scored on the test years only"},
            {"burned_area_rule",
             modelHasArea
                 ? QStringLiteral("model: the regression head's expected burned area (infer's "
                                  "expected_burned_area, the members' mean in ha); baseline: "
                                  "expm1 of its least-squares log1p(ha) on the drought features, "
                                  "fitted on the training years")
                 : QStringLiteral("model: calibrated probability x the mean burned area of burned "
                                  "cells in the validation years (the model has no regression "
                                  "head); baseline: expm1 of its least-squares log1p(ha) on the "
                                  "drought features, fitted on the training years")},
            {"model_burned_area", modelHasArea ? "regression head" : "derived from probability"},
            {"baseline_area_coefficients",
             QJsonArray{areaBeta[0], areaBeta[1], areaBeta[2], areaBeta[3]}},
            {"bootstrap",
             QStringLiteral("%1 replicates of non-overlapping blocks of %2 consecutive 8-day "
                            "steps of the test years (%3 blocks), drawn with replacement, the "
                            "same draws for model and baseline; percentile 95% intervals")
                 .arg(replicates)
                 .arg(block)
                 .arg(modelBlocks.size())},
            {"zones", "latitude zones standing in for biomes: boreal north >= 50N, temperate "
                      "north 30-50N, tropics north 0-30N, tropics south 0-30S, temperate south "
                      "beyond 30S; a zone's peak month is judged with >= 100 burned samples"},
            {"baseline",
             "logistic regression of burned on a Keetch-Byram drought index (tp, lst_day) and "
             "lai, fitted on the training years"},
            {"baseline_coefficients", QJsonArray{beta[0], beta[1], beta[2], beta[3]}},
            {"model_platt", QJsonArray{modelPlatt.a, modelPlatt.b}},
            {"baseline_platt", QJsonArray{baselinePlatt.a, baselinePlatt.b}}};
        sideBySide.insert(QStringLiteral("threshold (chosen on the validation years)"),
                          QStringLiteral("%1   baseline %2")
                              .arg(text(binProbability(modelThreshold)),
                                   text(binProbability(baselineThreshold))));
        sideBySide.insert(QStringLiteral("burned area from"),
                          modelHasArea ? QStringLiteral("the regression head   baseline: its "
                                                        "log1p(ha) regression")
                                       : QStringLiteral("probability x mean burned area (no "
                                                        "regression head)   baseline: its "
                                                        "log1p(ha) regression"));
        sideBySide.insert(QStringLiteral("spread-skill correlation"),
                          metrics.value(QStringLiteral("spread_skill_correlation")));
        sideBySide.insert(QStringLiteral("test samples (burnable cell-steps)"),
                          modelTest.samples());
        twins::sdk::writeJsonFile(outputs.filePath(QStringLiteral("scores.json")),
                                  QJsonObject{{"metrics", sideBySide}});
        twins::sdk::writeJsonFile(
            outputs.filePath(QStringLiteral("metrics.json")),
            QJsonObject{{"metrics", metrics},
                        {"units", units},
                        {"settings", settings},
                        {"probability_file", QString::fromStdString(inputs.probability)},
                        {"cube_file", QString::fromStdString(inputs.cube)}});
        context.log(QStringLiteral("test years: ROC AUC %1 [%2, %3] (baseline %4 [%5, %6]); F2 "
                                   "%7 (baseline %8); ECE raw %9, calibrated %10 (baseline %11); "
                                   "zonal correlation %12; peak months %13 of %14")
                        .arg(model.rocAuc, 0, 'f', 3)
                        .arg(interval(modelValues[0]).first, 0, 'f', 3)
                        .arg(interval(modelValues[0]).second, 0, 'f', 3)
                        .arg(base.rocAuc, 0, 'f', 3)
                        .arg(interval(baselineValues[0]).first, 0, 'f', 3)
                        .arg(interval(baselineValues[0]).second, 0, 'f', 3)
                        .arg(model.f2, 0, 'f', 3)
                        .arg(base.f2, 0, 'f', 3)
                        .arg(model.eceRaw, 0, 'f', 3)
                        .arg(model.eceCalibrated, 0, 'f', 3)
                        .arg(base.eceCalibrated, 0, 'f', 3)
                        .arg(model.zonalCorrelation, 0, 'f', 3)
                        .arg(matched)
                        .arg(judged));
        context.reportProgress(1.0, QStringLiteral("done"));
    } catch (const SdkError&) {
        throw;
    } catch (const std::exception& error) {
        throw SdkError(source, QString::fromStdString(error.what()));
    }
}

} // namespace wildfire
