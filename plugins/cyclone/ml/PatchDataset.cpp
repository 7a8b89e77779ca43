#include "PatchDataset.h"

#include "CycloneError.h"

#include <algorithm>
#include <cmath>
#include <map>

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

PatchDataset buildPatchDataset(const std::vector<LabelledSource>& sources, int patchSize,
                               double validationFraction,
                               const std::function<void(std::size_t, std::size_t)>& onStep) {
    PatchDataset dataset;
    dataset.patchSize = patchSize;
    std::vector<std::unique_ptr<DriverChannels>> files;
    std::size_t totalSteps = 0;
    for (const LabelledSource& source : sources) {
        files.push_back(std::make_unique<DriverChannels>(source.drivers));
        totalSteps += files.back()->axes().steps();
        dataset.truthBySource.push_back(readBestTrackCsv(source.truth));
        dataset.grids.push_back(std::make_unique<PatchGrid>(files.back()->axes().latitudes(),
                                                            files.back()->axes().longitudes(),
                                                            static_cast<std::size_t>(patchSize)));
    }
    std::size_t done = 0;
    for (std::size_t s = 0; s < sources.size(); ++s) {
        const DriverChannels& file = *files[s];
        const PatchGrid& grid = *dataset.grids[s];
        std::map<std::string, std::vector<const BestTrackPoint*>> truthByTime;
        for (const BestTrackPoint& point : dataset.truthBySource[s]) {
            truthByTime[isoTime(point.time)].push_back(&point);
        }
        const std::size_t steps = file.axes().steps();
        const auto firstValidation = static_cast<std::size_t>(
            std::floor((1.0 - validationFraction) * static_cast<double>(steps)));
        for (std::size_t step = 0; step < steps; ++step) {
            const std::vector<float> values = file.read(step);
            PatchDataset::Step info;
            info.source = s;
            info.time = file.axes().times()[step];
            info.validation = validationFraction > 0.0 && step >= firstValidation;
            info.firstPatch = dataset.patchCount();
            const auto centres = truthByTime.find(isoTime(info.time));
            const std::vector<const BestTrackPoint*> none;
            for (const PatchTile& tile : grid.tiles()) {
                const std::size_t index = dataset.patchCount();
                dataset.inputs.resize(dataset.inputs.size() + dataset.patchValues());
                grid.extract(values.data(), cnnChannelCount, tile,
                             dataset.inputs.data() + index * dataset.patchValues());
                const auto label =
                    tileLabel(grid, tile, centres == truthByTime.end() ? none : centres->second);
                dataset.labels.push_back(label[0]);
                dataset.labels.push_back(label[1]);
                (info.validation ? dataset.validationPatches : dataset.trainPatches)
                    .push_back(index);
            }
            dataset.steps.push_back(info);
            onStep(++done, totalSteps);
        }
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
