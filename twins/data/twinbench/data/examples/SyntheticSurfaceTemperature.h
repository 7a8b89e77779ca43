#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace twins::data::examples {

struct SyntheticSurfaceOptions {
    std::size_t longitudes = 1440; // 0.25 degree, 0 .. 359.75 E (the ERA5 convention)
    std::size_t latitudes = 721;   // 90 N .. 90 S, descending (the ERA5 convention)
    std::size_t times = 4;         // 6-hourly from 2024-01-01 00:00 UTC
    std::uint32_t seed = 20240101;
};

// Writes the embedded example: an ERA5-like CF NetCDF-4 file with 2 m temperature (packed
// int16 with scale_factor/add_offset/_FillValue, as ERA5 distributes it) and mean sea-level
// pressure (float32). The fields are synthetic and say so in their attributes: a January
// zonal-mean climate, stationary planetary waves, a diurnal cycle that follows the sun, and
// spatially correlated weather noise, over the real land and sea: a land-sea mask `lsm` from
// GSHHG's shorelines (twins/geo) makes land continental (a large diurnal swing, a cold
// northern winter), so the continents show on the map.
// Throws DataError when the file cannot be written.
void writeSyntheticSurfaceFile(const std::string& path,
                               const SyntheticSurfaceOptions& options = {});

} // namespace twins::data::examples
