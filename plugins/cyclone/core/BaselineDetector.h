#pragma once

#include "Detection.h"
#include "DriverFile.h"

#include <vector>

namespace cyclone {

// The physical baseline detector (not machine learning): the classic objective criteria for
// tropical cyclones in gridded data (Bengtsson et al. 1995; Walsh et al. 2007 give the family):
// a closed mean-sea-level-pressure minimum, strong cyclonic low-level vorticity and a warm core
// aloft.
struct DetectorSettings {
    double searchRadiusKm = 400.0; // the msl minimum must be the lowest value within this radius
    double minVorticity = 5e-5;    // s-1, largest vo_850 within coreRadiusKm (sign for north)
    double minWarmCoreK = 1.0;     // K, upper-level core minus ring temperature
    double minDepthHpa = 2.0;      // hPa, ring-mean msl minus central msl
    double coreRadiusKm = 150.0;   // core disc (vorticity, temperature), always holds the centre
    double ringInnerKm = 400.0;    // environment ring for the pressure depth and warm core
    double ringOuterKm = 800.0;
};

// Detections of one time step. Positions are refined below the grid spacing by a parabola
// through the minimum and its neighbours along each axis. confidence = 1 - exp(-depth / 8 hPa),
// a monotone score of the pressure depth (not a probability); wind_ms = largest gust within
// 250 km / 1.3 (a typical over-sea gust factor), NaN without gust data.
std::vector<Detection> detectCyclones(const DriverStep& fields,
                                      const std::vector<double>& latitudes,
                                      const std::vector<double>& longitudes, const CfDateTime& time,
                                      const DetectorSettings& settings);

} // namespace cyclone
