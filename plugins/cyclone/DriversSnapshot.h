#pragma once

#include "ScenarioGenerator.h"
#include "twinbench/insitu/Snapshot.h"

namespace cyclone {

// What generate publishes in situ at a step (issue 24): stream "drivers" with msl and vo_850 on
// the latitude/longitude grid, as drivers.nc names them, and the point set "storms": the true
// positions of the systems alive at that step (lat, lon, wind_ms, pressure_pa).
twins::insitu::Snapshot driversSnapshot(const GeneratedStep& generated);

} // namespace cyclone
