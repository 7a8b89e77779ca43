#include "DelayGraph.h"

#include "BandProfile.h"
#include "Dispersion.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace pulsar {

namespace {

// Finer trials than this cost time without changing the pooled cells much: the smearing of a
// pulse between two trials is half their spacing, under 1.3 bins for the default maximum
// sweeps (about 1300 bins on 128 rows at DM 85, period 0.25 s).
constexpr double maxTrials = 512.0;

void meanAndSpread(const float* values, std::size_t count, std::size_t stride, float& mean,
                   float& spread) {
    double sum = 0.0, squares = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        const double v = values[i * stride];
        sum += v;
        squares += v * v;
    }
    const double m = sum / double(count);
    mean = float(m);
    spread = float(std::sqrt(std::max(0.0, squares / double(count) - m * m)));
}

// The value at quantile q (0..1) of `count` values `stride` apart (nearest rank).
float quantile(const float* values, std::size_t count, std::size_t stride, double q,
               std::vector<float>& scratch) {
    scratch.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        scratch[i] = values[i * stride];
    }
    const auto rank = std::size_t(std::lround(q * double(count - 1)));
    std::nth_element(scratch.begin(), scratch.begin() + std::ptrdiff_t(rank), scratch.end());
    return scratch[rank];
}

// Each value less the cubic through its two neighbours on either side, (-v[c-2] + 4 v[c-1] +
// 4 v[c+1] - v[c+2]) / 6 (mirrored at the ends): a smooth bandpass and its ripple, which a
// plain running median cannot follow, cancel; a carrier one or two columns wide stands out.
std::vector<float> highPassed(const std::vector<float>& v) {
    const auto n = std::ptrdiff_t(v.size());
    auto at = [&](std::ptrdiff_t i) {
        i = i < 0 ? -i : i;
        i = i >= n ? 2 * (n - 1) - i : i;
        return v[std::size_t(std::clamp<std::ptrdiff_t>(i, 0, n - 1))];
    };
    std::vector<float> out(v.size());
    for (std::ptrdiff_t c = 0; c < n; ++c) {
        out[std::size_t(c)] = v[std::size_t(c)] -
                              (-at(c - 2) + 4.0f * at(c - 1) + 4.0f * at(c + 1) - at(c + 2)) / 6.0f;
    }
    return out;
}

} // namespace

std::size_t sideInputLength(const NetworkGrid& grid) {
    return 2 * std::size_t(delayGraphCells) + 2 * std::size_t(grid.channels) +
           2 * std::size_t(grid.phaseBins);
}

std::size_t networkInputLength(const NetworkGrid& grid) {
    return inputPlanes * grid.pixels() + sideInputLength(grid);
}

DelayGraphPlan::DelayGraphPlan(const NetworkGrid& grid, const std::vector<double>& columnGHz,
                               double maxSweepBins, double bandEdgeFraction)
    : m_grid(grid), m_maxSweep(maxSweepBins), m_bandEdgeFraction(bandEdgeFraction) {
    if (!(bandEdgeFraction >= 0.0 && bandEdgeFraction < 0.5)) {
        throw std::invalid_argument("delay graph: the band profile's edge share must be within "
                                    "[0, 0.5)");
    }
    const auto columns = std::size_t(grid.channels);
    const auto rows = grid.phaseBins;
    if (columnGHz.size() != columns || columns < 2) {
        throw std::invalid_argument("delay graph: " + std::to_string(columnGHz.size()) +
                                    " column frequencies for a grid of " + std::to_string(columns) +
                                    " columns");
    }
    if (rows < 2) {
        throw std::invalid_argument("delay graph: a grid of " + std::to_string(rows) +
                                    " phase rows cannot hold the frame's two rotations");
    }
    const double top = columnGHz.front();
    const double bottom = columnGHz.back();
    if (!(top > bottom && bottom > 0.0)) {
        throw std::invalid_argument("delay graph: the band must descend from the first column "
                                    "(top) to the last, above 0 GHz");
    }
    if (!(maxSweepBins >= 0.0) || !std::isfinite(maxSweepBins)) {
        throw std::invalid_argument("delay graph: the largest sweep must be a number >= 0");
    }
    const double step = std::max(1.0, maxSweepBins / maxTrials);
    const auto trials =
        std::max(std::size_t(delayGraphCells), std::size_t(std::ceil(maxSweepBins / step)) + 1);
    const double span = dispersionDelayMs(1.0, bottom, top);
    m_shifts.resize(trials * columns);
    m_cellOfTrial.resize(trials);
    for (std::size_t t = 0; t < trials; ++t) {
        m_cellOfTrial[t] = int(t * std::size_t(delayGraphCells) / trials);
        const double sweep = sweepOfTrial(t);
        for (std::size_t c = 0; c < columns; ++c) {
            const double shape = dispersionDelayMs(1.0, columnGHz[c], top) / span;
            const long shift = std::lround(sweep * shape) % long(rows);
            m_shifts[t * columns + c] = int(shift);
        }
    }
}

void DelayGraphPlan::setReferenceBandpass(std::vector<double> reference) {
    if (!reference.empty() && reference.size() != std::size_t(m_grid.channels)) {
        throw std::invalid_argument("delay graph: a reference bandpass of " +
                                    std::to_string(reference.size()) + " columns for a grid of " +
                                    std::to_string(m_grid.channels));
    }
    m_reference = std::move(reference);
}

double DelayGraphPlan::sweepOfTrial(std::size_t trial) const {
    const std::size_t trials = m_cellOfTrial.size();
    return trials > 1 ? m_maxSweep * double(trial) / double(trials - 1) : 0.0;
}

void sideInputs(const float* planes, const DelayGraphPlan& plan, float* out) {
    const NetworkGrid& grid = plan.grid();
    const auto rows = std::size_t(grid.phaseBins);
    const auto columns = std::size_t(grid.channels);
    const float* plane0 = planes;
    const float* plane1 = planes + grid.pixels();
    float* graphFolded = out;
    float* graphBoth = graphFolded + delayGraphCells;
    float* bandMedian = graphBoth + delayGraphCells;
    float* bandUpper = bandMedian + columns;
    float* phaseMean = bandUpper + columns;
    float* phaseSpread = phaseMean + rows;

    for (std::size_t r = 0; r < rows; ++r) {
        meanAndSpread(plane0 + r * columns, columns, 1, phaseMean[r], phaseSpread[r]);
    }
    // The band profile: per column, the median and the upper quartile over phase of plane 1
    // (a steady carrier lifts the median; one on for a quarter of the frame or more, the upper
    // quartile; a pulse, on for a few bins, neither), high-passed across the band. The columns
    // within the plan's edge share (4%; 8% for older models) of either edge, where the
    // receiver's gain rolls off faster than the high-pass follows, are left at 0: a carrier
    // there is for the 2-D network alone.
    {
        std::vector<float> median(columns), upper(columns), scratch;
        for (std::size_t c = 0; c < columns; ++c) {
            median[c] = quantile(plane1 + c, rows, columns, 0.5, scratch);
            upper[c] = quantile(plane1 + c, rows, columns, 0.75, scratch);
        }
        const std::vector<float> a = highPassed(median);
        const std::vector<float> b = highPassed(upper);
        const auto edge = std::size_t(std::ceil(plan.bandEdgeFraction() * double(columns)));
        for (std::size_t c = 0; c < columns; ++c) {
            const bool inside = c >= edge && c + edge < columns;
            bandMedian[c] = inside ? a[c] : 0.0f;
            bandUpper[c] = inside ? b[c] : 0.0f;
        }
    }

    // Plane 0 channel-major with the zero-DM filter applied, so each column's circular shift
    // is two contiguous additions.
    std::vector<float> filtered(columns * rows);
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < columns; ++c) {
            filtered[c * rows + r] = plane0[r * columns + c] - phaseMean[r];
        }
    }
    std::fill(graphFolded, graphFolded + 2 * delayGraphCells,
              -std::numeric_limits<float>::infinity());
    const float boxcarNorm = 1.0f / std::sqrt(3.0f * float(columns));
    const float foldNorm = 1.0f / std::sqrt(2.0f);
    const std::size_t half = rows / 2; // rows >= 2 (the plan checks)
    std::vector<float> profile(rows), boxcar(rows);
    const int* shifts = plan.shifts().data();
    for (std::size_t t = 0; t < plan.trials(); ++t) {
        std::fill(profile.begin(), profile.end(), 0.0f);
        for (std::size_t c = 0; c < columns; ++c) {
            const auto s = std::size_t(shifts[t * columns + c]);
            const float* column = &filtered[c * rows];
            // profile[r] += column[(r + s) mod rows]
            float* head = profile.data();
            const float* from = column + s;
            for (std::size_t r = 0; r < rows - s; ++r) {
                head[r] += from[r];
            }
            float* tail = profile.data() + (rows - s);
            for (std::size_t r = 0; r < s; ++r) {
                tail[r] += column[r];
            }
        }
        // The frame holds two rotations: a pulse is there twice, half the rows apart; an
        // impulse (BBRFI, whose band-limited and chirped kinds the zero-DM filter leaves in
        // part) once. Per trial, over the first rotation's rows r: the 3-bin boxcar B folded,
        // (B[r] + B[r + half]) / sqrt(2), and the smaller of the two, min(B[r], B[r + half]).
        for (std::size_t r = 0; r < rows; ++r) {
            boxcar[r] = (profile[(r + rows - 1) % rows] + profile[r] + profile[(r + 1) % rows]) *
                        boxcarNorm;
        }
        float folded = -std::numeric_limits<float>::infinity();
        float both = folded;
        for (std::size_t r = 0; r < half; ++r) {
            const float a = boxcar[r];
            const float b = boxcar[r + half];
            folded = std::max(folded, (a + b) * foldNorm);
            both = std::max(both, std::min(a, b));
        }
        const auto cell = std::size_t(plan.cellOfTrial()[t]);
        graphFolded[cell] = std::max(graphFolded[cell], folded);
        graphBoth[cell] = std::max(graphBoth[cell], both);
    }
}

std::vector<float> networkFeatures(const double* values, std::size_t channels, std::size_t bins,
                                   const DelayGraphPlan& plan,
                                   const NormalisationSettings& settings) {
    const NetworkGrid& grid = plan.grid();
    const std::vector<double> resampled = resampleFrame(values, channels, bins, grid);
    std::vector<float> planes = normaliseFrame(resampled, grid, settings);
    planes.resize(networkInputLength(grid));
    float* side = planes.data() + inputPlanes * grid.pixels();
    sideInputs(planes.data(), plan, side);
    if (!plan.referenceBandpass().empty()) {
        // The band profile's place in the side inputs (sideInputs' order).
        float* bandMedian = side + 2 * delayGraphCells;
        calibratedBandProfile(resampled, grid, plan.referenceBandpass(), settings.clip, bandMedian,
                              bandMedian + grid.channels);
    }
    return planes;
}

double sweepBins(double dm, double periodS, double topGHz, double bottomGHz, std::size_t frameBins,
                 double phaseStepDeg, int gridRows) {
    const double rotations = dispersionDelayMs(dm, bottomGHz, topGHz) / (1000.0 * periodS);
    const double frameRotations = double(frameBins) * phaseStepDeg / 360.0;
    return rotations * double(gridRows) / frameRotations;
}

} // namespace pulsar
