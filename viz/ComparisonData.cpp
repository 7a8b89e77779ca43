#include "twinbench/viz/ComparisonData.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace twins::viz {

namespace {
constexpr double missing = std::numeric_limits<double>::quiet_NaN();

void checkEdges(const std::vector<double>& edges) {
    if (edges.size() < 2) {
        throw ComparisonDataError("a comparison needs at least one bin (two bin edges), got " +
                                  std::to_string(edges.size()) + " edges");
    }
    for (std::size_t i = 1; i < edges.size(); ++i) {
        if (!std::isfinite(edges[i - 1]) || !std::isfinite(edges[i]) ||
            !(edges[i] > edges[i - 1])) {
            throw ComparisonDataError("bin edges must be finite and strictly increasing; edge " +
                                      std::to_string(i) + " is not");
        }
    }
}

// Bin of a value, or -1 outside the edges. The last edge belongs to the last bin.
long binOf(double value, const std::vector<double>& edges) {
    if (!std::isfinite(value) || value < edges.front() || value > edges.back()) {
        return -1;
    }
    const auto upper = std::upper_bound(edges.begin(), edges.end(), value);
    const long bin = static_cast<long>(upper - edges.begin()) - 1;
    return std::min(bin, static_cast<long>(edges.size()) - 2);
}
} // namespace

std::vector<double> uniformBinEdges(double low, double high, int bins) {
    if (bins < 1 || !std::isfinite(low) || !std::isfinite(high) || !(high > low)) {
        throw ComparisonDataError("uniform bins need bins >= 1 and low < high (finite), got " +
                                  std::to_string(bins) + " bins over [" + std::to_string(low) +
                                  ", " + std::to_string(high) + "]");
    }
    std::vector<double> edges(static_cast<std::size_t>(bins) + 1);
    for (int i = 0; i <= bins; ++i) {
        edges[static_cast<std::size_t>(i)] = low + (high - low) * i / bins;
    }
    return edges;
}

ComparisonSeries histogramSeries(const QString& label, const std::vector<double>& samples,
                                 const std::vector<double>& edges, bool normalise) {
    checkEdges(edges);
    const std::size_t bins = edges.size() - 1;
    std::vector<double> counts(bins, 0.0);
    for (double sample : samples) {
        const long bin = binOf(sample, edges);
        if (bin >= 0) {
            counts[static_cast<std::size_t>(bin)] += 1.0;
        }
    }
    ComparisonSeries series{label, counts, std::vector<double>(bins)};
    double total = 0.0;
    for (std::size_t i = 0; i < bins; ++i) {
        series.errors[i] = std::sqrt(counts[i]);
        total += counts[i];
    }
    if (normalise && total > 0.0) {
        for (std::size_t i = 0; i < bins; ++i) {
            const double scale = 1.0 / (total * (edges[i + 1] - edges[i]));
            series.values[i] *= scale;
            series.errors[i] *= scale;
        }
    }
    return series;
}

ComparisonSeries profileSeries(const QString& label, const std::vector<double>& x,
                               const std::vector<double>& y, const std::vector<double>& edges) {
    checkEdges(edges);
    if (x.size() != y.size()) {
        throw ComparisonDataError("a profile needs one y per x: got " + std::to_string(x.size()) +
                                  " x and " + std::to_string(y.size()) + " y values");
    }
    const std::size_t bins = edges.size() - 1;
    std::vector<double> count(bins, 0.0);
    std::vector<double> sum(bins, 0.0);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const long bin = binOf(x[i], edges);
        if (bin >= 0 && std::isfinite(y[i])) {
            count[static_cast<std::size_t>(bin)] += 1.0;
            sum[static_cast<std::size_t>(bin)] += y[i];
        }
    }
    ComparisonSeries series{label, std::vector<double>(bins, missing),
                            std::vector<double>(bins, missing)};
    for (std::size_t bin = 0; bin < bins; ++bin) {
        if (count[bin] > 0.0) {
            series.values[bin] = sum[bin] / count[bin];
        }
    }
    // Second pass about the mean: no cancellation for large values with a small spread.
    std::vector<double> squares(bins, 0.0);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const long bin = binOf(x[i], edges);
        if (bin >= 0 && std::isfinite(y[i])) {
            const double deviation = y[i] - series.values[static_cast<std::size_t>(bin)];
            squares[static_cast<std::size_t>(bin)] += deviation * deviation;
        }
    }
    for (std::size_t bin = 0; bin < bins; ++bin) {
        if (count[bin] > 0.0) {
            series.errors[bin] = std::sqrt(squares[bin] / count[bin]);
        }
    }
    return series;
}

std::vector<double> binRatios(const std::vector<double>& generated,
                              const std::vector<double>& reference) {
    std::vector<double> ratios(std::min(generated.size(), reference.size()), missing);
    for (std::size_t i = 0; i < ratios.size(); ++i) {
        if (std::isfinite(generated[i]) && std::isfinite(reference[i]) && reference[i] != 0.0) {
            ratios[i] = generated[i] / reference[i];
        }
    }
    return ratios;
}

} // namespace twins::viz
