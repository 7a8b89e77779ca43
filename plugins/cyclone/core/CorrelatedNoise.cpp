#include "CorrelatedNoise.h"

#include <algorithm>
#include <cmath>

namespace cyclone {

namespace {

// Box width (odd, points) whose three-fold repetition has standard deviation ~sigma points:
// a box of width w has variance (w^2 - 1) / 12, three of them (w^2 - 1) / 4.
int boxWidth(double sigmaPoints) {
    const int width = static_cast<int>(std::lround(std::sqrt(4.0 * sigmaPoints * sigmaPoints + 1)));
    return std::max(1, width | 1);
}

// Sum of squared weights of three convolved boxes of width w: the variance of the smoothed
// white noise, used to bring it back to unit variance.
double threeBoxVariance(int width) {
    std::vector<double> kernel{1.0};
    for (int pass = 0; pass < 3; ++pass) {
        std::vector<double> wider(kernel.size() + static_cast<std::size_t>(width) - 1, 0.0);
        for (std::size_t i = 0; i < kernel.size(); ++i) {
            for (int k = 0; k < width; ++k) {
                wider[i + static_cast<std::size_t>(k)] += kernel[i] / width;
            }
        }
        kernel = std::move(wider);
    }
    double sum = 0.0;
    for (const double weight : kernel) {
        sum += weight * weight;
    }
    return sum;
}

// One box pass over `count` values spaced `stride` apart, edges extended (clamped index).
void boxPass(const float* in, float* out, std::size_t count, std::size_t stride, int width) {
    const int half = width / 2;
    const auto last = static_cast<long>(count) - 1;
    auto at = [&](long i) {
        return in[static_cast<std::size_t>(std::clamp(i, 0L, last)) * stride];
    };
    double sum = 0.0;
    for (long i = -half; i <= half; ++i) {
        sum += at(i);
    }
    for (long i = 0; i <= last; ++i) {
        out[static_cast<std::size_t>(i) * stride] = static_cast<float>(sum / width);
        sum += at(i + half + 1) - at(i - half);
    }
}

} // namespace

CorrelatedNoise::CorrelatedNoise(const LatLonGrid& grid, double correlationKm, double memoryHours,
                                 double stepHours, std::uint64_t seed)
    : m_grid(grid), m_correlationKm(correlationKm),
      m_persistence(std::exp(-stepHours / memoryHours)), m_random(seed), m_field(grid.size(), 0.0f),
      m_fresh(grid.size(), 0.0f) {}

void CorrelatedNoise::smoothedWhiteNoise(std::vector<float>& out) {
    const std::size_t rows = m_grid.rows();
    const std::size_t columns = m_grid.columns();
    // Row widths (points) follow the latitude; the noise is drawn on a grid padded by the
    // kernels' reach on every side and cropped, so edge points are averages of as many random
    // numbers as interior ones (a clamped or mirrored edge would leave them noisier).
    const int columnWidth = boxWidth(m_correlationKm / m_grid.rowSpacingKm());
    std::vector<int> rowWidths(rows);
    int widestRow = 1;
    for (std::size_t row = 0; row < rows; ++row) {
        const double spacing = std::max(m_grid.columnSpacingKm(row), 0.2 * m_grid.rowSpacingKm());
        rowWidths[row] = boxWidth(m_correlationKm / spacing);
        widestRow = std::max(widestRow, rowWidths[row]);
    }
    const std::size_t padRows = 3 * static_cast<std::size_t>(columnWidth / 2) + 1;
    const std::size_t padColumns = 3 * static_cast<std::size_t>(widestRow / 2) + 1;
    const std::size_t paddedRows = rows + 2 * padRows;
    const std::size_t paddedColumns = columns + 2 * padColumns;
    m_padded.resize(paddedRows * paddedColumns);
    m_paddedScratch.resize(m_padded.size());
    for (float& value : m_padded) {
        value = static_cast<float>(m_random.normal());
    }
    const double columnVariance = threeBoxVariance(columnWidth);
    for (std::size_t paddedRow = 0; paddedRow < paddedRows; ++paddedRow) {
        const std::size_t row = std::min(rows - 1, paddedRow < padRows ? 0 : paddedRow - padRows);
        const int width = rowWidths[row];
        float* line = m_padded.data() + paddedRow * paddedColumns;
        float* scratch = m_paddedScratch.data() + paddedRow * paddedColumns;
        boxPass(line, scratch, paddedColumns, 1, width);
        boxPass(scratch, line, paddedColumns, 1, width);
        boxPass(line, scratch, paddedColumns, 1, width);
        const auto scale =
            static_cast<float>(1.0 / std::sqrt(threeBoxVariance(width) * columnVariance));
        for (std::size_t column = 0; column < paddedColumns; ++column) {
            line[column] = scratch[column] * scale;
        }
    }
    for (std::size_t column = padColumns; column < padColumns + columns; ++column) {
        float* line = m_padded.data() + column;
        float* scratch = m_paddedScratch.data() + column;
        boxPass(line, scratch, paddedRows, paddedColumns, columnWidth);
        boxPass(scratch, line, paddedRows, paddedColumns, columnWidth);
        boxPass(line, scratch, paddedRows, paddedColumns, columnWidth);
    }
    for (std::size_t row = 0; row < rows; ++row) {
        const float* source = m_paddedScratch.data() + (row + padRows) * paddedColumns + padColumns;
        std::copy(source, source + columns, out.data() + row * columns);
    }
}

const std::vector<float>& CorrelatedNoise::next() {
    smoothedWhiteNoise(m_fresh);
    if (!m_started) {
        m_field = m_fresh;
        m_started = true;
        return m_field;
    }
    const auto keep = static_cast<float>(m_persistence);
    const auto renew = static_cast<float>(std::sqrt(1.0 - m_persistence * m_persistence));
    for (std::size_t i = 0; i < m_field.size(); ++i) {
        m_field[i] = keep * m_field[i] + renew * m_fresh[i];
    }
    return m_field;
}

} // namespace cyclone
