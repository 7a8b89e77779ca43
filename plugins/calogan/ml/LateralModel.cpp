#include "LateralModel.h"

#include "ShowerMetrics.h"
#include "ShowerSimulator.h"
#include "twinbench/jobs/CpuState.h"
#include "twinbench/sdk/AtomicFile.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace calo {

namespace {

using Model = LateralModel;

// Linear interpolation between `nodes` equally spaced nodes over [low, high] (clamped).
struct Hat {
    int first = 0, second = 0;
    double firstWeight = 1.0, secondWeight = 0.0;
};

Hat hat(double value, double low, double high, int nodes) {
    if (nodes <= 1 || !(high > low)) {
        return {};
    }
    const double position = std::clamp((value - low) / (high - low), 0.0, 1.0) * (nodes - 1);
    const int first = std::min(int(position), nodes - 2);
    const double fraction = position - first;
    return {first, first + 1, 1.0 - fraction, fraction};
}

double gridReach() {
    return std::asinh(Model::gridReachCells / Model::gridScaleCells);
}

// Continuous grid coordinate of an offset in cells: bin k spans [k, k + 1).
double gridCoordinate(double offsetCells) {
    const double reach = gridReach();
    return (std::asinh(offsetCells / Model::gridScaleCells) + reach) / (2.0 * reach) *
           Model::gridBins;
}

double cotangent(double thetaRad) {
    return std::cos(thetaRad) / std::sin(thetaRad);
}

struct LayerSummary {
    double energy = 0.0, x = 0.0, y = 0.0; // GeV, centroid in cells
    int hits = 0;
};

std::array<LayerSummary, layers> summarise(const float* cells) {
    std::array<LayerSummary, layers> summary{};
    for (int x = 0; x < cellsX; ++x) {
        for (int y = 0; y < cellsY; ++y) {
            const float* column = cells + cellIndex(x, y, 0);
            for (int l = 0; l < layers; ++l) {
                const double e = column[l];
                if (e > 0.0) {
                    summary[l].energy += e;
                    summary[l].x += e * x;
                    summary[l].y += e * y;
                    summary[l].hits += e > hitThresholdGeV ? 1 : 0;
                }
            }
        }
    }
    for (LayerSummary& layer : summary) {
        if (layer.energy > 0.0) {
            layer.x /= layer.energy;
            layer.y /= layer.energy;
        }
    }
    return summary;
}

// The mean centroid of layer l for a primary (hat-blended over the energy nodes).
std::pair<double, double> track(const Model& model, const Hat& energy, double cot, int l) {
    double x = 0.0, y = 0.0;
    for (const auto& [node, weight] : {std::pair{energy.first, energy.firstWeight},
                                       std::pair{energy.second, energy.secondWeight}}) {
        const double* c = &model.trackX[(std::size_t(node) * layers + l) * 3];
        x += weight * (c[0] + c[1] * cot + c[2] * cot * cot);
        y += weight * model.trackY[std::size_t(node) * layers + l];
    }
    return {x, y};
}

double quantile(const std::vector<double>& quantiles, double u) {
    const double position = u * double(quantiles.size() - 1);
    const auto k = std::min(std::size_t(position), quantiles.size() - 2);
    const double fraction = position - double(k);
    return quantiles[k] + fraction * (quantiles[k + 1] - quantiles[k]);
}

// Solves the 3 x 3 system a x = b (Gaussian elimination with partial pivoting); a tiny ridge
// keeps a degenerate system (all showers at one angle) solvable: the constant then carries it.
std::array<double, 3> solve3(std::array<std::array<double, 3>, 3> a, std::array<double, 3> b) {
    const double ridge = 1e-9 * std::max(1e-300, a[0][0]);
    for (int i = 0; i < 3; ++i) {
        a[i][i] += ridge;
    }
    for (int col = 0; col < 3; ++col) {
        int pivot = col;
        for (int row = col + 1; row < 3; ++row) {
            if (std::abs(a[row][col]) > std::abs(a[pivot][col])) {
                pivot = row;
            }
        }
        std::swap(a[col], a[pivot]);
        std::swap(b[col], b[pivot]);
        for (int row = col + 1; row < 3; ++row) {
            const double factor = a[row][col] / a[col][col];
            for (int k = col; k < 3; ++k) {
                a[row][k] -= factor * a[col][k];
            }
            b[row] -= factor * b[col];
        }
    }
    std::array<double, 3> x{};
    for (int row = 2; row >= 0; --row) {
        double sum = b[row];
        for (int k = row + 1; k < 3; ++k) {
            sum -= a[row][k] * x[k];
        }
        x[row] = sum / a[row][row];
    }
    return x;
}

// Hits per energy node and layer of showers rendered with the model as it stands, for the
// conditions and layer energies of the first `count` training showers.
std::vector<double> renderedHits(const Model& model, const LateralShowers& showers,
                                 const std::vector<float>& layerGeV, std::size_t count,
                                 std::uint64_t seed) {
    std::vector<double> hits(std::size_t(model.energyNodes) * layers, 0.0);
    std::vector<double> weights(hits.size(), 0.0);
    std::vector<float> cells(cellsPerShower);
    for (std::size_t i = 0; i < count; ++i) {
        twins::sdk::Random random(twins::sdk::streamSeed(seed, i));
        renderShower(model, showers.energyGeV[i], showers.thetaRad[i], &layerGeV[i * layers],
                     random, cells.data());
        const auto summary = summarise(cells.data());
        const Hat e =
            hat(showers.energyGeV[i], model.energyMinGeV, model.energyMaxGeV, model.energyNodes);
        for (int l = 0; l < layers; ++l) {
            for (const auto& [node, w] :
                 {std::pair{e.first, e.firstWeight}, std::pair{e.second, e.secondWeight}}) {
                hits[std::size_t(node) * layers + l] += w * summary[l].hits;
                weights[std::size_t(node) * layers + l] += w;
            }
        }
    }
    for (std::size_t k = 0; k < hits.size(); ++k) {
        hits[k] = weights[k] > 0.0 ? hits[k] / weights[k] : 0.0;
    }
    return hits;
}

} // namespace

LateralModel fitLateralModel(const LateralShowers& showers, const LateralFitSettings& settings,
                             const std::function<void(std::size_t, std::size_t)>& progress) {
    if (showers.count < 2) {
        throw std::runtime_error("the lateral model needs at least 2 training showers, got " +
                                 std::to_string(showers.count));
    }
    Model model;
    model.energyNodes = std::max(1, settings.energyNodes);
    model.thetaNodes = std::max(1, settings.thetaNodes);
    model.energyMinGeV = *std::min_element(showers.energyGeV, showers.energyGeV + showers.count);
    model.energyMaxGeV = *std::max_element(showers.energyGeV, showers.energyGeV + showers.count);
    model.thetaMinRad = *std::min_element(showers.thetaRad, showers.thetaRad + showers.count);
    model.thetaMaxRad = *std::max_element(showers.thetaRad, showers.thetaRad + showers.count);
    const auto energyNodes = std::size_t(model.energyNodes);
    const std::size_t grid = std::size_t(Model::gridBins) * Model::gridBins;
    model.density.assign(energyNodes * std::size_t(model.thetaNodes) * layers * grid, 0.0f);
    std::vector<double> density(model.density.size(), 0.0);
    std::vector<double> visits(model.density.size(), 0.0);
    // Track fits: normal equations per energy node and layer.
    std::vector<std::array<std::array<double, 3>, 3>> normal(energyNodes * layers);
    std::vector<std::array<double, 3>> rightX(energyNodes * layers);
    std::vector<double> sumY(energyNodes * layers, 0.0), weightY(energyNodes * layers, 0.0);
    std::vector<double> hitSum(energyNodes * layers, 0.0), hitWeight(energyNodes * layers, 0.0);
    std::vector<float> layerGeV(showers.count * layers), centroidX(showers.count * layers),
        centroidY(showers.count * layers);
    std::vector<float> cells;
    for (std::size_t i = 0; i < showers.count; ++i) {
        if (progress) {
            progress(i, 2 * showers.count);
        }
        showers.cells(i, cells);
        const auto summary = summarise(cells.data());
        const Hat e =
            hat(showers.energyGeV[i], model.energyMinGeV, model.energyMaxGeV, model.energyNodes);
        const double cot = cotangent(showers.thetaRad[i]);
        const std::array<double, 3> basis{1.0, cot, cot * cot};
        for (int l = 0; l < layers; ++l) {
            const LayerSummary& s = summary[l];
            layerGeV[i * layers + l] = float(s.energy);
            centroidX[i * layers + l] = float(s.x);
            centroidY[i * layers + l] = float(s.y);
            for (const auto& [node, w] :
                 {std::pair{e.first, e.firstWeight}, std::pair{e.second, e.secondWeight}}) {
                const std::size_t k = std::size_t(node) * layers + l;
                hitSum[k] += w * s.hits;
                hitWeight[k] += w;
                if (!(s.energy > 0.0) || w == 0.0) {
                    continue;
                }
                for (int a = 0; a < 3; ++a) {
                    for (int b = 0; b < 3; ++b) {
                        normal[k][a][b] += w * basis[a] * basis[b];
                    }
                    rightX[k][a] += w * basis[a] * s.x;
                }
                sumY[k] += w * s.y;
                weightY[k] += w;
            }
        }
    }
    model.trackX.assign(energyNodes * layers * 3, 0.0);
    model.trackY.assign(energyNodes * layers, 0.5 * (cellsY - 1));
    for (std::size_t k = 0; k < energyNodes * layers; ++k) {
        if (weightY[k] > 0.0) {
            const auto c = solve3(normal[k], rightX[k]);
            std::copy(c.begin(), c.end(), model.trackX.begin() + std::ptrdiff_t(k * 3));
            model.trackY[k] = sumY[k] / weightY[k];
        } else {
            model.trackX[k * 3] = 0.5 * (cellsX - 1);
        }
    }
    // Each shower's common offset from the mean track, weighted by its layer energies.
    std::vector<double> offsetX, offsetY;
    std::vector<double> showerOffsetX(showers.count, NAN), showerOffsetY(showers.count, NAN);
    for (std::size_t i = 0; i < showers.count; ++i) {
        const Hat e =
            hat(showers.energyGeV[i], model.energyMinGeV, model.energyMaxGeV, model.energyNodes);
        const double cot = cotangent(showers.thetaRad[i]);
        double sum = 0.0, dx = 0.0, dy = 0.0;
        for (int l = 0; l < layers; ++l) {
            const double w = layerGeV[i * layers + l];
            if (w > 0.0) {
                const auto [x, y] = track(model, e, cot, l);
                dx += w * (centroidX[i * layers + l] - x);
                dy += w * (centroidY[i * layers + l] - y);
                sum += w;
            }
        }
        if (sum > 0.0) {
            offsetX.push_back(showerOffsetX[i] = dx / sum);
            offsetY.push_back(showerOffsetY[i] = dy / sum);
        }
    }
    if (offsetX.empty()) {
        throw std::runtime_error("no training shower deposits energy: cannot fit the lateral "
                                 "model");
    }
    std::sort(offsetX.begin(), offsetX.end());
    std::sort(offsetY.begin(), offsetY.end());
    for (int q = 0; q < Model::offsetQuantiles; ++q) {
        const double u = double(q) / (Model::offsetQuantiles - 1);
        model.offsetX.push_back(quantile(offsetX, u));
        model.offsetY.push_back(quantile(offsetY, u));
    }

    // The lateral density: the share of the layer energy in the cells whose centres lie at
    // each offset from the shower's axis as rendering places it (the mean track plus the
    // shower's common offset), over every cell visited (empty ones too). Measured about the
    // same point rendering uses, the density holds the pads' quantisation as the showers
    // have it; each layer's own centroid would not do: a narrow core's is pulled to its pad's
    // centre.
    for (std::size_t i = 0; i < showers.count; ++i) {
        if (progress) {
            progress(showers.count + i, 2 * showers.count);
        }
        if (std::isnan(showerOffsetX[i])) {
            continue;
        }
        showers.cells(i, cells);
        const Hat e =
            hat(showers.energyGeV[i], model.energyMinGeV, model.energyMaxGeV, model.energyNodes);
        const Hat t =
            hat(showers.thetaRad[i], model.thetaMinRad, model.thetaMaxRad, model.thetaNodes);
        const double cot = cotangent(showers.thetaRad[i]);
        for (int l = 0; l < layers; ++l) {
            const double energy = layerGeV[i * layers + l];
            if (!(energy > 0.0)) {
                continue;
            }
            const auto [trackX, trackY] = track(model, e, cot, l);
            const double axisX = trackX + showerOffsetX[i], axisY = trackY + showerOffsetY[i];
            const std::array<std::pair<std::size_t, double>, 4> nodes{
                std::pair{model.densityIndex(e.first, t.first, l), e.firstWeight * t.firstWeight},
                std::pair{model.densityIndex(e.first, t.second, l), e.firstWeight * t.secondWeight},
                std::pair{model.densityIndex(e.second, t.first, l), e.secondWeight * t.firstWeight},
                std::pair{model.densityIndex(e.second, t.second, l),
                          e.secondWeight * t.secondWeight}};
            std::array<int, cellsY> binY{};
            for (int y = 0; y < cellsY; ++y) {
                const double by = gridCoordinate(y - axisY);
                binY[std::size_t(y)] = by >= 0.0 && by < Model::gridBins ? int(by) : -1;
            }
            for (int x = 0; x < cellsX; ++x) {
                const double bx = gridCoordinate(x - axisX);
                if (bx < 0.0 || bx >= Model::gridBins) {
                    continue;
                }
                for (int y = 0; y < cellsY; ++y) {
                    if (binY[std::size_t(y)] < 0) {
                        continue;
                    }
                    const std::size_t bin =
                        std::size_t(bx) * Model::gridBins + std::size_t(binY[std::size_t(y)]);
                    const double share = cells[cellIndex(x, y, l)] / energy;
                    for (const auto& [index, w] : nodes) {
                        visits[index + bin] += w;
                        density[index + bin] += w * share;
                    }
                }
            }
        }
    }
    // A fine 2-D grid per node and layer is visited sparsely (tens of times per core bin from
    // thousands of showers): each bin's share is the mean over the smallest box of bins around
    // it holding minimumVisits visits (adaptive kernel regression), so a bin no pad centre
    // happened to visit is not read as empty.
    constexpr double minimumVisits = 20.0;
    constexpr int widestBox = 4;
    for (std::size_t g = 0; g < density.size(); g += grid) {
        for (int bx = 0; bx < Model::gridBins; ++bx) {
            for (int by = 0; by < Model::gridBins; ++by) {
                double sum = 0.0, count = 0.0;
                for (int r = 0; r <= widestBox && count < minimumVisits; ++r) {
                    sum = count = 0.0;
                    for (int x = std::max(0, bx - r); x <= std::min(Model::gridBins - 1, bx + r);
                         ++x) {
                        for (int y = std::max(0, by - r);
                             y <= std::min(Model::gridBins - 1, by + r); ++y) {
                            const std::size_t k = g + std::size_t(x * Model::gridBins + y);
                            sum += density[k];
                            count += visits[k];
                        }
                    }
                }
                model.density[g + std::size_t(bx * Model::gridBins + by)] =
                    count > 0.0 ? float(sum / count) : 0.0f;
            }
        }
    }

    // The spot energy per energy node and layer: rendered training showers (their own layer
    // energies) against their hit counts. Hits as a function of the spot energy rise while
    // spots are too small to pass the threshold alone and fall once fewer, larger spots fill
    // fewer cells; of the two spots that give the training showers' count the larger is
    // taken (fewer spots, faster), or the one with the most hits when none reaches it.
    std::vector<double> targetHits(energyNodes * layers, 0.0);
    for (std::size_t k = 0; k < targetHits.size(); ++k) {
        targetHits[k] = hitWeight[k] > 0.0 ? hitSum[k] / hitWeight[k] : 0.0;
    }
    constexpr int candidates = 16;
    const double smallest = std::log(1e-5), largest = std::log(1e-2);
    std::vector<std::vector<double>> hitsAt;
    const std::size_t rendered =
        std::min(showers.count, std::max<std::size_t>(1, settings.hitShowers));
    for (int c = 0; c < candidates; ++c) {
        const double spot = std::exp(smallest + (largest - smallest) * c / (candidates - 1));
        model.spotGeV.assign(energyNodes * layers, spot);
        hitsAt.push_back(renderedHits(model, showers, layerGeV, rendered, settings.seed));
    }
    model.spotGeV.assign(energyNodes * layers, 0.0);
    for (std::size_t k = 0; k < targetHits.size(); ++k) {
        const auto logSpot = [&](double c) {
            return smallest + (largest - smallest) * c / (candidates - 1);
        };
        int best = 0;
        for (int c = 1; c < candidates; ++c) {
            if (hitsAt[std::size_t(c)][k] > hitsAt[std::size_t(best)][k]) {
                best = c;
            }
        }
        double chosen = logSpot(best);
        if (hitsAt[candidates - 1][k] >= targetHits[k]) {
            chosen = logSpot(candidates - 1);
        } else {
            for (int c = candidates - 2; c >= best; --c) {
                const double above = hitsAt[std::size_t(c)][k];
                const double below = hitsAt[std::size_t(c) + 1][k];
                if (above >= targetHits[k] && below < targetHits[k]) {
                    const double f = (above - targetHits[k]) / std::max(1e-12, above - below);
                    chosen = logSpot(c + f);
                    break;
                }
            }
        }
        model.spotGeV[k] = std::exp(chosen);
    }
    return model;
}

void renderShower(const LateralModel& model, double energyGeV, double thetaRad,
                  const float* layerGeV, twins::sdk::Random& random, float* cells) {
    std::fill(cells, cells + cellsPerShower, 0.0f);
    // After LibTorch's AVX code (stage 1 ran just before), libm's log and exp run several
    // times slower until the upper AVX state is cleared (CpuState.h).
    twins::jobs::clearAvxUpperState();
    const Hat e = hat(energyGeV, model.energyMinGeV, model.energyMaxGeV, model.energyNodes);
    const Hat t = hat(thetaRad, model.thetaMinRad, model.thetaMaxRad, model.thetaNodes);
    const double cot = cotangent(thetaRad);
    const double offsetX = quantile(model.offsetX, random.uniform());
    const double offsetY = quantile(model.offsetY, random.uniform());
    constexpr int bins = Model::gridBins;
    std::vector<double> blended(std::size_t(bins) * bins), cdf;
    std::vector<int> cellOf;
    std::vector<double> deposit;
    const std::array<std::pair<std::pair<int, int>, double>, 4> nodes{
        std::pair{std::pair{e.first, t.first}, e.firstWeight * t.firstWeight},
        std::pair{std::pair{e.first, t.second}, e.firstWeight * t.secondWeight},
        std::pair{std::pair{e.second, t.first}, e.secondWeight * t.firstWeight},
        std::pair{std::pair{e.second, t.second}, e.secondWeight * t.secondWeight}};
    for (int l = 0; l < layers; ++l) {
        const double energy = layerGeV[l];
        if (!(energy > 0.0)) {
            continue;
        }
        std::fill(blended.begin(), blended.end(), 0.0);
        for (const auto& [node, w] : nodes) {
            if (w == 0.0) {
                continue;
            }
            const float* grid = &model.density[model.densityIndex(node.first, node.second, l)];
            for (std::size_t k = 0; k < blended.size(); ++k) {
                blended[k] += w * grid[k];
            }
        }
        const auto [trackX, trackY] = track(model, e, cot, l);
        const double cx = trackX + offsetX, cy = trackY + offsetY;
        // Bilinear interpolation between bin centres, per axis first (separable positions).
        const auto axis = [&](int cellsAlong, double centre,
                              std::vector<std::pair<int, double>>& at) {
            at.assign(std::size_t(cellsAlong), {-1, 0.0});
            for (int i = 0; i < cellsAlong; ++i) {
                const double c = gridCoordinate(i - centre);
                if (c >= 0.0 && c < bins) {
                    const double p = std::clamp(c - 0.5, 0.0, double(bins - 1) - 1e-9);
                    at[std::size_t(i)] = {int(p), p - std::floor(p)};
                }
            }
        };
        std::vector<std::pair<int, double>> ax, ay;
        axis(cellsX, cx, ax);
        axis(cellsY, cy, ay);
        cdf.clear();
        cellOf.clear();
        double total = 0.0;
        for (int x = 0; x < cellsX; ++x) {
            const auto [ix, fx] = ax[std::size_t(x)];
            if (ix < 0) {
                continue;
            }
            const int jx = std::min(ix + 1, bins - 1);
            for (int y = 0; y < cellsY; ++y) {
                const auto [iy, fy] = ay[std::size_t(y)];
                if (iy < 0) {
                    continue;
                }
                const int jy = std::min(iy + 1, bins - 1);
                const double value = (1 - fx) * ((1 - fy) * blended[std::size_t(ix * bins + iy)] +
                                                 fy * blended[std::size_t(ix * bins + jy)]) +
                                     fx * ((1 - fy) * blended[std::size_t(jx * bins + iy)] +
                                           fy * blended[std::size_t(jx * bins + jy)]);
                if (value > 0.0) {
                    total += value;
                    cdf.push_back(total);
                    cellOf.push_back(cellIndex(x, y, l));
                }
            }
        }
        if (cdf.empty()) {
            // The centroid left the window: the energy goes to the nearest cell.
            const int x = std::clamp(int(std::lround(cx)), 0, cellsX - 1);
            const int y = std::clamp(int(std::lround(cy)), 0, cellsY - 1);
            cells[cellIndex(x, y, l)] += float(energy);
            continue;
        }
        double spot = 0.0;
        for (const auto& [node, w] :
             {std::pair{e.first, e.firstWeight}, std::pair{e.second, e.secondWeight}}) {
            spot += w * std::log(model.spotGeV[std::size_t(node) * layers + l]);
        }
        // At most maxSpots quanta per layer: a bound on the cost when stage 1 extrapolates far
        // outside its training energies (seen: 10 GeV for a 100-200 GeV model gave layers of
        // several GeV); a 500 GeV shower's hottest layer holds ~5,000 quanta of 3e-4 GeV.
        constexpr std::int64_t maxSpots = 50000;
        const auto spots =
            std::clamp<std::int64_t>(random.poisson(energy / std::exp(spot)), 1, maxSpots);
        deposit.assign(cdf.size(), 0.0);
        double deposited = 0.0;
        for (std::int64_t s = 0; s < spots; ++s) {
            const double quantum = random.exponential(1.0);
            const auto at = std::size_t(
                std::upper_bound(cdf.begin(), cdf.end(), random.uniform() * total) - cdf.begin());
            deposit[std::min(at, cdf.size() - 1)] += quantum;
            deposited += quantum;
        }
        const double scale = energy / deposited;
        for (std::size_t k = 0; k < deposit.size(); ++k) {
            if (deposit[k] > 0.0) {
                cells[cellOf[k]] += float(deposit[k] * scale);
            }
        }
    }
}

namespace {

constexpr char magic[16] = "twinbench-lat/1";

void append(std::string& out, const void* data, std::size_t bytes) {
    out.append(static_cast<const char*>(data), bytes);
}

template <typename T> void put(std::string& out, const std::vector<T>& values) {
    const auto n = std::uint64_t(values.size());
    append(out, &n, sizeof n);
    append(out, values.data(), n * sizeof(T));
}

template <typename T>
void get(std::ifstream& in, std::vector<T>& values, std::size_t expected, const std::string& path,
         const char* what) {
    std::uint64_t n = 0;
    in.read(reinterpret_cast<char*>(&n), sizeof n);
    if (!in || n != expected) {
        throw std::runtime_error(path + ": lateral model's " + what + " has " + std::to_string(n) +
                                 " values, expected " + std::to_string(expected));
    }
    values.resize(expected);
    in.read(reinterpret_cast<char*>(values.data()), std::streamsize(n * sizeof(T)));
}

} // namespace

void writeLateralModel(const std::string& path, const LateralModel& model) {
    // Built in memory and written atomically (the SDK's one way a twin writes a run's file).
    std::string out;
    append(out, magic, sizeof magic);
    const std::array<std::int32_t, 5> shape{model.energyNodes, model.thetaNodes, Model::gridBins,
                                            layers, Model::offsetQuantiles};
    append(out, shape.data(), sizeof shape);
    const std::array<double, 5> ranges{model.energyMinGeV, model.energyMaxGeV, model.thetaMinRad,
                                       model.thetaMaxRad, Model::gridScaleCells};
    append(out, ranges.data(), sizeof ranges);
    put(out, model.trackX);
    put(out, model.trackY);
    put(out, model.offsetX);
    put(out, model.offsetY);
    put(out, model.density);
    put(out, model.spotGeV);
    twins::sdk::writeFileAtomically(path, out);
}

LateralModel readLateralModel(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char header[sizeof magic] = {};
    in.read(header, sizeof header);
    if (!in || std::memcmp(header, magic, sizeof magic) != 0) {
        throw std::runtime_error(path + ": not a calogan lateral model (expected lateral.bin of "
                                        "a train run with stage2=shapes)");
    }
    std::array<std::int32_t, 5> shape{};
    in.read(reinterpret_cast<char*>(shape.data()), sizeof shape);
    std::array<double, 5> ranges{};
    in.read(reinterpret_cast<char*>(ranges.data()), sizeof ranges);
    if (!in || shape[0] < 1 || shape[0] > 64 || shape[1] < 1 || shape[1] > 64 ||
        shape[2] != Model::gridBins || shape[3] != layers || shape[4] != Model::offsetQuantiles ||
        ranges[4] != Model::gridScaleCells) {
        throw std::runtime_error(path + ": the lateral model's grid does not match this build's");
    }
    LateralModel model;
    model.energyNodes = shape[0];
    model.thetaNodes = shape[1];
    model.energyMinGeV = ranges[0];
    model.energyMaxGeV = ranges[1];
    model.thetaMinRad = ranges[2];
    model.thetaMaxRad = ranges[3];
    const auto e = std::size_t(model.energyNodes);
    get(in, model.trackX, e * layers * 3, path, "trackX");
    get(in, model.trackY, e * layers, path, "trackY");
    get(in, model.offsetX, Model::offsetQuantiles, path, "offsetX");
    get(in, model.offsetY, Model::offsetQuantiles, path, "offsetY");
    get(in, model.density,
        e * std::size_t(model.thetaNodes) * layers * Model::gridBins * Model::gridBins, path,
        "density");
    get(in, model.spotGeV, e * layers, path, "spotGeV");
    if (!in) {
        throw std::runtime_error(path + ": the lateral model is truncated");
    }
    return model;
}

} // namespace calo
