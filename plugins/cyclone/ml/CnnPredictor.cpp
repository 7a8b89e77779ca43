#include "CnnPredictor.h"

#include "CycloneError.h"
#include "CycloneNet.h"
#include "twinbench/ml/TorchSetup.h"

#include <ATen/CPUGeneratorImpl.h>

namespace cyclone {

struct CnnPredictor::Model {
    explicit Model(const CnnArchitecture& architecture) : net(architecture) {}
    CycloneNet net;
    torch::Generator generator = at::detail::createCPUGenerator();
};

namespace {

// Patches start..start+n of the caller's buffer as a tensor, without a copy (from_blob wants a
// non-const pointer; the tensor is only read).
// Returned in channels-last layout (see the constructor), one 6 MB copy per 154 patches.
torch::Tensor patchBatch(const float* patches, std::size_t start, std::int64_t n,
                         std::int64_t size) {
    const auto plane = static_cast<std::int64_t>(cnnChannelCount) * size * size;
    return torch::from_blob(const_cast<float*>(patches) + static_cast<std::int64_t>(start) * plane,
                            {n, static_cast<std::int64_t>(cnnChannelCount), size, size})
        .contiguous(at::MemoryFormat::ChannelsLast);
}

void appendOutputs(const torch::Tensor& output, std::vector<MemberOutput>& result) {
    const torch::Tensor values = output.contiguous();
    const float* data = values.data_ptr<float>();
    for (std::int64_t i = 0; i < values.size(0); ++i) {
        result.push_back({data[2 * i], data[2 * i + 1]});
    }
}

// One batch of a 280x880 step is 154 patches; 256 keeps a whole step in one call (oneDNN's
// convolutions are fastest on large batches) while bounding the activations' memory.
constexpr std::size_t batchSize = 256;

} // namespace

CnnPredictor::CnnPredictor(const std::string& weightsPath, const CnnArchitecture& architecture,
                           int threads, std::uint64_t seed)
    : m_model(std::make_unique<Model>(architecture)), m_patchSize(architecture.patchSize),
      m_dropout(architecture.dropout), m_weightsPath(weightsPath) {
    twins::ml::useComputeThreads(threads);
    try {
        torch::load(m_model->net, weightsPath);
    } catch (const c10::Error& error) {
        throw CycloneError(weightsPath, std::string("cannot load the CNN weights for this "
                                                    "architecture: ") +
                                            error.what_without_backtrace());
    }
    m_model->net->eval();
    // Convolution weights (and inputs, patchBatch) in channels-last layout: oneDNN's direct
    // convolutions work in NHWC, so NCHW tensors are reordered before and after every layer.
    // Measured with python3-torch on one thread, the three VGG blocks on 154 patches: 0.91 s
    // NCHW, 0.67 s channels-last. The logical (N, C, H, W) order is unchanged.
    for (torch::Tensor& parameter : m_model->net->features->parameters()) {
        if (parameter.dim() == 4) {
            parameter.set_data(parameter.contiguous(at::MemoryFormat::ChannelsLast));
        }
    }
    m_model->generator.set_current_seed(seed);
}

CnnPredictor::~CnnPredictor() = default;

std::vector<MemberOutput> CnnPredictor::predict(const float* patches, std::size_t count) const {
    // InferenceMode: no autograd bookkeeping at all (cheaper than NoGradGuard alone).
    c10::InferenceMode inference;
    std::vector<MemberOutput> result;
    result.reserve(count);
    for (std::size_t start = 0; start < count; start += batchSize) {
        const auto n = static_cast<std::int64_t>(std::min(batchSize, count - start));
        appendOutputs(m_model->net->forward(patchBatch(patches, start, n, m_patchSize)), result);
    }
    return result;
}

std::vector<MemberOutput> CnnPredictor::predictWithDropout(const float* patches, std::size_t count,
                                                           int passes) {
    if (!hasDropout()) {
        throw CycloneError(m_weightsPath, "has no dropout layers (trained with dropout = 0), so "
                                          "Monte Carlo dropout passes would all be equal; "
                                          "train with dropout > 0 or set mc_passes = 0");
    }
    c10::InferenceMode inference;
    std::vector<torch::Tensor> features;
    for (std::size_t start = 0; start < count; start += batchSize) {
        const auto n = static_cast<std::int64_t>(std::min(batchSize, count - start));
        features.push_back(
            m_model->net->features->forward(patchBatch(patches, start, n, m_patchSize)));
    }
    std::vector<MemberOutput> result;
    result.reserve(count * static_cast<std::size_t>(passes));
    // Dropout draws from the default generator: it is swapped for this predictor's own state
    // during the passes, so the masks depend only on the seed and the order of calls.
    torch::Generator defaultGenerator = at::detail::getDefaultCPUGenerator();
    const torch::Tensor saved = defaultGenerator.get_state();
    defaultGenerator.set_state(m_model->generator.get_state());
    m_model->net->head->train();
    for (int pass = 0; pass < passes; ++pass) {
        for (const torch::Tensor& batch : features) {
            appendOutputs(m_model->net->head->forward(batch), result);
        }
    }
    m_model->net->head->eval();
    m_model->generator.set_state(defaultGenerator.get_state());
    defaultGenerator.set_state(saved);
    return result;
}

} // namespace cyclone
