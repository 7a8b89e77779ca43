#pragma once

#include "CycloneTime.h"

#include <cmath>
#include <string>
#include <vector>

namespace cyclone {

// A cyclone centre found at one time step (by the physical baseline detector, later the CNN),
// optionally part of a track. Optional quantities are NaN when the producer does not know them.
struct Detection {
    CfDateTime time;
    double latitude = 0.0;
    double longitude = 0.0; // degrees east
    double confidence = 0.0;
    double windMs = 0.0;     // estimated maximum sustained 10 m wind
    double pressurePa = 0.0; // central mean sea level pressure
    double vorticity = 0.0;  // largest 850 hPa relative vorticity near the centre, s-1
    double warmCoreK = 0.0;  // upper-level temperature excess over the surroundings, K
    long trackId = -1;       // -1: not (yet) in a track
    // Ensemble detections (CNN infer): the members that agreed on this centre, and the 1-sigma
    // spread of their positions north-south and east-west, km. 0 / NaN for a single detector.
    int members = 0;
    double spreadNorthKm = std::nan("");
    double spreadEastKm = std::nan("");

    // Radial 1-sigma spread, sqrt(north^2 + east^2), km; NaN without an ensemble.
    double spreadKm() const { return std::hypot(spreadNorthKm, spreadEastKm); }
};

// Writes the detections CSV: time,lat,lon,confidence,wind_ms,msl_hpa,vo_850,warm_core_k,
// spread_km,spread_north_km,spread_east_km,members; with withTrackIds the first column is
// track_id. Atomic (temporary file + rename).
void writeDetectionsCsv(const std::string& path, const std::vector<Detection>& detections,
                        bool withTrackIds);

// Reads a detections or tracks CSV: needs time, lat, lon; confidence, wind_ms, msl_hpa,
// vo_850, warm_core_k and track_id are optional. Throws CycloneError naming file, line and
// column.
std::vector<Detection> readDetectionsCsv(const std::string& path, bool* hasTrackIds = nullptr,
                                         bool* hasWind = nullptr);

} // namespace cyclone
