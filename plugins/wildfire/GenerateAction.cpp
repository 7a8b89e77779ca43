// generate: parameters -> CubeSettings -> cube.nc (or cube.zarr) + statistics.csv, progress per
// step, the burned area and the statistics check as metrics.
#include "CubeGenerator.h"
#include "WildfireTwin.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>

#include <exception>

namespace wildfire {

namespace {

QString parameterText(const twins::sdk::ActionContext& context, const char* key) {
    return context.parameters().value(QLatin1String(key)).toString();
}

double parameterNumber(const twins::sdk::ActionContext& context, const char* key) {
    return context.parameters().value(QLatin1String(key)).toDouble();
}

CubeSettings settingsOf(const twins::sdk::ActionContext& context) {
    CubeSettings settings;
    settings.firstYear = static_cast<int>(parameterNumber(context, "first_year"));
    settings.lastYear = static_cast<int>(parameterNumber(context, "last_year"));
    settings.resolution = parameterNumber(context, "resolution");
    settings.boxText = parameterText(context, "bbox").toStdString();
    settings.box = parseBoundingBox(settings.boxText);
    settings.seed = static_cast<std::uint64_t>(parameterNumber(context, "seed"));
    settings.scenario = makeScenario(parameterText(context, "scenario").toStdString(),
                                     parameterNumber(context, "warming"),
                                     parameterNumber(context, "precipitation_scale"));
    settings.format = parameterText(context, "format") == QLatin1String("zarr")
                          ? CubeFormat::Zarr
                          : CubeFormat::Netcdf;
    return settings;
}

} // namespace

void generateAction(twins::sdk::ActionContext& context) {
    const QDir outputs(context.outputDirectory());
    QDir run(context.outputDirectory());
    const std::string runId = run.cdUp() ? run.dirName().toStdString() : std::string();
    try {
        const CubeSettings settings = settingsOf(context);
        const QString cubeName = settings.format == CubeFormat::Zarr ? QStringLiteral("cube.zarr")
                                                                     : QStringLiteral("cube.nc");
        context.log(QStringLiteral("generating %1-%2 at %3 deg over %4, seed %5, scenario %6 "
                                   "(warming %7 K, precipitation x%8)")
                        .arg(settings.firstYear)
                        .arg(settings.lastYear)
                        .arg(settings.resolution)
                        .arg(parameterText(context, "bbox"))
                        .arg(settings.seed)
                        .arg(QString::fromStdString(settings.scenario.name))
                        .arg(settings.scenario.warmingK)
                        .arg(settings.scenario.precipitationScale));
        const CubeSummary summary = generateCube(
            settings, outputs.filePath(cubeName).toStdString(),
            outputs.filePath(QStringLiteral("statistics.csv")).toStdString(), runId,
            [&](std::size_t step, std::size_t steps) {
                context.throwIfCancelled();
                context.reportProgress(static_cast<double>(step) / steps,
                                       QStringLiteral("step %1 of %2").arg(step).arg(steps));
            });
        context.reportMetric(0, QStringLiteral("land_cells"),
                             static_cast<double>(summary.landCells));
        context.reportMetric(0, QStringLiteral("burned_ha_per_year"), summary.burnedHaPerYear);
        context.reportMetric(0, QStringLiteral("expected_burned_ha_per_year"),
                             summary.expectedBurnedHaPerYear);
        context.reportMetric(0, QStringLiteral("seconds_per_step"), summary.secondsPerStep);
        int misses = 0;
        for (const CubeStatistics::Row& row : summary.statistics) {
            misses += (row.meanWithin ? 0 : 1) + (row.stdWithin ? 0 : 1);
            context.log(
                QStringLiteral("%1: mean %2 (published %3), std %4 (published %5)%6")
                    .arg(QString::fromStdString(row.name))
                    .arg(row.mean, 0, 'g', 5)
                    .arg(row.publishedMean, 0, 'g', 5)
                    .arg(row.std, 0, 'g', 5)
                    .arg(row.publishedStd, 0, 'g', 5)
                    .arg(row.meanWithin && row.stdWithin ? QString() : QStringLiteral(" OUTSIDE")));
        }
        context.reportMetric(0, QStringLiteral("statistics_misses"), misses);
        context.log(QStringLiteral("wrote %1 (%2 steps of %3 x %4, %5 land cells), %6 s per step")
                        .arg(outputs.filePath(cubeName))
                        .arg(summary.steps)
                        .arg(summary.rows)
                        .arg(summary.columns)
                        .arg(summary.landCells)
                        .arg(summary.secondsPerStep, 0, 'f', 3));
    } catch (const twins::sdk::SdkError&) {
        throw; // cancellation and the SDK's own errors pass as they are
    } catch (const std::exception& error) {
        throw twins::sdk::SdkError(QStringLiteral("wildfire generate"),
                                   QString::fromStdString(error.what()));
    }
}

} // namespace wildfire
