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

namespace calo {

struct GanSampler::Model {
    Model(const GanConfig& config)
        : generator(config.architecture, config.cellScale, config.preprocessing) {}
    Generator generator;
    std::optional<LateralModel> lateral; // stage2=shapes
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
    twins::ml::useComputeThreads(threads);
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
            for (std::int64_t i = 0; i < n; ++i) {
                const std::size_t index = first + std::size_t(i);
                twins::sdk::Random random(twins::sdk::streamSeed(seed, index));
                renderShower(*m_model->lateral, energiesGeV[index], thetasRad[index],
                             layer + i * layers, random, cells.data() + index * cellsPerShower);
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
