#include "GanSampler.h"

#include "GanNet.h"
#include "Geometry.h"
#include "LateralModel.h"
#include "ShowerSimulator.h"
#include "TrainingSet.h"
#include "twinbench/ml/TorchSetup.h"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <thread>

namespace calo {

struct GanSampler::Model {
    Model(const GanConfig& config)
        : generator(config.architecture, config.cellScale, config.preprocessing) {}
    Generator generator;
    std::optional<LateralModel> lateral; // stage2=shapes
    int renderThreads = 1;
};

GanSampler::GanSampler(const std::string& modelDirectory, int threads, bool calibrated,
                       bool energyResponse) {
    const std::filesystem::path directory(modelDirectory);
    m_config = readGanConfig((directory / "gan.json").string());
    const std::string weights = (directory / "generator.pt").string();
    if (!std::filesystem::exists(weights)) {
        throw std::runtime_error(weights + " does not exist (expected the generator weights of "
                                           "a calogan train run)");
    }
    const int cores = twins::ml::useComputeThreads(threads);
    m_model = std::make_unique<Model>(m_config);
    try {
        torch::load(m_model->generator, weights);
    } catch (const c10::Error& error) {
        throw std::runtime_error(weights +
                                 ": cannot load the generator for the architecture of "
                                 "gan.json: " +
                                 error.what_without_backtrace());
    }
    if (m_config.architecture.lateralStage) {
        m_model->lateral = readLateralModel((directory / "lateral.bin").string());
        // The cores render showers side by side; stage 1's small batches run on one LibTorch
        // thread: generate with two LibTorch threads on a loaded 2-core machine cost 17 ms of
        // CPU per shower against 2-2.6 ms on one thread (train's speed measurement), the
        // flow's 150 small passes per batch gaining nothing from a second thread.
        m_model->renderThreads = cores;
        at::set_num_threads(1);
    }
    if (!calibrated) {
        m_model->generator->setLayerGain(torch::arange(calibrationNodes, torch::kFloat32),
                                         torch::zeros({calibrationNodes, layers}));
    }
    if (!energyResponse) {
        m_model->generator->setEnergyResponse(0.0, 0.0, 0.0, 0.0, 0.0);
    }
    m_model->generator->eval();
}

GanSampler::~GanSampler() = default;

void GanSampler::generate(const double* energiesGeV, const double* thetasRad, std::size_t count,
                          std::uint64_t seed, std::vector<float>& cells, std::size_t batch) const {
    torch::manual_seed(seed);
    cells.resize(count * cellsPerShower);
    batch = std::max<std::size_t>(1, batch);
    for (std::size_t first = 0; first < count; first += batch) {
        const auto n = static_cast<std::int64_t>(std::min(batch, count - first));
        const torch::Tensor energy =
            torch::from_blob(const_cast<double*>(energiesGeV + first), {n}, torch::kFloat64)
                .to(torch::kFloat32);
        const torch::Tensor theta =
            torch::from_blob(const_cast<double*>(thetasRad + first), {n}, torch::kFloat64)
                .to(torch::kFloat32);
        if (m_model->lateral) {
            // Stage 1 draws the layer energies, the lateral sampler spreads them (GeV, no
            // preprocessing to undo); one random stream per shower.
            const torch::Tensor layerGeV =
                sampleLayerEnergies(m_model->generator->layerFlow(), energy, theta,
                                    m_config.preprocessing.energyScaleGeV)
                    .contiguous();
            const float* layer = layerGeV.data_ptr<float>();
            const auto render = [&](std::int64_t from, std::int64_t step) {
                for (std::int64_t i = from; i < n; i += step) {
                    const std::size_t index = first + std::size_t(i);
                    twins::sdk::Random random(twins::sdk::streamSeed(seed, index));
                    renderShower(*m_model->lateral, energiesGeV[index], thetasRad[index],
                                 layer + i * layers, random, cells.data() + index * cellsPerShower);
                }
            };
            // Each shower has its own random stream: the same showers on any number of threads.
            const std::int64_t workers = std::min<std::int64_t>(m_model->renderThreads, n);
            std::vector<std::thread> pool;
            for (std::int64_t t = 1; t < workers; ++t) {
                pool.emplace_back(render, t, workers);
            }
            render(0, std::max<std::int64_t>(1, workers));
            for (std::thread& thread : pool) {
                thread.join();
            }
            continue;
        }
        const torch::Tensor showers = generateShowers(m_model->generator, energy, theta, m_config);
        std::copy(showers.data_ptr<float>(), showers.data_ptr<float>() + showers.numel(),
                  cells.begin() + static_cast<std::ptrdiff_t>(first * cellsPerShower));
    }
    if (!m_model->lateral) {
        postprocess(cells.data(), count, m_config.preprocessing);
    }
}

} // namespace calo
