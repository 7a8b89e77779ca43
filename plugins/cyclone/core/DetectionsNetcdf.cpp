#include "DetectionsNetcdf.h"

#include "twinbench/data/NetcdfWriter.h"

namespace cyclone {

// detections.nc: a CF discrete-sampling-geometry "point" collection (CF 1.10 chapter 9).
void writeDetectionsNetcdf(const std::string& path, const std::vector<Detection>& detections,
                           const DetectionsFileInfo& info) {
    const CfCalendar calendar = info.calendar;
    using twins::data::NetcdfWriter;
    NetcdfWriter writer(path);
    writer.setConventions();
    writer.setGlobalTextAttribute("featureType", "point");
    writer.setGlobalTextAttribute("title", info.title);
    writer.setGlobalTextAttribute("source_file", info.source);
    writer.setProvenance(info.runId);
    writer.addHistory(info.history);
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
        {"confidence", "1", info.confidenceMeaning.c_str(), ""},
        {"wind", "m s-1", "largest gust within 250 km / 1.3", "wind_speed"},
        {"msl", "Pa", "central mean sea level pressure", "air_pressure_at_mean_sea_level"},
        {"vo_850", "s-1", "largest 850 hPa relative vorticity within 150 km",
         "atmosphere_relative_vorticity"},
        {"warm_core", "K", "upper-level temperature excess of the core over 400-800 km", ""},
        {"spread", "km", "1-sigma radial spread of the ensemble members' positions", ""},
        {"spread_north", "km", "1-sigma north-south spread of the members' positions", ""},
        {"spread_east", "km", "1-sigma east-west spread of the members' positions", ""},
        {"members", "1", "ensemble members that agree on the centre", ""},
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
        put("spread", [](const Detection& d) { return d.spreadKm(); });
        put("spread_north", [](const Detection& d) { return d.spreadNorthKm; });
        put("spread_east", [](const Detection& d) { return d.spreadEastKm; });
        put("members", [](const Detection& d) { return static_cast<double>(d.members); });
    }
    writer.commit();
}

} // namespace cyclone
