// train: UNet++ on a generate run's cube -> outputs/fire_net.pt (the best model on the
// validation years), fire_net.json (architecture, lead, the standardisation statistics of the
// training years), history.csv and model.json (twinbench-model/1).
#include "FireSamples.h"
#include "FireTrainer.h"
#include "WildfireTwin.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/ModelCard.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <exception>

namespace wildfire {

namespace {

using twins::sdk::SdkError;
const QString source = QStringLiteral("wildfire train");

int integer(const twins::sdk::ActionContext& context, const char* key) {
    return context.parameters().value(QLatin1String(key)).toInt();
}

double number(const twins::sdk::ActionContext& context, const char* key) {
    return context.parameters().value(QLatin1String(key)).toDouble();
}

QString cubeInput(const twins::sdk::ActionContext& context) {
    const QStringList inputs = context.inputs();
    if (inputs.size() != 1) {
        throw SdkError(source, QStringLiteral("needs exactly one input (a generate run, its id or "
                                              "its cube.nc), got %1")
                                   .arg(inputs.size()));
    }
    QString path = inputs.first();
    if (QFileInfo(path).isDir()) {
        path = QDir(path).filePath(QStringLiteral("cube.nc"));
    }
    if (!QFileInfo::exists(path)) {
        throw SdkError(source, QStringLiteral("input %1 does not exist (expected the cube.nc of "
                                              "a wildfire generate run)")
                                   .arg(path));
    }
    return path;
}

QJsonValue finite(double value) {
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue();
}

} // namespace

void trainAction(twins::sdk::ActionContext& context) {
    QElapsedTimer started;
    started.start();
    const QString cube = cubeInput(context);
    const int lead = integer(context, "lead");
    const int trainFirst = integer(context, "train_first_year");
    const int trainLast = integer(context, "train_last_year");
    const int validationLast = integer(context, "validation_last_year");
    if (trainFirst > trainLast || validationLast <= trainLast) {
        throw SdkError(source, QStringLiteral("years: training %1..%2 and validation up to %3; "
                                              "expected train_first_year <= train_last_year < "
                                              "validation_last_year")
                                   .arg(trainFirst)
                                   .arg(trainLast)
                                   .arg(validationLast));
    }
    FireTrainSettings settings;
    settings.depth = integer(context, "depth");
    settings.baseFilters = integer(context, "base_filters");
    settings.dropout = number(context, "dropout");
    settings.epochs = integer(context, "epochs");
    settings.batchSize = integer(context, "batch_size");
    settings.learningRate = number(context, "learning_rate");
    settings.regressionWeight = number(context, "regression_weight");
    settings.seed = static_cast<std::uint64_t>(integer(context, "seed"));
    settings.threads = integer(context, "threads");
    settings.timeBudgetSeconds = 60.0 * number(context, "time_budget_minutes");

    const QDir outputs(context.outputDirectory());
    const QString weights = outputs.filePath(QStringLiteral("fire_net.pt"));
    try {
        context.log(QStringLiteral("reading %1 (lead %2 steps, standardised on %3-%4)")
                        .arg(cube)
                        .arg(lead)
                        .arg(trainFirst)
                        .arg(trainLast));
        const FireSamples samples = loadFireSamples(cube.toStdString(), lead, trainFirst, trainLast,
                                                    std::size_t(1) << settings.depth);
        settings.trainSamples = samples.samplesOfYears(trainFirst, trainLast);
        std::string scenario = "historical";
        for (const auto& attribute :
             twins::data::Dataset::open(cube.toStdString())->root().attributes) {
            if (attribute.name == "wildfire_scenario" && attribute.isText) {
                scenario = attribute.text;
            }
        }
        settings.validationSamples = samples.samplesOfYears(trainLast + 1, validationLast);
        context.log(QStringLiteral("%1 training and %2 validation steps of %3 x %4 (padded)")
                        .arg(settings.trainSamples.size())
                        .arg(settings.validationSamples.size())
                        .arg(samples.rows)
                        .arg(samples.columns));
        FireTrainCallbacks callbacks;
        callbacks.throwIfCancelled = [&] { context.throwIfCancelled(); };
        callbacks.progress = [&](double fraction, const std::string& text) {
            context.reportProgress(fraction, QString::fromStdString(text));
        };
        callbacks.metric = [&](std::int64_t x, const std::string& name, double value) {
            context.reportMetric(x, QString::fromStdString(name), value);
        };
        // The budget is the job's: reading the cube (~15 s at 1 degree) counts too.
        if (settings.timeBudgetSeconds > 0.0) {
            settings.timeBudgetSeconds =
                std::max(1.0, settings.timeBudgetSeconds - 1e-3 * double(started.elapsed()));
        }
        const FireTrainOutcome outcome =
            trainFireNet(samples, settings, weights.toStdString(), callbacks);

        twins::sdk::CsvWriter history(
            {"epoch", "loss", "val_bce", "loss_regression", "val_mse_log_ba"});
        const auto at = [](const std::vector<double>& values, std::size_t e) {
            return e < values.size() ? values[e] : std::nan("");
        };
        for (std::size_t e = 0; e < outcome.epochLosses.size(); ++e) {
            history.add(e + 1)
                .add(outcome.epochLosses[e])
                .add(outcome.epochValidationBce[e])
                .add(at(outcome.epochRegressionLosses, e))
                .add(at(outcome.epochValidationMseLog, e));
            history.endRow();
        }
        history.writeTo(outputs.filePath(QStringLiteral("history.csv")).toStdString());

        QJsonArray names;
        QJsonArray means;
        QJsonArray stds;
        for (std::size_t v = 0; v < FireSamples::driverNames().size(); ++v) {
            names.append(QString::fromStdString(FireSamples::driverNames()[v]));
            means.append(samples.means[v]);
            stds.append(samples.stds[v]);
        }
        twins::sdk::writeJsonFile(
            outputs.filePath(QStringLiteral("fire_net.json")),
            QJsonObject{{"architecture", "UNet++"},
                        {"depth", settings.depth},
                        {"base_filters", settings.baseFilters},
                        {"dropout", settings.dropout},
                        {"grid", QJsonArray{static_cast<int>(samples.height),
                                            static_cast<int>(samples.width)}},
                        {"train_years", QJsonArray{trainFirst, trainLast}},
                        {"validation_years", QJsonArray{trainLast + 1, validationLast}},
                        {"lead_steps", lead},
                        {"drivers", names},
                        {"means", means},
                        {"stds", stds},
                        {"positive_weight", outcome.positiveWeight},
                        {"regression_head", outcome.regressionHead},
                        {"regression_weight", settings.regressionWeight},
                        {"log_area_scale", outcome.logAreaScale},
                        {"train_mean_log_area", outcome.trainMeanLogArea}});

        context.reportMetric(0, QStringLiteral("val_roc_auc"), outcome.validation.rocAuc);
        twins::sdk::ModelCard card;
        card.weights = QStringList{QStringLiteral("fire_net.pt"), QStringLiteral("fire_net.json")};
        card.metrics =
            QJsonObject{{"val_bce", finite(outcome.validation.bce)},
                        {"val_roc_auc", finite(outcome.validation.rocAuc)},
                        {"val_burned_share", finite(outcome.validation.positiveShare)},
                        {"val_mse_log_ba", finite(outcome.validation.mseLogArea)},
                        {"val_mse_log_ba_of_mean", finite(outcome.validation.mseLogAreaOfMean)}};
        if (outcome.regressionHead) {
            context.reportMetric(0, QStringLiteral("val_mse_log_ba_of_mean"),
                                 outcome.validation.mseLogAreaOfMean);
        }
        // Part 2's own acceptance (ROC AUC >= 0.85 on the test years) is judged by validate;
        // until then a model counts as validated when it ranks burned cells well on the
        // validation years.
        card.validated =
            std::isfinite(outcome.validation.rocAuc) && outcome.validation.rocAuc >= 0.85;
        card.description =
            QStringLiteral("UNet++ depth %1, %2 base filters, burned%4 at +%3 steps")
                .arg(settings.depth)
                .arg(settings.baseFilters)
                .arg(lead)
                .arg(outcome.regressionHead ? QStringLiteral(" and log burned area") : QString());
        card.trainingData =
            QJsonObject{{"train_years", QJsonArray{trainFirst, trainLast}},
                        {"validation_years", QJsonArray{trainLast + 1, validationLast}}};
        // What infer checks its requests against (twinbench/sdk/TrainingDomain.h): the padded
        // grid and the climate scenario the cube was generated for.
        card.trainingDomain = QJsonObject{{"rows", static_cast<int>(samples.rows)},
                                          {"columns", static_cast<int>(samples.columns)},
                                          {"scenario", QString::fromStdString(scenario)}};
        card.wallSeconds = outcome.wallSeconds;
        card.cpuSeconds = outcome.cpuSeconds;
        card.threads = outcome.threads;
        card.steps = static_cast<qint64>(outcome.steps);
        twins::sdk::writeModelCard(context.outputDirectory(), card, context.inputs());
        context.log(QStringLiteral("validation %1-%2: BCE %3, ROC AUC %4 (burned share %5)")
                        .arg(trainLast + 1)
                        .arg(validationLast)
                        .arg(outcome.validation.bce)
                        .arg(outcome.validation.rocAuc)
                        .arg(outcome.validation.positiveShare));
        if (outcome.regressionHead) {
            context.log(QStringLiteral("regression head: MSE of log1p(burned ha) %1 on the "
                                       "validation years, %2 for the training years' mean")
                            .arg(outcome.validation.mseLogArea)
                            .arg(outcome.validation.mseLogAreaOfMean));
        }
    } catch (const SdkError&) {
        throw;
    } catch (const std::exception& error) {
        throw SdkError(source, QString::fromStdString(error.what()));
    }
}

} // namespace wildfire
