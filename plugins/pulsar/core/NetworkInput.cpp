#include "NetworkInput.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace pulsar {

namespace {

void checkGrid(const NetworkGrid& grid) {
    if (grid.phaseBins < 1 || grid.channels < 1) {
        throw std::invalid_argument("network grid " + std::to_string(grid.phaseBins) + " x " +
                                    std::to_string(grid.channels) + " must be at least 1 x 1");
    }
}

double median(std::vector<double> values) {
    if (values.empty()) {
        return 0.0;
    }
    const auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    double upper = *middle;
    if (values.size() % 2 == 0) {
        const double lower = *std::max_element(values.begin(), middle);
        return 0.5 * (lower + upper);
    }
    return upper;
}

} // namespace

ResampleWeights areaResampleWeights(std::size_t n, std::size_t m) {
    if (n == 0 || m == 0) {
        throw std::invalid_argument("cannot resample " + std::to_string(n) + " cells onto " +
                                    std::to_string(m));
    }
    ResampleWeights weights;
    weights.rows.resize(m);
    const double width = double(n) / double(m); // output cell in input cells
    for (std::size_t j = 0; j < m; ++j) {
        const double low = double(j) * width;
        const double high = double(j + 1) * width;
        const auto first = std::size_t(std::floor(low));
        const auto last = std::min(n - 1, std::size_t(std::ceil(high)) - 1);
        for (std::size_t i = first; i <= last; ++i) {
            const double overlap = std::min(high, double(i + 1)) - std::max(low, double(i));
            if (overlap > 1e-12) {
                weights.rows[j].push_back({i, overlap / width});
            }
        }
    }
    return weights;
}

std::vector<double> resampleFrame(const double* values, std::size_t channels, std::size_t bins,
                                  const NetworkGrid& grid) {
    checkGrid(grid);
    if (channels == 0 || bins == 0) {
        throw std::invalid_argument("cannot resample an empty frame");
    }
    const ResampleWeights across = areaResampleWeights(channels, std::size_t(grid.channels));
    const ResampleWeights along = areaResampleWeights(bins, std::size_t(grid.phaseBins));
    // Channels first (channel-major input: contiguous bins), then phase.
    std::vector<double> byColumn(std::size_t(grid.channels) * bins, 0.0);
    for (std::size_t j = 0; j < across.rows.size(); ++j) {
        double* target = &byColumn[j * bins];
        for (const auto& [c, w] : across.rows[j]) {
            const double* source = values + c * bins;
            for (std::size_t k = 0; k < bins; ++k) {
                target[k] += w * source[k];
            }
        }
    }
    std::vector<double> out(grid.pixels(), 0.0);
    const auto columns = std::size_t(grid.channels);
    for (std::size_t r = 0; r < along.rows.size(); ++r) {
        for (std::size_t j = 0; j < columns; ++j) {
            double sum = 0.0;
            for (const auto& [k, w] : along.rows[r]) {
                sum += w * byColumn[j * bins + k];
            }
            out[r * columns + j] = sum;
        }
    }
    return out;
}

std::vector<float> normaliseFrame(const std::vector<double>& resampled, const NetworkGrid& grid,
                                  const NormalisationSettings& settings) {
    checkGrid(grid);
    const auto rows = std::size_t(grid.phaseBins);
    const auto columns = std::size_t(grid.channels);
    if (resampled.size() != rows * columns) {
        throw std::invalid_argument("normaliseFrame: the frame does not match the grid");
    }
    std::vector<double> columnMedian(columns);
    std::vector<double> column(rows);
    for (std::size_t j = 0; j < columns; ++j) {
        for (std::size_t r = 0; r < rows; ++r) {
            column[r] = resampled[r * columns + j];
        }
        columnMedian[j] = median(column);
    }
    const auto half = std::size_t(std::max(0, settings.baselineWindow / 2));
    std::vector<double> baseline(columns);
    for (std::size_t j = 0; j < columns; ++j) {
        const std::size_t low = j >= half ? j - half : 0;
        const std::size_t high = std::min(columns - 1, j + half);
        // A local straight line, robustly: the median slope between neighbours, then the
        // median of the window's values moved along it to column j. A plain running median
        // is biased by a steep bandpass slope when a carrier lifts one column of the window.
        std::vector<double> slopes, values;
        for (std::size_t i = low; i < high; ++i) {
            slopes.push_back(columnMedian[i + 1] - columnMedian[i]);
        }
        const double slope = slopes.empty() ? 0.0 : median(slopes);
        for (std::size_t i = low; i <= high; ++i) {
            values.push_back(columnMedian[i] - slope * (double(i) - double(j)));
        }
        baseline[j] = median(values);
    }
    // Relative to the baseline; a column with no power (a flagged or zeroed channel) stays 0.
    std::vector<double> relative(resampled.size(), 0.0);
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t j = 0; j < columns; ++j) {
            const double b = baseline[j];
            const double v = resampled[r * columns + j];
            relative[r * columns + j] = std::isfinite(v) && std::abs(b) > 1e-30 ? v / b - 1.0 : 0.0;
        }
    }
    const double centre = median(relative);
    std::vector<double> deviations(relative.size());
    for (std::size_t i = 0; i < relative.size(); ++i) {
        deviations[i] = std::abs(relative[i] - centre);
    }
    double sigma = 1.4826 * median(deviations);
    if (!(sigma > 0.0)) {
        double sum = 0.0;
        for (double d : deviations) {
            sum += d * d;
        }
        sigma = std::sqrt(sum / double(deviations.size()));
    }
    const std::size_t pixels = relative.size();
    std::vector<float> out(inputPlanes * pixels, 0.0f);
    if (sigma > 0.0) {
        for (std::size_t i = 0; i < pixels; ++i) {
            out[pixels + i] =
                float(std::clamp((relative[i] - centre) / sigma, -settings.clip, settings.clip));
        }
    }
    // Plane 0: each column standardised over phase by its median and robust spread.
    std::vector<double> spread(rows);
    for (std::size_t j = 0; j < columns; ++j) {
        for (std::size_t r = 0; r < rows; ++r) {
            spread[r] = std::abs(resampled[r * columns + j] - columnMedian[j]);
        }
        double s = 1.4826 * median(spread);
        if (!(s > 0.0)) {
            double sum = 0.0;
            for (double d : spread) {
                sum += d * d;
            }
            s = std::sqrt(sum / double(rows));
        }
        for (std::size_t r = 0; r < rows && s > 0.0; ++r) {
            const double v = resampled[r * columns + j];
            out[r * columns + j] =
                std::isfinite(v)
                    ? float(std::clamp((v - columnMedian[j]) / s, -settings.clip, settings.clip))
                    : 0.0f;
        }
    }
    return out;
}

std::vector<float> networkInput(const double* values, std::size_t channels, std::size_t bins,
                                const NetworkGrid& grid, const NormalisationSettings& settings) {
    return normaliseFrame(resampleFrame(values, channels, bins, grid), grid, settings);
}

std::vector<float> networkMask(const std::uint8_t* mask, std::size_t channels, std::size_t bins,
                               const NetworkGrid& grid) {
    checkGrid(grid);
    const ResampleWeights across = areaResampleWeights(channels, std::size_t(grid.channels));
    const ResampleWeights along = areaResampleWeights(bins, std::size_t(grid.phaseBins));
    const auto columns = std::size_t(grid.channels);
    std::vector<float> out(grid.pixels(), 0.0f);
    for (std::size_t r = 0; r < along.rows.size(); ++r) {
        for (std::size_t j = 0; j < columns; ++j) {
            bool any = false;
            for (const auto& [c, wc] : across.rows[j]) {
                for (const auto& [k, wk] : along.rows[r]) {
                    any = any || mask[c * bins + k] != 0;
                }
            }
            out[r * columns + j] = any ? 1.0f : 0.0f;
        }
    }
    return out;
}

} // namespace pulsar
