#include "BestTrack.h"

#include "CycloneError.h"
#include "Geodesy.h"
#include "twinbench/sdk/Csv.h"

#include <algorithm>
#include <cmath>

namespace cyclone {

void writeBestTrackCsv(const std::string& path, const std::vector<BestTrackPoint>& points) {
    const bool withKinds =
        std::any_of(points.begin(), points.end(),
                    [](const BestTrackPoint& point) { return !point.kind.empty(); });
    std::vector<std::string> header{"SID",        "SEASON",     "NUMBER",   "BASIN",
                                    "SUBBASIN",   "NAME",       "ISO_TIME", "NATURE",
                                    "LAT",        "LON",        "WMO_WIND", "WMO_PRES",
                                    "WMO_AGENCY", "TRACK_TYPE", "USA_RMW",  "TB_HOLLAND_B"};
    // IBTrACS's second line: each column's units.
    std::vector<std::string> units{
        "",    "Year", "", "", "",      "", "", "", "degrees_north", "degrees_east",
        "kts", "mb",   "", "", "nmile", ""};
    if (withKinds) {
        header.emplace_back("KIND");
        units.emplace_back("");
    }
    twins::sdk::CsvWriter csv(header);
    for (const std::string& unit : units) {
        csv.add(unit);
    }
    csv.endRow();
    // One decimal for winds and pressures, as IBTrACS; positions to 0.01 deg (~1 km).
    for (const BestTrackPoint& point : points) {
        csv.add(point.sid)
            .add(point.season)
            .add(point.number)
            .add(point.basin)
            .add("MM")
            .add(point.name)
            .add(isoTime(point.time))
            .add("TS")
            .addFixed(point.latitude, 2)
            .addFixed(longitude180(point.longitude), 2)
            .addFixed(point.windMs * knotsPerMs, 1)
            .addFixed(point.pressurePa / 100.0, 1)
            .add("twinbench")
            .add("main")
            .addFixed(point.rmaxKm / kmPerNauticalMile, 1)
            .addFixed(point.hollandB, 3);
        if (withKinds) {
            csv.add(point.kind);
        }
        csv.endRow();
    }
    csv.writeTo(path);
}

std::vector<BestTrackPoint> readBestTrackCsv(const std::string& path) {
    const twins::sdk::CsvTable table = twins::sdk::readCsv(path);
    const std::string what = "an IBTrACS-like best-track CSV";
    const std::size_t sid = table.column("SID", what);
    const std::size_t time = table.column("ISO_TIME", what);
    const std::size_t latitude = table.column("LAT", what);
    const std::size_t longitude = table.column("LON", what);
    const auto wind = table.findColumn("WMO_WIND");
    const auto pressure = table.findColumn("WMO_PRES");
    const auto basin = table.findColumn("BASIN");
    const auto name = table.findColumn("NAME");
    const auto rmax = table.findColumn("USA_RMW");
    const auto kind = table.findColumn("KIND");
    std::vector<BestTrackPoint> points;
    for (const twins::sdk::CsvTable::Row& row : table.rows) {
        // IBTrACS's second line holds units ("degrees_north"), not a position.
        if (row.fields[latitude] == "degrees_north") {
            continue;
        }
        BestTrackPoint point;
        point.sid = row.fields[sid];
        if (point.sid.empty()) {
            throw CycloneError(path + " line " + std::to_string(row.line),
                               "column 'SID' is empty; expected a storm id");
        }
        point.time = parseIsoTime(row.fields[time],
                                  path + " line " + std::to_string(row.line) + " column ISO_TIME");
        point.latitude = table.number(row, latitude, "a latitude in degrees north");
        point.longitude = longitude360(table.number(row, longitude, "a longitude in degrees east"));
        if (point.latitude < -90.0 || point.latitude > 90.0) {
            throw CycloneError(path + " line " + std::to_string(row.line),
                               "column 'LAT' is " + row.fields[latitude] +
                                   ", expected a latitude in [-90, 90]");
        }
        point.windMs = wind
                           ? table.number(row, *wind, "a wind in knots or empty", true) / knotsPerMs
                           : std::nan("");
        point.pressurePa =
            pressure ? 100.0 * table.number(row, *pressure, "a pressure in mb or empty", true)
                     : std::nan("");
        point.rmaxKm =
            rmax ? kmPerNauticalMile * table.number(row, *rmax, "a radius in nmile or empty", true)
                 : std::nan("");
        point.basin = basin ? row.fields[*basin] : "";
        point.name = name ? row.fields[*name] : "";
        point.kind = kind ? row.fields[*kind] : "";
        point.season = point.time.year;
        points.push_back(std::move(point));
    }
    return points;
}

} // namespace cyclone
