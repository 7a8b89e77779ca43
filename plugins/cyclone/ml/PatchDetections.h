#pragma once

#include "Detection.h"
#include "PatchGrid.h"

#include <array>
#include <vector>

namespace cyclone {

// How sure an output is that its patch holds a centre: 0 at the "none" code (-1, -1), 1 once
// both coordinates are inside the patch (>= 0), linear in between. A monotone score of the L1
// regression output, not a calibrated probability.
double centreConfidence(const std::array<float, 2>& output);

// Detections of one step from the outputs of its tiles (one per grid.tiles(), same order):
// outputs with confidence >= threshold, placed at their predicted position (a centre predicted
// in a tile's overlap with its neighbour belongs to the neighbour and is skipped). With the
// step's raw channels (DriverChannels::read), wind_ms is the largest gust within 250 km / 1.3
// (as the baseline detector), msl the central pressure and vo_850 the largest cyclonic 850 hPa
// vorticity within 150 km; without them, and always for the warm core, NaN.
std::vector<Detection> patchDetections(const PatchGrid& grid,
                                       const std::vector<std::array<float, 2>>& outputs,
                                       const CfDateTime& time, double threshold,
                                       const std::vector<float>* stepChannels);

} // namespace cyclone
