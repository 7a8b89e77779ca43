#include "PatchGrid.h"

#include "CycloneError.h"
#include "Geodesy.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace cyclone {

namespace {

// Tile starts along one axis: 0, P, 2P, ... and, when the axis is not a whole number of
// patches, one more ending on the edge. Returns (start, first owned offset) pairs.
std::vector<std::pair<std::size_t, std::size_t>> axisTiles(std::size_t length, std::size_t patch) {
    std::vector<std::pair<std::size_t, std::size_t>> starts;
    std::size_t start = 0;
    for (; start + patch <= length; start += patch) {
        starts.emplace_back(start, 0);
    }
    if (start < length) {
        starts.emplace_back(length - patch, start - (length - patch));
    }
    return starts;
}

double regularStep(const std::vector<double>& axis, const char* name) {
    const double step = axis[1] - axis[0];
    for (std::size_t i = 1; i < axis.size(); ++i) {
        // Float32 coordinates of a 0.25-degree grid drift by ~1e-5 degree; 1% is still regular.
        if (std::abs(axis[i] - axis[i - 1] - step) > 0.01 * std::abs(step)) {
            throw CycloneError(name, "is not a regular axis (step " + std::to_string(step) +
                                         " at the start, " + std::to_string(axis[i] - axis[i - 1]) +
                                         " at index " + std::to_string(i) +
                                         "); the CNN needs a regular grid");
        }
    }
    return step;
}

} // namespace

PatchGrid::PatchGrid(std::vector<double> latitudes, std::vector<double> longitudes,
                     std::size_t patchSize)
    : m_latitudes(std::move(latitudes)), m_longitudes(std::move(longitudes)),
      m_patchSize(patchSize) {
    if (m_latitudes.size() < std::max<std::size_t>(patchSize, 2) ||
        m_longitudes.size() < std::max<std::size_t>(patchSize, 2)) {
        throw CycloneError("patch_size", std::to_string(patchSize) + " is larger than the grid (" +
                                             std::to_string(m_latitudes.size()) + " x " +
                                             std::to_string(m_longitudes.size()) + " points)");
    }
    m_latitudeStep = regularStep(m_latitudes, "latitude");
    m_longitudeStep = regularStep(m_longitudes, "longitude");
    for (const auto& [row, ownRow] : axisTiles(rows(), patchSize)) {
        for (const auto& [column, ownColumn] : axisTiles(columns(), patchSize)) {
            m_tiles.push_back({row, column, ownRow, ownColumn});
        }
    }
}

std::optional<std::pair<double, double>> PatchGrid::position(double latitude,
                                                             double longitude) const {
    const double row = (latitude - m_latitudes.front()) / m_latitudeStep;
    // Longitudes compared modulo 360 so a -180..180 truth CSV meets a 0..360 grid.
    double offset = longitude360(longitude) - longitude360(m_longitudes.front());
    if (m_longitudeStep > 0 && offset < -0.5 * m_longitudeStep) {
        offset += 360.0;
    }
    if (m_longitudeStep < 0 && offset > -0.5 * m_longitudeStep) {
        offset -= 360.0;
    }
    const double column = offset / m_longitudeStep;
    const double last = 0.5;
    if (row < -last || column < -last || row > rows() - 1 + last || column > columns() - 1 + last) {
        return std::nullopt;
    }
    return std::make_pair(row, column);
}

std::pair<double, double> PatchGrid::latLon(double row, double column) const {
    return {m_latitudes.front() + row * m_latitudeStep,
            m_longitudes.front() + column * m_longitudeStep};
}

void PatchGrid::extract(const float* step, std::size_t channels, const PatchTile& tile,
                        float* patch) const {
    const std::size_t plane = rows() * columns();
    for (std::size_t channel = 0; channel < channels; ++channel) {
        for (std::size_t r = 0; r < m_patchSize; ++r) {
            const float* source = step + channel * plane + (tile.row + r) * columns() + tile.column;
            std::copy(source, source + m_patchSize,
                      patch + (channel * m_patchSize + r) * m_patchSize);
        }
    }
}

} // namespace cyclone
