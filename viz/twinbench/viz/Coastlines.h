#pragma once

#include "twinbench/viz/MapProjection.h"

#include <vector>

namespace twins::viz {

enum class CoastlineLayer { Shorelines, Borders };
// GSHHG resolutions prepared at build time (resources/coastlines/README.md): crude (~25 km) for
// whole-globe views, low (~5 km) once zoomed in.
enum class CoastlineResolution { Crude, Low };

using GeoPolyline = std::vector<GeoPoint>;

// The polylines of one layer at one resolution, in lon/lat degrees. Loaded from the compiled-in
// resources on first use and cached for the life of the process (thread-safe). Throws
// std::runtime_error naming the resource when it is missing or malformed (a broken build).
const std::vector<GeoPolyline>& coastlinePolylines(CoastlineLayer layer,
                                                   CoastlineResolution resolution);

} // namespace twins::viz
