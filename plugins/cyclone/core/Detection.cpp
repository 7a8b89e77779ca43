#include "Detection.h"

#include "CycloneError.h"
#include "twinbench/sdk/Csv.h"

#include <cmath>

namespace cyclone {

void writeDetectionsCsv(const std::string& path, const std::vector<Detection>& detections,
                        bool withTrackIds) {
    std::vector<std::string> header{
        "time",   "lat",         "lon",       "confidence",      "wind_ms",        "msl_hpa",
        "vo_850", "warm_core_k", "spread_km", "spread_north_km", "spread_east_km", "members"};
    if (withTrackIds) {
        header.insert(header.begin(), "track_id");
    }
    twins::sdk::CsvWriter csv(header);
    for (const Detection& detection : detections) {
        if (withTrackIds) {
            csv.add(static_cast<std::int64_t>(detection.trackId));
        }
        csv.add(isoTime(detection.time))
            .add(detection.latitude)
            .add(detection.longitude)
            .add(detection.confidence)
            .add(detection.windMs)
            .add(detection.pressurePa / 100.0)
            .add(detection.vorticity)
            .add(detection.warmCoreK)
            .add(detection.spreadKm())
            .add(detection.spreadNorthKm)
            .add(detection.spreadEastKm)
            .add(detection.members);
        csv.endRow();
    }
    csv.writeTo(path);
}

std::vector<Detection> readDetectionsCsv(const std::string& path, bool* hasTrackIds,
                                         bool* hasWind) {
    const twins::sdk::CsvTable table = twins::sdk::readCsv(path);
    const std::string what = "a detections CSV (time, lat, lon, ...)";
    const std::size_t time = table.column("time", what);
    const std::size_t latitude = table.column("lat", what);
    const std::size_t longitude = table.column("lon", what);
    const auto confidence = table.findColumn("confidence");
    const auto wind = table.findColumn("wind_ms");
    const auto pressure = table.findColumn("msl_hpa");
    const auto vorticity = table.findColumn("vo_850");
    const auto warmCore = table.findColumn("warm_core_k");
    const auto track = table.findColumn("track_id");
    const auto spreadNorth = table.findColumn("spread_north_km");
    const auto spreadEast = table.findColumn("spread_east_km");
    const auto members = table.findColumn("members");
    if (hasTrackIds) {
        *hasTrackIds = track.has_value();
    }
    if (hasWind) {
        *hasWind = wind.has_value();
    }
    auto optional = [&](const twins::sdk::CsvTable::Row& row,
                        const std::optional<std::size_t>& column, const char* expected) {
        return column ? table.number(row, *column, expected, true) : std::nan("");
    };
    std::vector<Detection> detections;
    detections.reserve(table.rows.size());
    for (const twins::sdk::CsvTable::Row& row : table.rows) {
        Detection detection;
        const std::string where = path + " line " + std::to_string(row.line) + " column time";
        detection.time = parseIsoTime(row.fields[time], where);
        detection.latitude = table.number(row, latitude, "a latitude in degrees north");
        detection.longitude = table.number(row, longitude, "a longitude in degrees east");
        if (std::fabs(detection.latitude) > 90.0) {
            throw CycloneError(path + " line " + std::to_string(row.line),
                               "column 'lat' is " + row.fields[latitude] +
                                   ", expected a latitude in [-90, 90]");
        }
        detection.confidence = optional(row, confidence, "a confidence in [0, 1] or empty");
        detection.windMs = optional(row, wind, "a wind speed in m s-1 or empty");
        detection.pressurePa = 100.0 * optional(row, pressure, "a pressure in hPa or empty");
        detection.vorticity = optional(row, vorticity, "a vorticity in s-1 or empty");
        detection.warmCoreK = optional(row, warmCore, "a temperature excess in K or empty");
        detection.spreadNorthKm = optional(row, spreadNorth, "a spread in km or empty");
        detection.spreadEastKm = optional(row, spreadEast, "a spread in km or empty");
        const double agreeing = optional(row, members, "a member count or empty");
        detection.members = std::isnan(agreeing) ? 0 : static_cast<int>(agreeing);
        if (track) {
            const double id = table.number(row, *track, "an integer track id");
            if (id != std::floor(id)) {
                throw CycloneError(path + " line " + std::to_string(row.line),
                                   "column 'track_id' is " + row.fields[*track] +
                                       ", expected an integer track id");
            }
            detection.trackId = static_cast<long>(id);
        }
        detections.push_back(detection);
    }
    return detections;
}

} // namespace cyclone
