#pragma once

#include "LatLonGrid.h"
#include "twinbench/sdk/Random.h"

#include <cstdint>
#include <vector>

namespace cyclone {

// Spatially and temporally correlated Gaussian noise on the grid, unit variance: white noise
// smoothed by three passes of a box filter along each axis (by the central limit theorem three
// boxes approximate a Gaussian kernel to a few percent, at O(1) cost per point whatever the
// width), then advanced in time as a first-order autoregressive process
//   n(t + dt) = a n(t) + sqrt(1 - a^2) w(t),   a = exp(-dt / memory),
// the discrete red noise of weather anomalies (Hasselmann 1976). The kernel's width is set in km
// and converted to grid points per row, so the field looks the same at 0.25 and 1 deg (its
// samples differ: the random numbers fill a grid of another size).
class CorrelatedNoise {
public:
    CorrelatedNoise(const LatLonGrid& grid, double correlationKm, double memoryHours,
                    double stepHours, std::uint64_t seed);

    // Advances one step and returns the field (rows x columns, row-major, unit variance).
    const std::vector<float>& next();
    const std::vector<float>& current() const { return m_field; }

private:
    void smoothedWhiteNoise(std::vector<float>& out);

    const LatLonGrid& m_grid;
    double m_correlationKm;
    double m_persistence;
    twins::sdk::Random m_random;
    std::vector<float> m_field;
    std::vector<float> m_fresh;
    std::vector<float> m_padded;
    std::vector<float> m_paddedScratch;
    std::vector<float> m_block; // the kept columns of the padded grid
    std::vector<float> m_blockScratch;
    std::vector<double> m_sums;
    std::vector<int> m_rowWidths;   // box width along each row, points
    std::vector<float> m_rowScales; // back to unit variance, per row
    int m_columnWidth = 1;
    int m_widestRow = 1;
    bool m_started = false;
};

} // namespace cyclone
