#pragma once

#include "twinbench/insitu/Snapshot.h"

#include <cstddef>
#include <cstdint>

namespace calo {

// What simulate and generate publish in situ for a block of showers (issue 24): stream
// "showers" with the block's first few showers as 3-D fields ecal_0, ecal_1, ... on (layer, y,
// x) (visible GeV per cell; x and y cell centres in mm, layer the index along the depth) and
// each shower's conditions as scalars energy_gev_N, theta_deg_N. `cells` is count x
// cellsPerShower in the showers file's layout (Geometry.h, cellIndex); `step` is the block.
inline constexpr std::size_t publishedShowersPerBlock = 3;
twins::insitu::Snapshot showersSnapshot(std::int64_t step, std::size_t count, const float* cells,
                                        const double* energiesGeV, const double* thetasRad);

} // namespace calo
