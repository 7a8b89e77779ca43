// infer: one or more trained UNet++ models (a deep ensemble) x Monte Carlo dropout passes over
// the steps of a cube whose targets fall in `period` -> outputs/burned_probability.nc: the
// members' mean burned probability and its spread, linked by ancillary_variables.
#include "DriverCube.h"
#include "EightDayAxis.h"
#include "FireNetConfig.h"
#include "FirePredictor.h"
#include "ProbabilityFile.h"
#include "WildfireError.h"
#include "WildfireTwin.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TrainingDomain.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

#include <chrono>
#include <cmath>
#include <limits>
#include <map>

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
        const QFileInfo info(input);
        const QDir directory(input);
        std::string cube;
        if (info.isDir() && isFireNetDirectory(input.toStdString())) {
            found.models.push_back(input.toStdString());
            continue;
        }
        if (info.isDir() && directory.exists(QStringLiteral("cube.nc"))) {
            cube = directory.filePath(QStringLiteral("cube.nc")).toStdString();
        } else if (info.isDir() && directory.exists(QStringLiteral("cube.zarr"))) {
            cube = directory.filePath(QStringLiteral("cube.zarr")).toStdString();
        } else if (info.exists() && (input.endsWith(QLatin1String(".nc")) ||
                                     input.endsWith(QLatin1String(".zarr")))) {
            cube = input.toStdString();
        } else {
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

// "2019-01-01/2021-12-31" -> first and last day, days since 2001-01-01 (the schema has checked
// the text is an ISO 8601 interval of dates or date-times).
std::pair<double, double> periodDays(const QString& text) {
    const auto day = [](const QString& part) {
        const QString date = part.left(10);
        return daysSince2001(date.mid(0, 4).toInt(), date.mid(5, 2).toInt(),
                             date.mid(8, 2).toInt());
    };
    const QStringList parts = text.split(QLatin1Char('/'));
    return {day(parts.value(0)), day(parts.value(1))};
}

std::size_t paddedTo(std::size_t size, std::size_t multiple) {
    return (size + multiple - 1) / multiple * multiple;
}

QString shape(std::size_t rows, std::size_t columns) {
    return QStringLiteral("%1 x %2 (latitude x longitude)").arg(rows).arg(columns);
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
        std::vector<FireNetConfig> configs;
        for (const std::string& model : inputs.models) {
            configs.push_back(readFireNetConfig(model));
            const FireNetConfig& config = configs.back();
            if (config.drivers != configs.front().drivers ||
                config.leadSteps != configs.front().leadSteps) {
                throw SdkError(source, QStringLiteral("model %1 has other drivers or another lead "
                                                      "(%2 steps) than model %3 (%4 steps); an "
                                                      "ensemble predicts one thing")
                                           .arg(QString::fromStdString(model))
                                           .arg(config.leadSteps)
                                           .arg(QString::fromStdString(inputs.models.front()))
                                           .arg(configs.front().leadSteps));
            }
            if (passes > 0 && config.dropout <= 0.0) {
                throw SdkError(source, QStringLiteral("model %1 was trained without dropout, so "
                                                      "its Monte Carlo dropout passes would all "
                                                      "be equal; set mc_passes = 0 (one "
                                                      "deterministic pass per model) or train "
                                                      "with dropout > 0")
                                           .arg(QString::fromStdString(model)));
            }
        }
        const FireNetConfig& first = configs.front();
        const DriverCube cube(inputs.cube, first.drivers, false);
        for (const FireNetConfig& config : configs) {
            if (config.gridRows != 0 &&
                (config.gridRows != cube.rows() || config.gridColumns != cube.columns())) {
                throw SdkError(source, QStringLiteral("model %1 was trained on a grid of %2; the "
                                                      "cube %3 is %4. Generate the cube on the "
                                                      "model's grid (resolution and bbox)")
                                           .arg(QString::fromStdString(config.directory),
                                                shape(config.gridRows, config.gridColumns),
                                                QString::fromStdString(inputs.cube),
                                                shape(cube.rows(), cube.columns())));
            }
        }

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

        // Target steps: the step `lead` after each driver step, on SeasFire's axis (it may
        // lie beyond the cube's last step), kept when it starts inside the period.
        const int lead = first.leadSteps;
        const EightDayAxis axis(cube.years().front(),
                                cube.years().back() + lead / EightDayAxis::stepsPerYear + 1);
        std::map<double, std::size_t> axisIndex;
        for (std::size_t i = 0; i < axis.size(); ++i) {
            axisIndex[axis.steps()[i].daysSinceEpoch] = i;
        }
        const auto [periodFirst, periodLast] = periodDays(periodText);
        std::vector<std::size_t> driverSteps;
        std::vector<double> targetDays;
        for (std::size_t k = 0; k < cube.steps(); ++k) {
            const auto found = axisIndex.find(cube.days()[k]);
            if (found == axisIndex.end()) {
                throw WildfireError(inputs.cube + ": step " + std::to_string(k) +
                                    " does not start on SeasFire's 8-day axis (every 8 days "
                                    "from 1 January)");
            }
            const double target = axis.steps()[found->second + lead].daysSinceEpoch;
            if (target >= periodFirst && target <= periodLast) {
                driverSteps.push_back(k);
                targetDays.push_back(target);
            }
        }
        if (driverSteps.empty()) {
            throw SdkError(source, QStringLiteral("parameter 'period' is %1: no step of %2 "
                                                  "(%3 to %4, lead %5 steps) predicts inside it")
                                       .arg(periodText, QString::fromStdString(inputs.cube))
                                       .arg(cube.years().front())
                                       .arg(cube.years().back())
                                       .arg(lead));
        }

        std::vector<FirePredictor> predictors;
        predictors.reserve(configs.size());
        for (std::size_t m = 0; m < configs.size(); ++m) {
            predictors.emplace_back(configs[m], threads, seed + m);
        }
        const std::size_t members = configs.size() * static_cast<std::size_t>(std::max(1, passes));
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
             {"wildfire_train_years", first.trainFirstYear == 0
                                          ? std::string()
                                          : std::to_string(first.trainFirstYear) + " " +
                                                std::to_string(first.trainLastYear)},
             {"wildfire_validation_years", first.trainFirstYear == 0
                                               ? std::string()
                                               : std::to_string(first.trainLastYear + 1) + " " +
                                                     std::to_string(first.validationLastYear)}},
            runId);

        const std::size_t cells = cube.rows() * cube.columns();
        const float missing = std::numeric_limits<float>::quiet_NaN();
        std::vector<float> mean(cells);
        std::vector<float> spread(cells);
        std::vector<double> sum(cells);
        std::vector<double> squares(cells);
        std::vector<unsigned char> masked;
        std::vector<unsigned char> anyMasked(cells);
        std::vector<float> drivers;
        std::size_t maskedCellSteps = 0;
        double spreadSum = 0.0;
        std::size_t spreadCount = 0;
        double seconds = 0.0;
        for (std::size_t s = 0; s < driverSteps.size(); ++s) {
            context.throwIfCancelled();
            std::fill(sum.begin(), sum.end(), 0.0);
            std::fill(squares.begin(), squares.end(), 0.0);
            std::fill(anyMasked.begin(), anyMasked.end(), 0);
            for (std::size_t m = 0; m < configs.size(); ++m) {
                const std::size_t multiple = std::size_t(1) << configs[m].depth;
                const std::size_t rows = paddedTo(cube.rows(), multiple);
                const std::size_t columns = paddedTo(cube.columns(), multiple);
                drivers.resize(configs[m].drivers.size() * rows * columns);
                cube.readStandardised(driverSteps[s], configs[m].means, configs[m].stds, rows,
                                      columns, drivers.data(), masked);
                for (std::size_t i = 0; i < cells; ++i) {
                    anyMasked[i] |= masked[i];
                }
                const auto started = std::chrono::steady_clock::now();
                const std::vector<float> p =
                    predictors[m].predict(drivers.data(), rows, columns, passes);
                seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                               .count();
                const std::size_t plane = rows * columns;
                for (std::size_t pass = 0; pass * plane < p.size(); ++pass) {
                    for (std::size_t r = 0; r < cube.rows(); ++r) {
                        for (std::size_t c = 0; c < cube.columns(); ++c) {
                            const double value = p[pass * plane + r * columns + c];
                            sum[r * cube.columns() + c] += value;
                            squares[r * cube.columns() + c] += value * value;
                        }
                    }
                }
            }
            for (std::size_t i = 0; i < cells; ++i) {
                if (anyMasked[i] != 0 || !(cube.landFraction()[i] >= 0.5)) {
                    mean[i] = missing;
                    spread[i] = missing;
                    maskedCellSteps += anyMasked[i];
                    continue;
                }
                const double average = sum[i] / static_cast<double>(members);
                const double variance =
                    std::max(0.0, squares[i] / static_cast<double>(members) - average * average);
                mean[i] = static_cast<float>(average);
                spread[i] = static_cast<float>(std::sqrt(variance));
                spreadSum += spread[i];
                ++spreadCount;
            }
            file.writeStep(s, mean, spread);
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
        context.reportMetric(0, QStringLiteral("seconds_per_step"),
                             seconds / static_cast<double>(driverSteps.size()));
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
