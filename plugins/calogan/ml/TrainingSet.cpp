#include "TrainingSet.h"

#include "ShowerFile.h"
#include "twinbench/jobs/CpuState.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace calo {

namespace {
constexpr std::size_t blockShowers = 32;
} // namespace

TrainingSet loadTrainingSet(const std::string& path, std::size_t maxShowers,
                            std::size_t validationShowers, const Preprocessing& preprocessing,
                            const std::function<void(std::size_t, std::size_t)>& progress) {
    const ShowerFileReader file(path);
    const std::size_t total = maxShowers > 0 ? std::min(maxShowers, file.events()) : file.events();
    if (total < validationShowers + 2) {
        throw std::runtime_error(path + " holds " + std::to_string(file.events()) +
                                 " showers; training needs at least " +
                                 std::to_string(validationShowers + 2) +
                                 " (validation_showers + 2)");
    }
    const std::size_t training = total - validationShowers;
    TrainingSet set;
    set.preprocessing = preprocessing;
    set.cells.resize(training * cellsPerShower);
    set.energyMinGeV = set.thetaMinRad = INFINITY;
    set.energyMaxGeV = set.thetaMaxRad = -INFINITY;
    BinAccumulator reference(0.0, INFINITY);
    double scaleSum = 0.0;
    std::vector<float> block;
    for (std::size_t first = 0; first < total; first += blockShowers) {
        const std::size_t count = std::min(blockShowers, total - first);
        file.read(first, count, block);
        twins::jobs::clearAvxUpperState(); // see CpuState.h
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t event = first + i;
            const float energy = float(file.energies()[event]);
            const float theta = float(file.thetas()[event]);
            float* shower = block.data() + i * cellsPerShower;
            for (int c = 0; c < cellsPerShower; ++c) {
                if (shower[c] < preprocessing.cellThresholdGeV) {
                    shower[c] = 0.0f;
                }
            }
            const ShowerObservables observables = observe(shower, energy, theta);
            std::vector<float>& layerTarget =
                event >= training ? set.validationLayerGeV : set.layerGeV;
            const std::size_t layerFirst = layerTarget.size();
            layerTarget.resize(layerFirst + layers, 0.0f);
            for (int c = 0; c < cellsPerShower; ++c) {
                layerTarget[layerFirst + std::size_t(c % layers)] += shower[c];
            }
            set.energyMinGeV = std::min(set.energyMinGeV, double(energy));
            set.energyMaxGeV = std::max(set.energyMaxGeV, double(energy));
            set.thetaMinRad = std::min(set.thetaMinRad, double(theta));
            set.thetaMaxRad = std::max(set.thetaMaxRad, double(theta));
            if (event >= training) {
                reference.add(observables, shower);
                set.validationEnergyGeV.push_back(energy);
                set.validationThetaRad.push_back(theta);
                continue;
            }
            set.energyGeV.push_back(energy);
            set.thetaRad.push_back(theta);
            set.sumGeV.push_back(float(observables.sumGeV));
            set.angleRad.push_back(std::isfinite(observables.thetaFit) ? float(observables.thetaFit)
                                                                       : theta);
            float* out = set.cells.data() + event * cellsPerShower;
            float largest = 0.0f;
            int occupied = 0;
            for (int c = 0; c < cellsPerShower; ++c) {
                out[c] = shower[c] > 0.0f ? std::pow(shower[c], float(preprocessing.power)) : 0.0f;
                largest = std::max(largest, out[c]);
                occupied += out[c] > 0.0f ? 1 : 0;
            }
            set.occupancy += double(occupied) / cellsPerShower;
            scaleSum +=
                largest / std::pow(energy / preprocessing.energyScaleGeV, preprocessing.power);
        }
        if (progress) {
            progress(first + count, total);
        }
    }
    set.validationReference = reference.finish();
    set.cellScale = scaleSum / double(training);
    set.occupancy /= double(training);
    if (!(set.cellScale > 0.0)) {
        throw std::runtime_error(path + ": the training showers hold no cell above " +
                                 std::to_string(preprocessing.cellThresholdGeV) + " GeV");
    }
    return set;
}

void postprocess(float* cells, std::size_t count, const Preprocessing& preprocessing) {
    const float inverse = float(1.0 / preprocessing.power);
    const float threshold = float(preprocessing.cellThresholdGeV);
    twins::jobs::clearAvxUpperState();
    for (std::size_t i = 0; i < count * cellsPerShower; ++i) {
        const float value = cells[i] > 0.0f ? std::pow(cells[i], inverse) : 0.0f;
        cells[i] = value >= threshold ? value : 0.0f;
    }
}

} // namespace calo
