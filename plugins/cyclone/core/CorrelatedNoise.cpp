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

// One box pass along a line of `count` contiguous values, edges extended (clamped index). The
// running sum is kept in double: a float sum that adds and subtracts ~1000 values drifts.
void boxPass(const float* in, float* out, std::size_t count, int width) {
    const int half = width / 2;
    const auto last = static_cast<long>(count) - 1;
    auto at = [&](long i) { return in[static_cast<std::size_t>(std::clamp(i, 0L, last))]; };
    double sum = 0.0;
    for (long i = -half; i <= half; ++i) {
        sum += at(i);
    }
    const double inverse = 1.0 / width;
    for (long i = 0; i <= last; ++i) {
        out[static_cast<std::size_t>(i)] = static_cast<float>(sum * inverse);
        sum += at(i + half + 1) - at(i - half);
    }
}

// One box pass down the columns of a (rows x columns) block, for all columns at once: a running
// sum per column, advanced row by row, so memory is read in rows (contiguous, vectorised)
// rather than column by column with a stride of a whole row.
void columnBoxPass(const float* in, float* out, std::size_t rows, std::size_t columns, int width,
                   std::vector<double>& sums) {
    const int half = width / 2;
    const auto last = static_cast<long>(rows) - 1;
    auto row = [&](long i) {
        return in + static_cast<std::size_t>(std::clamp(i, 0L, last)) * columns;
    };
    sums.assign(columns, 0.0);
    for (long i = -half; i <= half; ++i) {
        const float* line = row(i);
        for (std::size_t c = 0; c < columns; ++c) {
            sums[c] += line[c];
        }
    }
    const double inverse = 1.0 / width;
    for (long i = 0; i <= last; ++i) {
        float* target = out + static_cast<std::size_t>(i) * columns;
        const float* entering = row(i + half + 1);
        const float* leaving = row(i - half);
        for (std::size_t c = 0; c < columns; ++c) {
            target[c] = static_cast<float>(sums[c] * inverse);
            sums[c] += static_cast<double>(entering[c]) - leaving[c];
        }
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
    if (m_rowWidths.empty()) {
        // Kernel widths and their variance corrections depend only on the grid: once.
        m_columnWidth = boxWidth(m_correlationKm / m_grid.rowSpacingKm());
        const double columnVariance = threeBoxVariance(m_columnWidth);
        m_widestRow = 1;
        for (std::size_t row = 0; row < rows; ++row) {
            const double spacing =
                std::max(m_grid.columnSpacingKm(row), 0.2 * m_grid.rowSpacingKm());
            m_rowWidths.push_back(boxWidth(m_correlationKm / spacing));
            m_widestRow = std::max(m_widestRow, m_rowWidths.back());
            m_rowScales.push_back(static_cast<float>(
                1.0 / std::sqrt(threeBoxVariance(m_rowWidths.back()) * columnVariance)));
        }
    }
    const int columnWidth = m_columnWidth;
    const int widestRow = m_widestRow;
    const std::size_t padRows = 3 * static_cast<std::size_t>(columnWidth / 2) + 1;
    const std::size_t padColumns = 3 * static_cast<std::size_t>(widestRow / 2) + 1;
    const std::size_t paddedRows = rows + 2 * padRows;
    const std::size_t paddedColumns = columns + 2 * padColumns;
    m_padded.resize(paddedRows * paddedColumns);
    m_paddedScratch.resize(m_padded.size());
    // White noise: each 64-bit draw gives four 16-bit uniforms whose sum (Irwin-Hall, n = 4),
    // centred and scaled, has mean 0 and variance 1. It is not exactly Gaussian (kurtosis 2.7
    // instead of 3), but every output point averages hundreds of these (three boxes of >= 3
    // points each way), which makes the smoothed field Gaussian by the central limit theorem;
    // Box-Muller normals (log, sqrt, sin, cos per pair) were most of the generator's time at
    // 0.25 deg, this is a few integer operations.
    const float irwinHallScale = static_cast<float>(std::sqrt(3.0) / 65536.0);
    for (float& value : m_padded) {
        const std::uint64_t bits = m_random.next();
        const auto sum = static_cast<float>((bits & 0xffff) + ((bits >> 16) & 0xffff) +
                                            ((bits >> 32) & 0xffff) + (bits >> 48)) -
                         2.0f * 65535.0f;
        value = sum * irwinHallScale;
    }
    for (std::size_t paddedRow = 0; paddedRow < paddedRows; ++paddedRow) {
        const std::size_t row = std::min(rows - 1, paddedRow < padRows ? 0 : paddedRow - padRows);
        const int width = m_rowWidths[row];
        float* line = m_padded.data() + paddedRow * paddedColumns;
        float* scratch = m_paddedScratch.data() + paddedRow * paddedColumns;
        boxPass(line, scratch, paddedColumns, width);
        boxPass(scratch, line, paddedColumns, width);
        boxPass(line, scratch, paddedColumns, width);
        const float scale = m_rowScales[row];
        for (std::size_t column = 0; column < paddedColumns; ++column) {
            line[column] = scratch[column] * scale;
        }
    }
    // Down the columns: only the columns that are kept, copied out as a contiguous block.
    m_block.resize(paddedRows * columns);
    m_blockScratch.resize(m_block.size());
    for (std::size_t row = 0; row < paddedRows; ++row) {
        const float* source = m_padded.data() + row * paddedColumns + padColumns;
        std::copy(source, source + columns, m_block.data() + row * columns);
    }
    columnBoxPass(m_block.data(), m_blockScratch.data(), paddedRows, columns, columnWidth, m_sums);
    columnBoxPass(m_blockScratch.data(), m_block.data(), paddedRows, columns, columnWidth, m_sums);
    columnBoxPass(m_block.data(), m_blockScratch.data(), paddedRows, columns, columnWidth, m_sums);
    for (std::size_t row = 0; row < rows; ++row) {
        const float* source = m_blockScratch.data() + (row + padRows) * columns;
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
