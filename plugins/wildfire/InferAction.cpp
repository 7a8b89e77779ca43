// infer: one or more trained UNet++ models (a deep ensemble) x Monte Carlo dropout passes over
// the steps of a cube whose targets fall in `period` -> outputs/burned_probability.nc: the
// members' mean burned probability and its spread, linked by ancillary_variables.
#include "DriverCube.h"
#include "EightDayAxis.h"
#include "FireEnsemble.h"
#include "FireNetConfig.h"
#include "ModelInputs.h"
#include "PredictedSteps.h"
#include "ProbabilityFile.h"
#include "ProbabilitySnapshot.h"
#include "WildfireError.h"
#include "WildfireTwin.h"
#include "twinbench/insitu/Publisher.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TrainingDomain.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <utility>

namespace wildfire {

namespace {

using twins::sdk::SdkError;
const QString source = QStringLiteral("wildfire infer");
const QString expected = QStringLiteral(
    "one or more models (wildfire train runs: their ids or outputs/; several make a deep "
    "ensemble) and one cube (a wildfire generate run, its cube.nc or cube.zarr)");

struct InferInputs {
    std::vector<std::string> models;
    std::string cube;
};

InferInputs classifyInputs(const QStringList& inputs) {
    InferInputs found;
    for (const QString& input : inputs) {
        if (isModelInput(input)) {
            found.models.push_back(input.toStdString());
            continue;
        }
        const std::string cube = cubePathOf(input);
        if (cube.empty()) {
            throw SdkError(source, QStringLiteral("input %1 is neither a model (fire_net.pt and "
                                                  "fire_net.json) nor a cube; expected %2")
                                       .arg(input, expected));
        }
        if (!found.cube.empty()) {
            throw SdkError(source, QStringLiteral("inputs %1 and %2 are both cubes; expected %3")
                                       .arg(QString::fromStdString(found.cube),
                                            QString::fromStdString(cube), expected));
        }
        found.cube = cube;
    }
    if (found.models.empty() || found.cube.empty()) {
        throw SdkError(source, QStringLiteral("got %1 input(s) without %2; expected %3")
                                   .arg(inputs.size())
                                   .arg(found.models.empty() ? QStringLiteral("a model")
                                                             : QStringLiteral("a cube"))
                                   .arg(expected));
    }
    return found;
}

std::size_t paddedTo(std::size_t size, std::size_t multiple) {
    return (size + multiple - 1) / multiple * multiple;
}

// The members' mean and standard deviation at cell i of member-major values.
std::pair<double, double> memberStatistics(const std::vector<float>& values, std::size_t members,
                                           std::size_t cells, std::size_t i) {
    double sum = 0.0;
    double squares = 0.0;
    for (std::size_t m = 0; m < members; ++m) {
        const double value = values[m * cells + i];
        sum += value;
        squares += value * value;
    }
    const double average = sum / static_cast<double>(members);
    return {average,
            std::sqrt(std::max(0.0, squares / static_cast<double>(members) - average * average))};
}

} // namespace

void inferAction(twins::sdk::ActionContext& context) {
    const InferInputs inputs = classifyInputs(context.inputs());
    const int passes = context.integer("mc_passes");
    const int threads = context.integer("threads");
    const auto seed = static_cast<std::uint64_t>(context.integer("seed"));
    const QString periodText = context.parameters().value(QStringLiteral("period")).toString();
    QDir run(context.outputDirectory());
    const std::string runId = run.cdUp() ? run.dirName().toStdString() : std::string();
    try {
        FireEnsemble ensemble(inputs.models, passes, threads, seed);
        const std::vector<FireNetConfig>& configs = ensemble.configs();
        const FireNetConfig& first = ensemble.first();
        const DriverCube cube(inputs.cube, first.drivers, false);
        ensemble.checkGrid(cube);

        // The first model's training domain against what it is asked here: the grid (padded
        // as the network sees it) and the scenario (a projection is flagged, not refused).
        const std::size_t firstMultiple = std::size_t(1) << first.depth;
        const std::string scenario = cube.attribute("wildfire_scenario");
        twins::sdk::recordTrainingDomain(
            context, QString::fromStdString(first.directory),
            QJsonObject{
                {"rows", static_cast<int>(paddedTo(cube.rows(), firstMultiple))},
                {"columns", static_cast<int>(paddedTo(cube.columns(), firstMultiple))},
                {"scenario", QString::fromStdString(scenario.empty() ? "historical" : scenario)}});

        const int lead = first.leadSteps;
        const auto [periodFirst, periodLast] = periodDays(periodText);
        const PredictedSteps predictedSteps =
            stepsPredictingIn(cube, lead, periodFirst, periodLast);
        const std::vector<std::size_t>& driverSteps = predictedSteps.driverSteps;
        const std::vector<double>& targetDays = predictedSteps.targetDays;
        if (driverSteps.empty()) {
            throw SdkError(source, QStringLiteral("parameter 'period' is %1: no step of %2 "
                                                  "(%3 to %4, lead %5 steps) predicts inside it")
                                       .arg(periodText, QString::fromStdString(inputs.cube))
                                       .arg(cube.years().front())
                                       .arg(cube.years().back())
                                       .arg(lead));
        }

        const std::size_t members = ensemble.members();
        const bool withArea = ensemble.hasRegressionHead();
        context.log(withArea
                        ? QStringLiteral("expected burned area from the models' regression head")
                        : QStringLiteral("no expected burned area: a model has no regression head "
                                         "(trained before it or with regression_weight 0); "
                                         "validate and project derive one from the probability"));
        context.log(QStringLiteral("%1 member(s): %2 model(s) x %3; %4 steps of %5 (scenario "
                                   "%6) predicting %7")
                        .arg(members)
                        .arg(configs.size())
                        .arg(passes > 0
                                 ? QStringLiteral("%1 Monte Carlo dropout passes").arg(passes)
                                 : QStringLiteral("1 deterministic pass"))
                        .arg(driverSteps.size())
                        .arg(QString::fromStdString(inputs.cube))
                        .arg(scenario.empty() ? QStringLiteral("not recorded")
                                              : QString::fromStdString(scenario))
                        .arg(periodText));

        const QString outputPath =
            QDir(context.outputDirectory()).filePath(QStringLiteral("burned_probability.nc"));
        ProbabilityFile file(
            outputPath.toStdString(), targetDays, cube.latitudes(), cube.longitudes(),
            {{"wildfire_cube", inputs.cube},
             {"wildfire_scenario", scenario},
             {"wildfire_lead_steps", std::to_string(lead)},
             {"wildfire_models", std::to_string(configs.size())},
             {"wildfire_mc_passes", std::to_string(passes)},
             {"wildfire_members", std::to_string(members)},
             {"wildfire_period", periodText.toStdString()},
             {"wildfire_expected_area", withArea ? "regression head" : "none"},
             {"wildfire_train_years", first.trainFirstYear == 0
                                          ? std::string()
                                          : std::to_string(first.trainFirstYear) + " " +
                                                std::to_string(first.trainLastYear)},
             {"wildfire_validation_years", first.trainFirstYear == 0
                                               ? std::string()
                                               : std::to_string(first.trainLastYear + 1) + " " +
                                                     std::to_string(first.validationLastYear)}},
            runId, withArea);

        const std::size_t cells = cube.rows() * cube.columns();
        const float missing = std::numeric_limits<float>::quiet_NaN();
        std::vector<float> mean(cells);
        std::vector<float> spread(cells);
        std::vector<float> area(withArea ? cells : 0);
        std::vector<float> areaSpread(withArea ? cells : 0);
        double areaSum = 0.0;
        EnsembleStep predicted;
        std::size_t maskedCellSteps = 0;
        double spreadSum = 0.0;
        std::size_t spreadCount = 0;
        double seconds = 0.0;
        double fastest = std::numeric_limits<double>::infinity();
        twins::insitu::Publisher publisher(context);
        for (std::size_t s = 0; s < driverSteps.size(); ++s) {
            context.throwIfCancelled();
            const double stepSeconds = ensemble.predict(cube, driverSteps[s], predicted);
            seconds += stepSeconds;
            fastest = std::min(fastest, stepSeconds);
            for (std::size_t i = 0; i < cells; ++i) {
                if (predicted.masked[i] != 0 || !(cube.landFraction()[i] >= 0.5)) {
                    mean[i] = missing;
                    spread[i] = missing;
                    if (withArea) {
                        area[i] = missing;
                        areaSpread[i] = missing;
                    }
                    maskedCellSteps += predicted.masked[i];
                    continue;
                }
                const auto [average, deviation] =
                    memberStatistics(predicted.members, members, cells, i);
                mean[i] = static_cast<float>(average);
                spread[i] = static_cast<float>(deviation);
                spreadSum += spread[i];
                ++spreadCount;
                if (withArea) {
                    const auto [ha, haSpread] =
                        memberStatistics(predicted.areaMembers, members, cells, i);
                    area[i] = static_cast<float>(ha);
                    areaSpread[i] = static_cast<float>(haSpread);
                    areaSum += ha;
                }
            }
            file.writeStep(s, mean, spread);
            if (withArea) {
                file.writeArea(s, area, areaSpread);
            }
            if (publisher.due(std::int64_t(s), std::int64_t(driverSteps.size()))) {
                publisher.publish(probabilitySnapshot(std::int64_t(s), targetDays[s],
                                                      cube.latitudes(), cube.longitudes(), mean,
                                                      spread));
            }
            context.reportProgress(
                static_cast<double>(s + 1) / driverSteps.size(),
                QStringLiteral("step %1 of %2").arg(s + 1).arg(driverSteps.size()));
        }
        file.commit();
        const double meanSpread = spreadCount > 0 ? spreadSum / spreadCount : 0.0;
        context.reportMetric(0, QStringLiteral("members"), static_cast<double>(members));
        context.reportMetric(0, QStringLiteral("steps"), static_cast<double>(driverSteps.size()));
        context.reportMetric(0, QStringLiteral("masked_cell_steps"),
                             static_cast<double>(maskedCellSteps));
        context.reportMetric(0, QStringLiteral("mean_spread"), meanSpread);
        if (withArea && spreadCount > 0) {
            // Per land cell and step, ha: comparable with the cube's mean fcci_ba on land.
            context.reportMetric(0, QStringLiteral("mean_expected_burned_area"),
                                 areaSum / static_cast<double>(spreadCount));
        }
        context.reportMetric(0, QStringLiteral("seconds_per_step"),
                             seconds / static_cast<double>(driverSteps.size()));
        // The fastest step is the closest to the code's own speed on a shared machine (the
        // inference bench compares it with python3-torch's).
        context.reportMetric(0, QStringLiteral("fastest_seconds_per_step"), fastest);
        context.log(QStringLiteral("wrote %1: %2 steps, mean spread %3, %4 land cell-steps masked "
                                   "(a driver had no value), %5 s of network per step")
                        .arg(outputPath)
                        .arg(driverSteps.size())
                        .arg(meanSpread, 0, 'g', 3)
                        .arg(maskedCellSteps)
                        .arg(seconds / static_cast<double>(driverSteps.size()), 0, 'f', 3));
    } catch (const SdkError&) {
        throw;
    } catch (const std::exception& error) {
        throw SdkError(source, QString::fromStdString(error.what()));
    }
}

} // namespace wildfire
