// detect: the physical baseline detector over every step of a drivers file.
#include "ActionSupport.h"
#include "BaselineDetector.h"
#include "CycloneTwin.h"
#include "DriverFile.h"
#include "twinbench/data/NetcdfWriter.h"

namespace cyclone {

namespace {

// detections.nc: a CF discrete-sampling-geometry "point" collection (CF 1.10 chapter 9).
void writeDetectionsNetcdf(const std::string& path, const std::vector<Detection>& detections,
                           CfCalendar calendar, const std::string& source,
                           const std::string& runId) {
    using twins::data::NetcdfWriter;
    NetcdfWriter writer(path);
    writer.setConventions();
    writer.setGlobalTextAttribute("featureType", "point");
    writer.setGlobalTextAttribute("title", "Tropical-cyclone centres (physical baseline detector)");
    writer.setGlobalTextAttribute("source_file", source);
    writer.setProvenance(runId);
    writer.addHistory("twinbench cyclone detect");
    // A zero length would make the dimension unlimited; one record-less dimension is fine too.
    writer.addDimension("obs", detections.size());
    const int referenceYear = detections.empty() ? 1970 : detections.front().time.year;
    struct Column {
        const char* name;
        const char* units;
        const char* longName;
        const char* standardName;
    };
    const Column columns[] = {
        {"time", nullptr, "time", "time"},
        {"lat", "degrees_north", "latitude of the centre", "latitude"},
        {"lon", "degrees_east", "longitude of the centre", "longitude"},
        {"confidence", "1", "1 - exp(-pressure depth / 8 hPa)", ""},
        {"wind", "m s-1", "largest gust within 250 km / 1.3", "wind_speed"},
        {"msl", "Pa", "central mean sea level pressure", "air_pressure_at_mean_sea_level"},
        {"vo_850", "s-1", "largest 850 hPa relative vorticity within 150 km",
         "atmosphere_relative_vorticity"},
        {"warm_core", "K", "upper-level temperature excess of the core over 400-800 km", ""},
    };
    for (const Column& column : columns) {
        writer.addVariable(column.name, NetcdfWriter::Type::Double, {"obs"});
        writer.setTextAttribute(column.name, "long_name", column.longName);
        if (*column.standardName) {
            writer.setTextAttribute(column.name, "standard_name", column.standardName);
        }
        if (column.units) {
            writer.setTextAttribute(column.name, "units", column.units);
        } else {
            writer.setTextAttribute(column.name, "units",
                                    "hours since " + std::to_string(referenceYear) +
                                        "-01-01 00:00:00");
            writer.setTextAttribute(column.name, "calendar", twins::data::cfCalendarName(calendar));
        }
        if (std::string(column.name) != "time" && std::string(column.name) != "lat" &&
            std::string(column.name) != "lon") {
            writer.setTextAttribute(column.name, "coordinates", "time lat lon");
        }
    }
    if (!detections.empty()) {
        const std::size_t n = detections.size();
        std::vector<double> values(n);
        auto put = [&](const char* name, auto value) {
            for (std::size_t i = 0; i < n; ++i) {
                values[i] = value(detections[i]);
            }
            writer.write(name, {0}, {n}, values.data());
        };
        put("time", [&](const Detection& d) {
            return hoursSinceYearStart(calendar, referenceYear, d.time);
        });
        put("lat", [](const Detection& d) { return d.latitude; });
        put("lon", [](const Detection& d) { return d.longitude; });
        put("confidence", [](const Detection& d) { return d.confidence; });
        put("wind", [](const Detection& d) { return d.windMs; });
        put("msl", [](const Detection& d) { return d.pressurePa; });
        put("vo_850", [](const Detection& d) { return d.vorticity; });
        put("warm_core", [](const Detection& d) { return d.warmCoreK; });
    }
    writer.commit();
}

} // namespace

void detectAction(twins::sdk::ActionContext& context) {
    const std::string input = singleInput(
        context, QStringLiteral("detect"), QStringLiteral("drivers.nc"),
        QStringLiteral("drivers.nc of a generate run, or an ERA5/CMIP6 NetCDF with msl, vo_850 "
                       "and t_300 or t_500"));
    DetectorSettings settings;
    settings.minVorticity = numberParameter(context, "min_vorticity");
    settings.minWarmCoreK = numberParameter(context, "min_warm_core");
    settings.minDepthHpa = numberParameter(context, "min_pressure_depth");
    settings.searchRadiusKm = numberParameter(context, "search_radius");

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
                          file.calendar(), input, runId(context));
    context.log(
        QStringLiteral("%1 detections in %2 steps").arg(detections.size()).arg(file.steps()));
}

} // namespace cyclone
