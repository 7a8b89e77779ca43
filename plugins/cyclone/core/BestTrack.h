#pragma once

#include "CycloneTime.h"

#include <string>
#include <vector>

namespace cyclone {

// One 6-hourly position of a cyclone in the IBTrACS sense (Knapp et al. 2010): the "truth" the
// generator knows and the validation compares detections with.
struct BestTrackPoint {
    std::string sid;   // IBTrACS-style id: year, day of year, N, latitude, longitude of genesis
    int season = 0;    // year of genesis
    int number = 0;    // storm number within the scenario
    std::string basin; // WP, EP or NA
    std::string name;
    CfDateTime time;
    double latitude = 0.0;
    double longitude = 0.0;         // degrees east, 0..360 in memory (written -180..180 as IBTrACS)
    double windMs = 0.0;            // maximum sustained 10 m wind, m s-1 (written in knots)
    double pressurePa = 0.0;        // central pressure, Pa (written in hPa = mb)
    double rmaxKm = 0.0;            // radius of maximum wind, km (written in nautical miles)
    double hollandB = 0.0;          // Holland (1980) shape parameter of the vortex
    double distanceToLandKm = -1.0; // not computed: written empty
    // What the system is (harder world only; empty elsewhere, which means a tropical cyclone):
    // "tropical_cyclone" for systems reaching 17.5 m s-1 with a warm core, otherwise the kind
    // of false-alarm bait ("extratropical", "monsoon_depression", "weak_low").
    std::string kind;
};

inline constexpr const char* tropicalCycloneKind = "tropical_cyclone";

// A point of a system that is not a tropical cyclone: validation never counts it as a storm to
// find, and a detection on it is a false alarm.
inline bool isBait(const BestTrackPoint& point) {
    return !point.kind.empty() && point.kind != tropicalCycloneKind;
}

inline constexpr double knotsPerMs = 3600.0 / 1852.0;
inline constexpr double kmPerNauticalMile = 1.852;

// Writes the IBTrACS-like CSV: a header row, then IBTrACS's units row (" ,Year, ,... kts,mb"),
// then one row per point: SID,SEASON,NUMBER,BASIN,SUBBASIN,NAME,ISO_TIME,NATURE,LAT,LON,
// WMO_WIND,WMO_PRES,WMO_AGENCY,TRACK_TYPE,USA_RMW,TB_HOLLAND_B. Written to a temporary file and
// renamed (the SDK's CsvWriter), so a reader never sees half a file. Throws
// twins::sdk::TwinFileError naming the path.
void writeBestTrackCsv(const std::string& path, const std::vector<BestTrackPoint>& points);

// Reads such a CSV (the units row is optional, so a plain IBTrACS extract also reads); needs
// SID, ISO_TIME, LAT, LON; WMO_WIND (kts) and WMO_PRES (mb) may be empty (NaN); KIND is
// optional (absent: every point is a tropical cyclone's). Throws
// CycloneError naming the file, line and column for anything malformed.
std::vector<BestTrackPoint> readBestTrackCsv(const std::string& path);

} // namespace cyclone
