#pragma once

#include <cmath>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace cyclone {

// One square patch of the grid the CNN looks at. Tiles do not overlap, except the last row and
// column of tiles, which are moved back to end on the grid's edge when the grid is not a whole
// number of patches; `ownRow`/`ownColumn` (patch offsets) then say from where a predicted
// centre belongs to this tile rather than to its neighbour, so a storm in the overlap is not
// detected twice.
struct PatchTile {
    std::size_t row = 0;    // grid row of the patch's first row
    std::size_t column = 0; // grid column of the patch's first column
    std::size_t ownRow = 0;
    std::size_t ownColumn = 0;
};

// The tiling of a regular latitude-longitude grid (either latitude order; longitudes in any
// convention) into patchSize x patchSize patches, and the conversions between latitude and
// longitude and fractional grid positions the labels and detections need.
class PatchGrid {
public:
    // Throws CycloneError when the grid is smaller than a patch or not regular.
    PatchGrid(std::vector<double> latitudes, std::vector<double> longitudes, std::size_t patchSize);

    std::size_t patchSize() const { return m_patchSize; }
    std::size_t rows() const { return m_latitudes.size(); }
    std::size_t columns() const { return m_longitudes.size(); }
    const std::vector<PatchTile>& tiles() const { return m_tiles; }
    double spacingDegrees() const { return std::abs(m_latitudeStep); }

    // Fractional (row, column) of a point; nullopt outside the grid (half a cell margin).
    std::optional<std::pair<double, double>> position(double latitude, double longitude) const;
    // (latitude, longitude in the file's convention) of a fractional grid position.
    std::pair<double, double> latLon(double row, double column) const;

    // Copies the tile out of a channel-major (channel, row, column) step into a channel-major
    // (channel, patch row, patch column) patch.
    void extract(const float* step, std::size_t channels, const PatchTile& tile,
                 float* patch) const;

private:
    std::vector<double> m_latitudes;
    std::vector<double> m_longitudes;
    std::size_t m_patchSize = 0;
    double m_latitudeStep = 0.0;
    double m_longitudeStep = 0.0;
    std::vector<PatchTile> m_tiles;
};

} // namespace cyclone
