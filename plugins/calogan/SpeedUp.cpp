#include "SpeedUp.h"

#include "CascadeShower.h"
#include "GanSampler.h"
#include "Geometry.h"
#include "twinbench/sdk/ProcessClock.h"

#include <algorithm>
#include <numbers>

namespace calo {

std::vector<SpeedAtEnergy> measureSpeedUp(const std::string& modelDirectory,
                                          const std::vector<double>& energiesGeV,
                                          int cascadeShowers,
                                          const std::function<void()>& throwIfCancelled) {
    constexpr std::size_t batch = 128; // the inference batch
    const GanSampler sampler(modelDirectory, 1);
    const cascade::CascadeShowerSimulator cascade(20231);
    std::vector<float> cells;
    const std::vector<double> theta(batch, 0.5 * std::numbers::pi);
    std::vector<SpeedAtEnergy> rows;
    for (std::size_t k = 0; k < energiesGeV.size(); ++k) {
        SpeedAtEnergy row;
        row.energyGeV = energiesGeV[k];
        const std::vector<double> energy(batch, row.energyGeV);
        if (k == 0) { // the first batch allocates LibTorch's buffers: not timed
            sampler.generate(energy.data(), theta.data(), batch, 1, cells, batch);
        }
        throwIfCancelled();
        double started = twins::sdk::processCpuSeconds();
        sampler.generate(energy.data(), theta.data(), batch, 2 + k, cells, batch);
        row.ganShowersPerCpuSecond =
            double(batch) / std::max(1e-9, twins::sdk::processCpuSeconds() - started);
        started = twins::sdk::processCpuSeconds();
        for (int i = 0; i < cascadeShowers; ++i) {
            throwIfCancelled();
            cascade.simulate({row.energyGeV, 90.0}, std::uint64_t(k) * 100000 + std::uint64_t(i),
                             cells);
        }
        row.cascadeShowersPerCpuSecond =
            double(cascadeShowers) / std::max(1e-9, twins::sdk::processCpuSeconds() - started);
        rows.push_back(row);
    }
    return rows;
}

} // namespace calo
