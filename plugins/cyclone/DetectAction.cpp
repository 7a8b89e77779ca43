// detect: the physical baseline detector over every step of a drivers file.
#include "ActionSupport.h"
#include "BaselineDetector.h"
#include "CycloneTwin.h"
#include "DetectionsNetcdf.h"
#include "DriverFile.h"

namespace cyclone {

void detectAction(twins::sdk::ActionContext& context) {
    const std::string input = singleInput(
        context, QStringLiteral("detect"), QStringLiteral("drivers.nc"),
        QStringLiteral("drivers.nc of a generate run, or an ERA5/CMIP6 NetCDF with msl, vo_850 "
                       "and t_300 or t_500"));
    DetectorSettings settings;
    settings.minVorticity = context.number("min_vorticity");
    settings.minWarmCoreK = context.number("min_warm_core");
    settings.minDepthHpa = context.number("min_pressure_depth");
    settings.searchRadiusKm = context.number("search_radius");

    const DriverFile file(input);
    context.log(QStringLiteral("physical baseline detector (msl minimum + vo_850 >= %1 s-1 + "
                               "warm core >= %2 K in %3 + depth >= %4 hPa) on %5 steps of %6")
                    .arg(settings.minVorticity)
                    .arg(settings.minWarmCoreK)
                    .arg(QString::fromStdString(file.temperatureVariable()))
                    .arg(settings.minDepthHpa)
                    .arg(file.steps())
                    .arg(QString::fromStdString(input)));
    std::vector<Detection> detections;
    for (std::size_t step = 0; step < file.steps(); ++step) {
        context.throwIfCancelled();
        const std::vector<Detection> found = detectCyclones(
            file.read(step), file.latitudes(), file.longitudes(), file.times()[step], settings);
        detections.insert(detections.end(), found.begin(), found.end());
        context.reportMetric(static_cast<qint64>(step), QStringLiteral("detections"),
                             static_cast<double>(found.size()));
        context.reportProgress(static_cast<double>(step + 1) / file.steps(),
                               QStringLiteral("step %1 of %2: %3 centres")
                                   .arg(step + 1)
                                   .arg(file.steps())
                                   .arg(found.size()));
    }
    writeDetectionsCsv(outputPath(context, QStringLiteral("detections.csv")), detections, false);
    writeDetectionsNetcdf(outputPath(context, QStringLiteral("detections.nc")), detections,
                          {file.calendar(), input, runId(context),
                           "Tropical-cyclone centres (physical baseline detector)",
                           "twinbench cyclone detect", "1 - exp(-pressure depth / 8 hPa)"});
    context.log(
        QStringLiteral("%1 detections in %2 steps").arg(detections.size()).arg(file.steps()));
}

} // namespace cyclone
