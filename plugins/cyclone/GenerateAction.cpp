// generate: parameters -> ScenarioSettings -> drivers.nc + truth_tracks.csv, progress per step.
#include "ActionSupport.h"
#include "CycloneTwin.h"
#include "DriversSnapshot.h"
#include "ScenarioGenerator.h"
#include "twinbench/insitu/Publisher.h"

namespace cyclone {

void generateAction(twins::sdk::ActionContext& context) {
    ScenarioSettings settings;
    settings.period = context.parameters().value(QStringLiteral("period")).toString().toStdString();
    settings.calendar = calendarParameter(context);
    settings.resolution = context.number("resolution");
    settings.seed = static_cast<std::uint64_t>(context.integer("seed"));
    settings.warming = context.number("warming");
    settings.genesisRateScale = context.number("genesis_rate_scale");
    settings.intensityScale = context.number("intensity_scale");
    settings.harder =
        context.parameters().value(QStringLiteral("world")).toString() == QLatin1String("harder");

    const std::string drivers = outputPath(context, QStringLiteral("drivers.nc"));
    const std::string truth = outputPath(context, QStringLiteral("truth_tracks.csv"));
    context.log(QStringLiteral("generating %1 (%2 calendar) at %3 deg, seed %4, warming %5 K, "
                               "genesis x%6, intensity x%7, world %8")
                    .arg(QString::fromStdString(settings.period),
                         context.parameters().value(QStringLiteral("calendar")).toString())
                    .arg(settings.resolution)
                    .arg(settings.seed)
                    .arg(settings.warming)
                    .arg(settings.genesisRateScale)
                    .arg(settings.intensityScale)
                    .arg(context.parameters().value(QStringLiteral("world")).toString()));
    twins::insitu::Publisher publisher(context);
    const ScenarioSummary summary = generateScenario(
        settings, drivers, truth, runId(context),
        [&](std::size_t step, std::size_t steps) {
            context.throwIfCancelled();
            context.reportProgress(static_cast<double>(step) / steps,
                                   QStringLiteral("wrote step %1 of %2").arg(step).arg(steps));
        },
        [&](const GeneratedStep& generated) {
            if (publisher.due(static_cast<std::int64_t>(generated.step),
                              static_cast<std::int64_t>(generated.axis.times.size()))) {
                publisher.publish(driversSnapshot(generated));
            }
        });
    context.reportMetric(0, QStringLiteral("storms"), summary.storms);
    context.reportMetric(0, QStringLiteral("track_points"),
                         static_cast<double>(summary.trackPoints));
    if (summary.trackPoints > 0) {
        context.reportMetric(0, QStringLiteral("max_wind_ms"), summary.maximumWindMs);
        context.reportMetric(0, QStringLiteral("min_pressure_hpa"),
                             summary.minimumPressurePa / 100.0);
    }
    if (settings.harder) {
        context.reportMetric(0, QStringLiteral("tropical_cyclones"), summary.cyclones);
        context.reportMetric(0, QStringLiteral("bait_systems"), summary.bait);
    }
    context.reportMetric(0, QStringLiteral("seconds_per_step"), summary.secondsPerStep);
    context.log(QStringLiteral("wrote %1 (%2 steps of %3 x %4) and %5 (%6 storms, %7 points); "
                               "%8 s per step")
                    .arg(QString::fromStdString(drivers))
                    .arg(summary.steps)
                    .arg(summary.rows)
                    .arg(summary.columns)
                    .arg(QString::fromStdString(truth))
                    .arg(summary.storms)
                    .arg(summary.trackPoints)
                    .arg(summary.secondsPerStep, 0, 'f', 3));
}

} // namespace cyclone
