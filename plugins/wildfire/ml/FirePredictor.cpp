#include "FirePredictor.h"

#include "UnetPlusPlus.h"
#include "WildfireError.h"
#include "twinbench/ml/TorchSetup.h"

namespace wildfire {

struct FirePredictor::Model {
    UnetPlusPlus net{nullptr};
    std::int64_t channels = 0;
};

FirePredictor::FirePredictor(const FireNetConfig& config, int threads, std::uint64_t seed)
    : m_model(std::make_unique<Model>()) {
    twins::ml::useComputeThreads(threads);
    twins::ml::seedTorch(seed);
    m_model->channels = static_cast<std::int64_t>(config.drivers.size());
    m_model->net = UnetPlusPlus(static_cast<int>(m_model->channels), config.depth,
                                config.baseFilters, config.dropout);
    try {
        torch::load(m_model->net, config.weights);
    } catch (const c10::Error& error) {
        throw WildfireError(config.weights +
                            ": cannot load the UNet++ weights described by fire_net.json: " +
                            error.what_without_backtrace());
    }
    m_model->net->eval();
}

FirePredictor::~FirePredictor() = default;
FirePredictor::FirePredictor(FirePredictor&&) noexcept = default;
FirePredictor& FirePredictor::operator=(FirePredictor&&) noexcept = default;

std::vector<float> FirePredictor::predict(const float* drivers, std::size_t rows,
                                          std::size_t columns, int passes) {
    c10::InferenceMode inference;
    const auto height = static_cast<std::int64_t>(rows);
    const auto width = static_cast<std::int64_t>(columns);
    const torch::Tensor x =
        torch::from_blob(const_cast<float*>(drivers), {1, m_model->channels, height, width});
    torch::Tensor probabilities;
    if (passes <= 0) {
        m_model->net->sampleDropout = false;
        probabilities = torch::sigmoid(m_model->net->forward(x));
    } else {
        // The passes as one batch: every batch element draws its own dropout masks, and batch
        // normalisation uses its stored statistics (eval), so the passes are independent.
        m_model->net->sampleDropout = true;
        probabilities = torch::sigmoid(m_model->net->forward(x.expand({passes, -1, -1, -1})));
        m_model->net->sampleDropout = false;
    }
    probabilities = probabilities.contiguous();
    return std::vector<float>(probabilities.data_ptr<float>(),
                              probabilities.data_ptr<float>() + probabilities.numel());
}

} // namespace wildfire
