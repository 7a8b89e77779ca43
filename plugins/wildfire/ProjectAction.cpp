// project (issue 19 item 5): the burned-area change under a scenario against the historical
// period, per cell and per region, with the ensemble members' agreement. The same models
// (a deep ensemble x Monte Carlo dropout passes) predict the same period of two cubes on one
// grid, one generated for the historical climate and one for a scenario; each member's change
// is its scenario mean minus its historical mean, and where the members disagree on the sign
// the change is not robust (missing in robust_change, hatched by the workspace's hatching of
// burned_probability_change_members).
#include "DriverCube.h"
#include "FireEnsemble.h"
#include "ModelInputs.h"
#include "PredictedSteps.h"
#include "ProjectionFile.h"
#include "RegionalChange.h"
#include "VariabilityThreshold.h"
#include "WildfireTwin.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TrainingDomain.h"

#include <QDate>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <limits>
#include <map>
#include <memory>

namespace wildfire {

namespace {

using twins::sdk::SdkError;
const QString source = QStringLiteral("wildfire project");
const QString expected = QStringLiteral(
    "one or more models (wildfire train runs; with mc_passes, or several models, making at "
    "least 2 members) and two cubes on the same grid and years (wildfire generate runs): one "
    "historical, one of the scenario");
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double stepsPerYear = 46.0;

struct ProjectInputs {
    std::vector<std::string> models;
    std::vector<std::string> cubes;
};

ProjectInputs classifyInputs(const QStringList& inputs) {
    ProjectInputs found;
    for (const QString& input : inputs) {
        if (isModelInput(input)) {
            found.models.push_back(input.toStdString());
        } else if (const std::string cube = cubePathOf(input); !cube.empty()) {
            found.cubes.push_back(cube);
        } else {
            throw SdkError(source, QStringLiteral("input %1 is neither a model (fire_net.pt and "
                                                  "fire_net.json) nor a cube; expected %2")
                                       .arg(input, expected));
        }
    }
    if (found.models.empty() || found.cubes.size() != 2) {
        throw SdkError(source, QStringLiteral("got %1 model(s) and %2 cube(s); expected %3")
                                   .arg(found.models.size())
                                   .arg(found.cubes.size())
                                   .arg(expected));
    }
    return found;
}

// "historical" for a cube of the historical climate (no SSP, no extra warming, precipitation
// unscaled), else what it was generated for: an SSP's name (its attributes hold the SSP's own
// total warming and precipitation change), or "historical +2 K precipitation x0.8".
std::string scenarioOf(const DriverCube& cube) {
    const std::string name = cube.attribute("wildfire_scenario");
    if (!name.empty() && name != "historical") {
        return name;
    }
    const std::string warming = cube.attribute("wildfire_warming_K");
    const std::string scale = cube.attribute("wildfire_precipitation_scale");
    std::string text = "historical";
    if (!warming.empty() && std::stod(warming) != 0.0) {
        text += " +" + warming + " K";
    }
    if (!scale.empty() && std::stod(scale) != 1.0) {
        text += " precipitation x" + scale;
    }
    return text;
}

// Every member's mean burned probability over the steps, NaN at sea and where a driver had a
// hole in every step, and its mean expected burned area (ha per step; members 0 when a model
// has no regression head); and the cube's own mean burned area per step at the predicted steps.
struct PeriodMeans {
    MemberMeans probability;
    MemberMeans area;
    std::vector<double> burnedHa; // per cell, NaN at sea
    double burnedHaSum = 0.0;     // over burned land cell-steps, for the size of a burn
    std::size_t burnedCellSteps = 0;
    // Per calendar year of the predicted steps, each cell's mean of the members' mean
    // probability (NaN at sea): the interannual variability approach B's threshold needs.
    std::vector<std::vector<double>> annualMeans;
};

int yearOf(double daysSince2001) {
    return QDate(2001, 1, 1).addDays(static_cast<qint64>(std::floor(daysSince2001))).year();
}

PeriodMeans periodMeans(twins::sdk::ActionContext& context, FireEnsemble& ensemble,
                        const DriverCube& cube, const PredictedSteps& predictedSteps, int lead,
                        double progressStart, double progressSpan, const QString& label) {
    const std::vector<std::size_t>& steps = predictedSteps.driverSteps;
    const std::size_t cells = cube.rows() * cube.columns();
    const std::size_t members = ensemble.members();
    PeriodMeans out;
    out.probability.members = members;
    out.probability.cells = cells;
    const bool withArea = ensemble.hasRegressionHead();
    std::vector<double> sums(members * cells);
    std::vector<double> areaSums(withArea ? members * cells : 0);
    std::vector<std::size_t> counts(cells);
    std::vector<double> burned(cells);
    std::vector<std::size_t> burnedCounts(cells);
    std::map<int, std::pair<std::vector<double>, std::vector<std::size_t>>> years;
    EnsembleStep predicted;
    for (std::size_t s = 0; s < steps.size(); ++s) {
        context.throwIfCancelled();
        ensemble.predict(cube, steps[s], predicted);
        auto& [yearSums, yearCounts] = years[yearOf(predictedSteps.targetDays[s])];
        yearSums.resize(cells);
        yearCounts.resize(cells);
        const std::size_t target = steps[s] + static_cast<std::size_t>(lead);
        const std::vector<double> area =
            target < cube.steps() ? cube.read("fcci_ba", target) : std::vector<double>();
        for (std::size_t i = 0; i < cells; ++i) {
            const bool land = cube.landFraction()[i] >= 0.5;
            if (land && predicted.masked[i] == 0) {
                ++counts[i];
                double membersSum = 0.0;
                for (std::size_t m = 0; m < members; ++m) {
                    sums[m * cells + i] += predicted.members[m * cells + i];
                    membersSum += predicted.members[m * cells + i];
                    if (withArea) {
                        areaSums[m * cells + i] += predicted.areaMembers[m * cells + i];
                    }
                }
                yearSums[i] += membersSum / static_cast<double>(members);
                ++yearCounts[i];
            }
            if (land && !area.empty() && std::isfinite(area[i])) {
                burned[i] += area[i];
                ++burnedCounts[i];
                if (area[i] > 0.0) {
                    out.burnedHaSum += area[i];
                    ++out.burnedCellSteps;
                }
            }
        }
        context.reportProgress(
            progressStart +
                progressSpan * static_cast<double>(s + 1) / static_cast<double>(steps.size()),
            QStringLiteral("%1: step %2 of %3").arg(label).arg(s + 1).arg(steps.size()));
    }
    out.probability.values.assign(members * cells, nan);
    out.area.members = withArea ? members : 0;
    out.area.cells = cells;
    out.area.values.assign(withArea ? members * cells : 0, nan);
    out.burnedHa.assign(cells, nan);
    for (std::size_t i = 0; i < cells; ++i) {
        if (counts[i] > 0) {
            for (std::size_t m = 0; m < members; ++m) {
                out.probability.values[m * cells + i] =
                    sums[m * cells + i] / static_cast<double>(counts[i]);
                if (withArea) {
                    out.area.values[m * cells + i] =
                        areaSums[m * cells + i] / static_cast<double>(counts[i]);
                }
            }
        }
        if (burnedCounts[i] > 0) {
            out.burnedHa[i] = burned[i] / static_cast<double>(burnedCounts[i]);
        }
    }
    for (const auto& [year, sumsAndCounts] : years) {
        const auto& [yearSums, yearCounts] = sumsAndCounts;
        std::vector<double>& means = out.annualMeans.emplace_back(cells, nan);
        for (std::size_t i = 0; i < cells; ++i) {
            if (yearCounts[i] > 0) {
                means[i] = yearSums[i] / static_cast<double>(yearCounts[i]);
            }
        }
    }
    return out;
}

QString signedPercent(double value) {
    return std::isfinite(value)
               ? QStringLiteral("%1%2%").arg(value >= 0 ? "+" : "").arg(value, 0, 'f', 1)
               : QStringLiteral("n/a");
}

} // namespace

void projectAction(twins::sdk::ActionContext& context) {
    const ProjectInputs inputs = classifyInputs(context.inputs());
    const int passes = context.integer("mc_passes");
    const int threads = context.integer("threads");
    const auto seed = static_cast<std::uint64_t>(context.integer("seed"));
    const QString periodText = context.parameters().value(QStringLiteral("period")).toString();
    QDir run(context.outputDirectory());
    const std::string runId = run.cdUp() ? run.dirName().toStdString() : std::string();
    try {
        FireEnsemble ensemble(inputs.models, passes, threads, seed);
        const std::size_t members = ensemble.members();
        if (members < 2) {
            throw SdkError(source, QStringLiteral("1 member cannot say whether the members agree "
                                                  "on a change: set mc_passes >= 2 or give "
                                                  "several models"));
        }
        const FireNetConfig& first = ensemble.first();
        std::unique_ptr<DriverCube> historical;
        std::unique_ptr<DriverCube> scenario;
        for (const std::string& path : inputs.cubes) {
            auto cube = std::make_unique<DriverCube>(path, first.drivers, true);
            ensemble.checkGrid(*cube);
            (scenarioOf(*cube) == "historical" ? historical : scenario) = std::move(cube);
        }
        if (!historical || !scenario) {
            throw SdkError(source, QStringLiteral("the cubes %1 and %2 are both %3; expected %4")
                                       .arg(QString::fromStdString(inputs.cubes[0]),
                                            QString::fromStdString(inputs.cubes[1]),
                                            historical ? QStringLiteral("historical")
                                                       : QStringLiteral("scenarios"),
                                            expected));
        }
        if (historical->rows() != scenario->rows() ||
            historical->columns() != scenario->columns() ||
            historical->latitudes() != scenario->latitudes() ||
            historical->longitudes() != scenario->longitudes()) {
            throw SdkError(source,
                           QStringLiteral("the historical cube %1 is on a grid of %2 and the "
                                          "scenario cube %3 on %4: a change is taken cell by "
                                          "cell, so both must be generated on one grid")
                               .arg(QString::fromStdString(historical->path()),
                                    QString::fromStdString(
                                        gridShapeText(historical->rows(), historical->columns())),
                                    QString::fromStdString(scenario->path()),
                                    QString::fromStdString(
                                        gridShapeText(scenario->rows(), scenario->columns()))));
        }
        const std::string scenarioName = scenarioOf(*scenario);
        // The scenario cube is what the model extrapolates to: flagged, not refused.
        const std::size_t multiple = std::size_t(1) << first.depth;
        const auto padded = [multiple](std::size_t size) {
            return static_cast<int>((size + multiple - 1) / multiple * multiple);
        };
        twins::sdk::recordTrainingDomain(
            context, QString::fromStdString(first.directory),
            QJsonObject{{"rows", padded(scenario->rows())},
                        {"columns", padded(scenario->columns())},
                        {"scenario",
                         QString::fromStdString(scenario->attribute("wildfire_scenario").empty()
                                                    ? std::string("historical")
                                                    : scenario->attribute("wildfire_scenario"))}});

        const int lead = first.leadSteps;
        const auto [periodFirst, periodLast] = periodDays(periodText);
        const PredictedSteps before = stepsPredictingIn(*historical, lead, periodFirst, periodLast);
        const PredictedSteps after = stepsPredictingIn(*scenario, lead, periodFirst, periodLast);
        if (before.targetDays.empty() || before.targetDays != after.targetDays) {
            throw SdkError(source,
                           QStringLiteral("parameter 'period' is %1: the historical cube %2 "
                                          "predicts %3 step(s) in it and the scenario cube %4 "
                                          "%5 step(s)%6; generate both for the same years")
                               .arg(periodText, QString::fromStdString(historical->path()))
                               .arg(before.targetDays.size())
                               .arg(QString::fromStdString(scenario->path()))
                               .arg(after.targetDays.size())
                               .arg(before.targetDays.size() == after.targetDays.size() &&
                                            !before.targetDays.empty()
                                        ? QStringLiteral(" on other dates")
                                        : QString()));
        }
        context.log(QStringLiteral("%1 members (%2 model(s) x %3); %4 steps of %5 (historical) "
                                   "and %6 (%7) predicting %8")
                        .arg(members)
                        .arg(ensemble.configs().size())
                        .arg(passes > 0
                                 ? QStringLiteral("%1 Monte Carlo dropout passes").arg(passes)
                                 : QStringLiteral("1 deterministic pass"))
                        .arg(before.driverSteps.size())
                        .arg(QString::fromStdString(historical->path()),
                             QString::fromStdString(scenario->path()),
                             QString::fromStdString(scenarioName), periodText));

        const PeriodMeans past = periodMeans(context, ensemble, *historical, before, lead, 0.0, 0.5,
                                             QStringLiteral("historical"));
        const PeriodMeans future = periodMeans(context, ensemble, *scenario, after, lead, 0.5, 0.5,
                                               QString::fromStdString(scenarioName));
        const VariabilityThreshold variability = variabilityThreshold(past.annualMeans);
        if (std::isfinite(variability.threshold)) {
            context.log(QStringLiteral("variability threshold (IPCC AR6 approach B) %1: "
                                       "interannual standard deviation %2 (median of %3 land "
                                       "cells over %4 historical years)")
                            .arg(variability.threshold, 0, 'g', 3)
                            .arg(variability.sigma, 0, 'g', 3)
                            .arg(variability.cells)
                            .arg(variability.years));
        } else {
            context.log(QStringLiteral("no variability threshold: the period holds %1 year(s) "
                                       "of the historical cube and approach B needs 2 or more; "
                                       "views hatch at the result spec's fixed threshold")
                            .arg(variability.years));
        }
        const bool withArea = ensemble.hasRegressionHead();
        if (!withArea && past.burnedCellSteps == 0) {
            throw SdkError(source,
                           QStringLiteral("the historical cube %1 has no burned land cell "
                                          "in the period %2, so the burned area of a "
                                          "burning cell (what turns a probability into "
                                          "hectares) is unknown; choose a longer period")
                               .arg(QString::fromStdString(historical->path()), periodText));
        }
        // The expected burned area of a cell and step: the regression head's (ha, the members
        // averaged in hectares), or for models without it the probability times the mean burned
        // area of the historical cube's burned land cell-steps in the period.
        const double haPerBurnedStep =
            past.burnedCellSteps > 0 ? past.burnedHaSum / static_cast<double>(past.burnedCellSteps)
                                     : nan;
        const QString areaSource =
            withArea ? QStringLiteral("the regression head's expected burned area")
                     : QStringLiteral("probability x the historical cube's mean burned area of a "
                                      "burning cell (%1 ha; the model has no regression head)")
                           .arg(haPerBurnedStep, 0, 'g', 3);
        context.log(QStringLiteral("regional burned area from %1").arg(areaSource));
        const CellChanges cells = cellChanges(past.probability, future.probability);
        const std::vector<RegionChange> regions =
            withArea ? regionChanges(past.area, future.area, historical->latitudes(),
                                     historical->columns(), 1.0, stepsPerYear, past.burnedHa,
                                     future.burnedHa)
                     : regionChanges(past.probability, future.probability, historical->latitudes(),
                                     historical->columns(), haPerBurnedStep, stepsPerYear,
                                     past.burnedHa, future.burnedHa);

        const QDir outputs(context.outputDirectory());
        writeProjectionFile(outputs.filePath(QStringLiteral("projection.nc")).toStdString(),
                            historical->latitudes(), historical->longitudes(), members, cells,
                            {{"wildfire_historical_cube", historical->path()},
                             {"wildfire_scenario_cube", scenario->path()},
                             {"wildfire_scenario", scenarioName},
                             {"wildfire_period", periodText.toStdString()},
                             {"wildfire_lead_steps", std::to_string(lead)},
                             {"wildfire_members", std::to_string(members)}},
                            variability, runId);

        twins::sdk::CsvWriter csv({"region", "cells", "historical_ha_per_year",
                                   "scenario_ha_per_year", "change_percent", "member_low_percent",
                                   "member_high_percent", "sign_agreement", "robust",
                                   "generator_historical_ha_per_year",
                                   "generator_scenario_ha_per_year", "generator_change_percent"});
        QJsonObject table;
        QJsonObject metrics;
        for (const RegionChange& region : regions) {
            csv.add(region.name)
                .add(region.cells)
                .add(region.historicalHa)
                .add(region.scenarioHa)
                .add(region.changePercent)
                .add(region.memberLowPercent)
                .add(region.memberHighPercent)
                .add(region.agreement)
                .add(region.robust ? "yes" : "no")
                .add(region.generatorHistoricalHa)
                .add(region.generatorScenarioHa)
                .add(region.generatorChangePercent);
            csv.endRow();
            // Two short rows per region (a table cell holds one line): the model's change and
            // the generator's own; "name, generator" sorts right after "name".
            table.insert(
                QString::fromStdString(region.name),
                QStringLiteral("%1 (members %2 to %3), %4% agree: %5")
                    .arg(signedPercent(region.changePercent),
                         signedPercent(region.memberLowPercent),
                         signedPercent(region.memberHighPercent))
                    .arg(100.0 * region.agreement, 0, 'f', 0)
                    .arg(region.robust ? QStringLiteral("robust") : QStringLiteral("not robust")));
            table.insert(QString::fromStdString(region.name) + QStringLiteral(", generator"),
                         QStringLiteral("%1 (the cubes' own burned area)")
                             .arg(signedPercent(region.generatorChangePercent)));
        }
        csv.writeTo(outputs.filePath(QStringLiteral("regions.csv")).toStdString());
        std::size_t robustCells = 0;
        std::size_t changedCells = 0;
        for (std::size_t i = 0; i < cells.change.size(); ++i) {
            changedCells += std::isfinite(cells.change[i]) ? 1 : 0;
            robustCells += std::isfinite(cells.robustChange[i]) ? 1 : 0;
        }
        const RegionChange& all = regions.front();
        const double robustShare =
            changedCells > 0 ? static_cast<double>(robustCells) / changedCells : nan;
        metrics.insert(QStringLiteral("change_percent"), all.changePercent);
        metrics.insert(QStringLiteral("sign_agreement"), all.agreement);
        metrics.insert(QStringLiteral("generator_change_percent"), all.generatorChangePercent);
        metrics.insert(QStringLiteral("robust_cell_share"), robustShare);
        metrics.insert(QStringLiteral("members"), static_cast<double>(members));
        if (!withArea) {
            metrics.insert(QStringLiteral("ha_per_burned_step"), haPerBurnedStep);
        }
        metrics.insert(QStringLiteral("regression_head"), withArea ? 1.0 : 0.0);
        metrics.insert(QStringLiteral("variability_threshold"), variability.threshold);
        table.insert(QStringLiteral("burned area from"), areaSource);
        table.insert(QStringLiteral("robust cells"),
                     QStringLiteral("%1% of %2 land cells (>= 80% of the %3 members agree on "
                                    "the sign)")
                         .arg(100.0 * robustShare, 0, 'f', 0)
                         .arg(changedCells)
                         .arg(members));
        table.insert(QStringLiteral("scenario"),
                     QStringLiteral("%1 against historical, %2")
                         .arg(QString::fromStdString(scenarioName), periodText));
        twins::sdk::writeJsonFile(outputs.filePath(QStringLiteral("regions.json")),
                                  QJsonObject{{"metrics", table}});
        twins::sdk::writeJsonFile(outputs.filePath(QStringLiteral("metrics.json")),
                                  QJsonObject{{"metrics", metrics}});
        for (auto it = metrics.begin(); it != metrics.end(); ++it) {
            if (std::isfinite(it.value().toDouble(nan))) {
                context.reportMetric(0, it.key(), it.value().toDouble());
            }
        }
        context.log(QStringLiteral("%1 against historical: expected burned area %2 (members %3 "
                                   "to %4, %5% agree); the generator's own change %6; %7% of "
                                   "land cells robust")
                        .arg(QString::fromStdString(scenarioName), signedPercent(all.changePercent),
                             signedPercent(all.memberLowPercent),
                             signedPercent(all.memberHighPercent))
                        .arg(100.0 * all.agreement, 0, 'f', 0)
                        .arg(signedPercent(all.generatorChangePercent))
                        .arg(100.0 * robustShare, 0, 'f', 0));
    } catch (const SdkError&) {
        throw;
    } catch (const std::exception& error) {
        throw SdkError(source, QString::fromStdString(error.what()));
    }
}

} // namespace wildfire
