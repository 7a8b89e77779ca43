#include "PatchDataset.h"

#include "CycloneError.h"
#include "twinbench/sdk/Random.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace cyclone {

namespace {

// The label of one tile: the strongest true centre inside it (half a cell margin, so a centre
// between two tiles belongs to exactly one), normalised to [0, 1]; (-1, -1) without one.
std::array<float, 2> tileLabel(const PatchGrid& grid, const PatchTile& tile,
                               const std::vector<const BestTrackPoint*>& centres) {
    const double size = static_cast<double>(grid.patchSize());
    std::array<float, 2> label{noCentreLabel, noCentreLabel};
    double strongest = -1.0;
    for (const BestTrackPoint* point : centres) {
        const auto position = grid.position(point->latitude, point->longitude);
        if (!position) {
            continue;
        }
        const double row = position->first - static_cast<double>(tile.row);
        const double column = position->second - static_cast<double>(tile.column);
        const double own = -0.5;
        if (row < own + tile.ownRow || column < own + tile.ownColumn || row >= size - 0.5 ||
            column >= size - 0.5) {
            continue;
        }
        const double wind = std::isnan(point->windMs) ? 0.0 : point->windMs;
        if (wind > strongest) {
            strongest = wind;
            label = {static_cast<float>(std::clamp(row, 0.0, size - 1) / (size - 1)),
                     static_cast<float>(std::clamp(column, 0.0, size - 1) / (size - 1))};
        }
    }
    return label;
}

} // namespace

ChannelNormalisation PatchDataset::trainingStatistics() const {
    ChannelNormalisation result;
    const std::size_t plane = static_cast<std::size_t>(patchSize * patchSize);
    for (std::size_t channel = 0; channel < cnnChannelCount; ++channel) {
        // Two passes in double: single-pass sums of ~1e5 Pa squared lose the variance.
        double sum = 0.0;
        std::size_t count = 0;
        for (const std::size_t patch : trainPatches) {
            const float* values = inputs.data() + patch * patchValues() + channel * plane;
            for (std::size_t i = 0; i < plane; ++i) {
                if (!std::isnan(values[i])) {
                    sum += values[i];
                    ++count;
                }
            }
        }
        const double mean = count ? sum / static_cast<double>(count) : 0.0;
        double squares = 0.0;
        for (const std::size_t patch : trainPatches) {
            const float* values = inputs.data() + patch * patchValues() + channel * plane;
            for (std::size_t i = 0; i < plane; ++i) {
                if (!std::isnan(values[i])) {
                    squares += (values[i] - mean) * (values[i] - mean);
                }
            }
        }
        const double deviation =
            count > 1 ? std::sqrt(squares / static_cast<double>(count - 1)) : 0.0;
        result.mean[channel] = mean;
        result.scale[channel] = deviation > 0.0 ? deviation : 1.0;
    }
    return result;
}

namespace {

// Tiles of `grid` next to (8-connected) a tile in `centres`.
std::set<std::size_t> neighbourTiles(const PatchGrid& grid, const std::set<std::size_t>& centres) {
    std::set<std::size_t> neighbours;
    const std::size_t size = grid.patchSize();
    for (const std::size_t c : centres) {
        const PatchTile& centre = grid.tiles()[c];
        for (std::size_t t = 0; t < grid.tiles().size(); ++t) {
            const PatchTile& tile = grid.tiles()[t];
            const auto rowGap =
                std::abs(static_cast<long>(tile.row) - static_cast<long>(centre.row));
            const auto columnGap =
                std::abs(static_cast<long>(tile.column) - static_cast<long>(centre.column));
            if (t != c && !centres.count(t) && rowGap <= static_cast<long>(size) &&
                columnGap <= static_cast<long>(size)) {
                neighbours.insert(t);
            }
        }
    }
    return neighbours;
}

} // namespace

PatchDataset buildPatchDataset(const std::vector<LabelledSource>& sources, int patchSize,
                               const PatchSampling& sampling,
                               const std::function<void(std::size_t, std::size_t)>& onStep) {
    PatchDataset dataset;
    dataset.patchSize = patchSize;
    std::vector<std::unique_ptr<DriverChannels>> files;
    for (const LabelledSource& source : sources) {
        files.push_back(std::make_unique<DriverChannels>(source.drivers));
        dataset.truthBySource.push_back(readBestTrackCsv(source.truth));
        dataset.grids.push_back(std::make_unique<PatchGrid>(files.back()->axes().latitudes(),
                                                            files.back()->axes().longitudes(),
                                                            static_cast<std::size_t>(patchSize)));
    }
    if (sampling.validationSources >= sources.size() && sampling.validationSources > 0) {
        throw CycloneError("validation_inputs",
                           "is " + std::to_string(sampling.validationSources) + " of " +
                               std::to_string(sources.size()) +
                               " inputs; at least one input must be left for training");
    }

    // First pass, labels only (from the truth, no field read): which steps are validation
    // steps, which tiles hold a centre and which of the rest are kept.
    struct Plan {
        std::size_t source;
        std::size_t step;
        bool validation;
        std::vector<std::size_t> tiles;
        std::vector<std::array<float, 2>> labels;
    };
    std::vector<Plan> plans;
    // (plan, tile) candidates for background patches: next to a centre, and the others.
    std::vector<std::pair<std::size_t, std::size_t>> nearCandidates;
    std::vector<std::pair<std::size_t, std::size_t>> background;
    std::size_t trainCentres = 0;
    for (std::size_t s = 0; s < sources.size(); ++s) {
        const DriverChannels& file = *files[s];
        const PatchGrid& grid = *dataset.grids[s];
        std::map<std::string, std::vector<const BestTrackPoint*>> truthByTime;
        for (const BestTrackPoint& point : dataset.truthBySource[s]) {
            truthByTime[isoTime(point.time)].push_back(&point);
        }
        const std::size_t steps = file.axes().steps();
        const bool validationSource = s >= sources.size() - sampling.validationSources;
        const auto firstValidation =
            sampling.validationSources > 0
                ? (validationSource ? 0 : steps)
                : static_cast<std::size_t>(
                      std::floor((1.0 - sampling.validationFraction) * static_cast<double>(steps)));
        const std::size_t validationSteps = steps - std::min(steps, firstValidation);
        const std::size_t stride =
            sampling.maxValidationSteps > 0 && validationSteps > sampling.maxValidationSteps
                ? (validationSteps + sampling.maxValidationSteps - 1) / sampling.maxValidationSteps
                : 1;
        const std::vector<const BestTrackPoint*> none;
        for (std::size_t step = 0; step < steps; ++step) {
            Plan plan{s, step, step >= firstValidation, {}, {}};
            if (plan.validation && (step - firstValidation) % stride != 0) {
                continue;
            }
            // The harder world's bait (extratropical lows, monsoon depressions, weak lows) is
            // in the truth to be rejected: its centres are not labels, and every training patch
            // holding one is kept as a negative, the false alarm the network must learn to
            // refuse. (Labelling them as centres taught the CNN to find them: 5630 of its 5724
            // false alarms on the held-out harder years were bait.)
            const auto centres = truthByTime.find(isoTime(file.axes().times()[step]));
            std::vector<const BestTrackPoint*> cyclones;
            std::vector<const BestTrackPoint*> bait;
            for (const BestTrackPoint* point :
                 centres == truthByTime.end() ? none : centres->second) {
                (isBait(*point) ? bait : cyclones).push_back(point);
            }
            std::vector<std::array<float, 2>> labels;
            std::set<std::size_t> withCentre;
            std::set<std::size_t> withBait;
            for (std::size_t t = 0; t < grid.tiles().size(); ++t) {
                labels.push_back(tileLabel(grid, grid.tiles()[t], cyclones));
                if (labels.back()[0] >= 0) {
                    withCentre.insert(t);
                } else if (!bait.empty() && tileLabel(grid, grid.tiles()[t], bait)[0] >= 0) {
                    withBait.insert(t);
                }
            }
            const bool keepAll = plan.validation || sampling.backgroundRatio <= 0.0;
            const std::set<std::size_t> near =
                keepAll ? std::set<std::size_t>() : neighbourTiles(grid, withCentre);
            for (std::size_t t = 0; t < grid.tiles().size(); ++t) {
                if (keepAll || withCentre.count(t) || withBait.count(t)) {
                    plan.tiles.push_back(t);
                    plan.labels.push_back(labels[t]);
                } else if (near.count(t)) {
                    nearCandidates.emplace_back(plans.size(), t);
                } else {
                    background.emplace_back(plans.size(), t);
                }
            }
            if (!plan.validation) {
                trainCentres += withCentre.size();
            }
            plans.push_back(std::move(plan));
        }
    }
    if (sampling.backgroundRatio > 0.0) {
        // ratio x centres background patches: half drawn from the neighbours of centres (the
        // hard cases), the rest (and whatever the neighbours cannot fill) uniformly from the
        // others, so the model also sees the quiet far-away domain it will mostly be run on.
        const double wanted = sampling.backgroundRatio * static_cast<double>(trainCentres);
        twins::sdk::Random random(twins::sdk::streamSeed(sampling.seed, 1));
        auto draw = [&](std::vector<std::pair<std::size_t, std::size_t>>& candidates,
                        double count) {
            random.shuffle(candidates);
            const auto take = static_cast<std::size_t>(
                std::clamp(std::round(count), 0.0, static_cast<double>(candidates.size())));
            for (std::size_t i = 0; i < take; ++i) {
                const auto [plan, tile] = candidates[i];
                plans[plan].tiles.push_back(tile);
                plans[plan].labels.push_back({noCentreLabel, noCentreLabel});
            }
            return take;
        };
        const std::size_t near = draw(nearCandidates, 0.5 * wanted);
        draw(background, wanted - static_cast<double>(near));
    }

    // Second pass: read each planned step once and copy its kept patches.
    std::size_t total = 0;
    for (const Plan& plan : plans) {
        total += plan.tiles.empty() ? 0 : 1;
    }
    std::size_t done = 0;
    for (const Plan& plan : plans) {
        if (plan.tiles.empty()) {
            continue;
        }
        const DriverChannels& file = *files[plan.source];
        const PatchGrid& grid = *dataset.grids[plan.source];
        const std::vector<float> values = file.read(plan.step);
        PatchDataset::Step info;
        info.source = plan.source;
        info.time = file.axes().times()[plan.step];
        info.validation = plan.validation;
        dataset.inputs.resize(dataset.inputs.size() + plan.tiles.size() * dataset.patchValues());
        for (std::size_t k = 0; k < plan.tiles.size(); ++k) {
            const std::size_t index = dataset.patchCount();
            grid.extract(values.data(), cnnChannelCount, grid.tiles()[plan.tiles[k]],
                         dataset.inputs.data() + index * dataset.patchValues());
            dataset.labels.push_back(plan.labels[k][0]);
            dataset.labels.push_back(plan.labels[k][1]);
            (info.validation ? dataset.validationPatches : dataset.trainPatches).push_back(index);
            info.patches.push_back(index);
            info.tiles.push_back(plan.tiles[k]);
        }
        dataset.steps.push_back(std::move(info));
        onStep(++done, total);
    }
    if (dataset.trainPatches.empty()) {
        throw CycloneError("validation_fraction",
                           "leaves no training steps; generate more steps or lower it");
    }
    return dataset;
}

std::size_t oversampleCentres(PatchDataset& dataset, double share) {
    std::vector<std::size_t> centres;
    for (const std::size_t patch : dataset.trainPatches) {
        if (dataset.labels[2 * patch] >= 0) {
            centres.push_back(patch);
        }
    }
    const double others = static_cast<double>(dataset.trainPatches.size() - centres.size());
    if (centres.empty() || share <= 0.0 || share >= 1.0) {
        return 0;
    }
    const double wanted = share * others / (1.0 - share); // centre patches for that share
    const auto copies = static_cast<std::size_t>(
        std::max(0.0, std::ceil(wanted / static_cast<double>(centres.size())) - 1.0));
    for (std::size_t copy = 0; copy < copies; ++copy) {
        dataset.trainPatches.insert(dataset.trainPatches.end(), centres.begin(), centres.end());
    }
    return copies;
}

void normalisePatches(float* values, std::size_t count, int patchSize,
                      const ChannelNormalisation& normalisation) {
    const std::size_t plane = static_cast<std::size_t>(patchSize * patchSize);
    for (std::size_t patch = 0; patch < count; ++patch) {
        for (std::size_t channel = 0; channel < cnnChannelCount; ++channel) {
            float* v = values + (patch * cnnChannelCount + channel) * plane;
            const auto mean = static_cast<float>(normalisation.mean[channel]);
            const auto inverse = static_cast<float>(1.0 / normalisation.scale[channel]);
            for (std::size_t i = 0; i < plane; ++i) {
                v[i] = std::isnan(v[i]) ? 0.0f : (v[i] - mean) * inverse;
            }
        }
    }
}

} // namespace cyclone
