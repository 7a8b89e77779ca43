#include "CnnPredictor.h"

#include "CycloneError.h"
#include "CycloneNet.h"

namespace cyclone {

struct CnnPredictor::Model {
    explicit Model(const CnnArchitecture& architecture) : net(architecture) {}
    CycloneNet net;
};

CnnPredictor::CnnPredictor(const std::string& weightsPath, const CnnArchitecture& architecture,
                           int threads)
    : m_model(std::make_unique<Model>(architecture)), m_patchSize(architecture.patchSize) {
    useCores(threads);
    try {
        torch::load(m_model->net, weightsPath);
    } catch (const c10::Error& error) {
        throw CycloneError(weightsPath, std::string("cannot load the CNN weights for this "
                                                    "architecture: ") +
                                            error.what_without_backtrace());
    }
    m_model->net->eval();
}

CnnPredictor::~CnnPredictor() = default;

std::vector<std::array<float, 2>> CnnPredictor::predict(const float* patches,
                                                        std::size_t count) const {
    torch::NoGradGuard noGradients;
    std::vector<std::array<float, 2>> result;
    result.reserve(count);
    const std::int64_t size = m_patchSize;
    const auto plane = static_cast<std::int64_t>(cnnChannelCount) * size * size;
    const std::size_t batch = 256;
    for (std::size_t start = 0; start < count; start += batch) {
        const auto n = static_cast<std::int64_t>(std::min(batch, count - start));
        // from_blob wants a non-const pointer; the tensor is only read.
        const torch::Tensor input =
            torch::from_blob(const_cast<float*>(patches) + static_cast<std::int64_t>(start) * plane,
                             {n, static_cast<std::int64_t>(cnnChannelCount), size, size});
        const torch::Tensor output = m_model->net->forward(input).contiguous();
        const float* values = output.data_ptr<float>();
        for (std::int64_t i = 0; i < n; ++i) {
            result.push_back({values[2 * i], values[2 * i + 1]});
        }
    }
    return result;
}

} // namespace cyclone
