// The only pulsar file that includes LibTorch (build time): the U-Net, the classifier, their
// training in the SDK's loop and their prediction.
#include "PulsarNets.h"

#include "twinbench/ml/TorchSave.h"
#include "twinbench/ml/TorchSetup.h"
#include "twinbench/ml/TrainingLoop.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace pulsar {

namespace {

// A batch of networkInputLength(grid) floats per frame split into what each part of the
// networks reads (DelayGraph.h's order).
struct NetInputs {
    torch::Tensor planes; // N x inputPlanes x rows x columns
    torch::Tensor graph;  // N x 2 x delayGraphCells
    torch::Tensor band;   // N x 2 x columns
    torch::Tensor phase;  // N x 2 x rows
};

NetInputs splitInputs(const torch::Tensor& x, const NetworkGrid& grid) {
    const std::int64_t n = x.size(0);
    const auto pixels = std::int64_t(grid.pixels());
    const std::int64_t rows = grid.phaseBins, columns = grid.channels, cells = delayGraphCells;
    std::int64_t at = 0;
    auto take = [&](std::int64_t count, std::vector<std::int64_t> shape) {
        const torch::Tensor part = x.narrow(1, at, count).reshape(shape);
        at += count;
        return part;
    };
    NetInputs in;
    in.planes = take(inputPlanes * pixels, {n, inputPlanes, rows, columns});
    in.graph = take(2 * cells, {n, 2, cells});
    in.band = take(2 * columns, {n, 2, columns});
    in.phase = take(2 * rows, {n, 2, rows});
    return in;
}

torch::nn::Sequential convBlock(int in, int out) {
    return torch::nn::Sequential(
        torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1).bias(false)),
        torch::nn::BatchNorm2d(out), torch::nn::ReLU(torch::nn::ReLUOptions(true)),
        torch::nn::Conv2d(torch::nn::Conv2dOptions(out, out, 3).padding(1).bias(false)),
        torch::nn::BatchNorm2d(out), torch::nn::ReLU(torch::nn::ReLUOptions(true)));
}

// U-Net (Ronneberger et al. 2015): `depth` levels down (2x2 max-pool, two 3x3 convolutions),
// as many up (2x2 transposed convolution, concatenation with the level's skip, two 3x3
// convolutions), a 1x1 convolution to one logit per pixel.
struct UNetImpl : torch::nn::Module {
    explicit UNetImpl(const NetArchitecture& a) {
        int channels = inputPlanes;
        for (int level = 0; level <= a.unetDepth; ++level) {
            const int width = a.unetWidth << level;
            down.push_back(
                register_module("down" + std::to_string(level), convBlock(channels, width)));
            channels = width;
        }
        for (int level = a.unetDepth - 1; level >= 0; --level) {
            const int width = a.unetWidth << level;
            upsample.push_back(register_module(
                "upsample" + std::to_string(level),
                torch::nn::ConvTranspose2d(
                    torch::nn::ConvTranspose2dOptions(channels, width, 2).stride(2))));
            up.push_back(
                register_module("up" + std::to_string(level), convBlock(2 * width, width)));
            channels = width;
        }
        head = register_module("head", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, 1, 1)));
    }
    torch::Tensor forward(torch::Tensor x) {
        std::vector<torch::Tensor> skips;
        for (std::size_t level = 0; level < down.size(); ++level) {
            if (level > 0) {
                x = torch::max_pool2d(x, 2);
            }
            x = down[level]->forward(x);
            skips.push_back(x);
        }
        for (std::size_t i = 0; i < up.size(); ++i) {
            x = upsample[i]->forward(x);
            x = up[i]->forward(torch::cat({x, skips[skips.size() - 2 - i]}, 1));
        }
        return head->forward(x);
    }
    std::vector<torch::nn::Sequential> down, up;
    std::vector<torch::nn::ConvTranspose2d> upsample;
    torch::nn::Conv2d head{nullptr};
};
TORCH_MODULE(UNet);

// A 1-D branch over one of the side inputs (DelayGraph.h; two channels each): two 5-wide
// convolutions with batch normalisation, then either global max and mean pooling (band and
// phase profiles: a carrier or an impulse anywhere counts) or, for the delay graph, 4x max
// pooling kept in order (where along the trials the peak lies tells a pulse, at a sweep
// inside the trained range, from an undispersed impulse, at sweep 0).
struct SideBranchImpl : torch::nn::Module {
    SideBranchImpl(int width, bool keepOrder) : keepOrder(keepOrder) {
        layers = register_module(
            "layers",
            torch::nn::Sequential(
                torch::nn::Conv1d(torch::nn::Conv1dOptions(2, width, 5).padding(2).bias(false)),
                torch::nn::BatchNorm1d(width), torch::nn::ReLU(torch::nn::ReLUOptions(true)),
                torch::nn::Conv1d(torch::nn::Conv1dOptions(width, width, 5).padding(2).bias(false)),
                torch::nn::BatchNorm1d(width), torch::nn::ReLU(torch::nn::ReLUOptions(true))));
    }
    torch::Tensor forward(const torch::Tensor& x) {
        const torch::Tensor f = layers->forward(x);
        if (keepOrder) {
            return torch::max_pool1d(f, 4).flatten(1);
        }
        // amax, not max: the values without their indices (as PulsarBench.py's peer).
        return torch::cat({f.amax(2), f.mean(2)}, 1);
    }
    bool keepOrder;
    torch::nn::Sequential layers{nullptr};
};
TORCH_MODULE(SideBranch);

// The classifier: the frame's planes and the U-Net's mask probability as channels, four
// convolution stages (the first three followed by 2x2 max-pools), global max and mean pooling
// (a pulse or a line anywhere in the frame counts); beside it the three side branches; one
// small head per label on all of it (a pulse, a carrier and an impulse are different
// questions: each label's own head and positive weight).
struct ClassifierImpl : torch::nn::Module {
    explicit ClassifierImpl(const NetArchitecture& a) {
        const int w = a.classifierWidth;
        // One flat Sequential (LibTorch cannot nest a Sequential in another).
        features = torch::nn::Sequential();
        const int widths[] = {w, 2 * w, 4 * w, 4 * w};
        int in = inputPlanes + 1; // the frame's planes and the mask
        for (int stage = 0; stage < 4; ++stage) {
            features->push_back(torch::nn::Conv2d(
                torch::nn::Conv2dOptions(in, widths[stage], 3).padding(1).bias(false)));
            features->push_back(torch::nn::BatchNorm2d(widths[stage]));
            features->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
            if (stage < 3) {
                features->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2)));
            }
            in = widths[stage];
        }
        register_module("features", features);
        delayGraph = register_module("delay_graph", SideBranch(w, true));
        band = register_module("band", SideBranch(w, false));
        phase = register_module("phase", SideBranch(w, false));
        const int pooled = 8 * w + w * (delayGraphCells / 4) + 2 * w + 2 * w;
        for (int l = 0; l < labelCount; ++l) {
            heads.push_back(
                register_module("head" + std::to_string(l),
                                torch::nn::Sequential(torch::nn::Linear(pooled, 32),
                                                      torch::nn::ReLU(torch::nn::ReLUOptions(true)),
                                                      torch::nn::Linear(32, 1))));
        }
    }
    torch::Tensor forward(const NetInputs& x, const torch::Tensor& mask) {
        const torch::Tensor f = features->forward(torch::cat({x.planes, mask}, 1));
        const torch::Tensor pooled =
            torch::cat({f.flatten(2).amax(2), f.flatten(2).mean(2), delayGraph->forward(x.graph),
                        band->forward(x.band), phase->forward(x.phase)},
                       1);
        std::vector<torch::Tensor> logits;
        for (auto& head : heads) {
            logits.push_back(head->forward(pooled));
        }
        return torch::cat(logits, 1);
    }
    torch::nn::Sequential features{nullptr};
    SideBranch delayGraph{nullptr}, band{nullptr}, phase{nullptr};
    std::vector<torch::nn::Sequential> heads;
};
TORCH_MODULE(Classifier);

struct NetsImpl : torch::nn::Module {
    explicit NetsImpl(const NetArchitecture& a)
        : unet(register_module("unet", UNet(a))),
          classifier(register_module("classifier", Classifier(a))) {}
    // Mask logits and label logits.
    std::pair<torch::Tensor, torch::Tensor> forward(const NetInputs& x) {
        torch::Tensor maskLogits = unet->forward(x.planes);
        torch::Tensor labelLogits = classifier->forward(x, torch::sigmoid(maskLogits));
        return {maskLogits, labelLogits};
    }
    UNet unet;
    Classifier classifier;
};
TORCH_MODULE(Nets);

torch::Tensor rows(const torch::Tensor& all, const std::vector<std::size_t>& frames,
                   const std::vector<std::int64_t>& which) {
    std::vector<std::int64_t> index;
    index.reserve(which.size());
    for (const std::int64_t i : which) {
        index.push_back(std::int64_t(frames[std::size_t(i)]));
    }
    return all.index_select(0, torch::tensor(index));
}

double cosineRate(double peak, double progress) {
    const double floor = 0.05;
    return peak * (floor + (1.0 - floor) * 0.5 * (1.0 + std::cos(std::numbers::pi * progress)));
}

} // namespace

void checkArchitecture(const NetArchitecture& a) {
    if (a.unetDepth < 1 || a.unetDepth > 5) {
        throw std::invalid_argument("unet_depth " + std::to_string(a.unetDepth) + " must be 1..5");
    }
    const int divisor = std::max(1 << a.unetDepth, 8); // the classifier pools 3 times
    if (a.grid.phaseBins < divisor || a.grid.channels < divisor ||
        a.grid.phaseBins % divisor != 0 || a.grid.channels % divisor != 0) {
        throw std::invalid_argument(
            "grid " + std::to_string(a.grid.phaseBins) + " x " + std::to_string(a.grid.channels) +
            ": grid_phase_bins and grid_channels must be multiples of " + std::to_string(divisor) +
            " (2^unet_depth and the classifier's three 2x2 poolings)");
    }
    if (a.unetWidth < 1 || a.unetWidth > 256) {
        throw std::invalid_argument("unet_width " + std::to_string(a.unetWidth) +
                                    " must be 1..256");
    }
    if (a.classifierWidth < 1 || a.classifierWidth > 256) {
        throw std::invalid_argument("classifier_width " + std::to_string(a.classifierWidth) +
                                    " must be 1..256");
    }
}

NetTrainOutcome trainPulsarNets(const NetTrainingSet& set, const NetTrainSettings& settings,
                                const std::string& weightsPath,
                                const NetTrainCallbacks& callbacks) {
    checkArchitecture(settings.architecture);
    if (set.training.empty() || set.validation.empty()) {
        throw std::invalid_argument("the training and validation splits need a frame each "
                                    "(more frames or another validation_fraction)");
    }
    const NetworkGrid grid = settings.architecture.grid;
    const auto frames = std::int64_t(set.labels.size() / labelCount);
    const torch::Tensor inputs = torch::from_blob(const_cast<float*>(set.inputs.data()),
                                                  {frames, std::int64_t(networkInputLength(grid))});
    const torch::Tensor masks = torch::from_blob(const_cast<float*>(set.masks.data()),
                                                 {frames, 1, grid.phaseBins, grid.channels});
    const torch::Tensor labels =
        torch::from_blob(const_cast<float*>(set.labels.data()), {frames, labelCount});

    NetTrainOutcome outcome;
    outcome.threads = twins::ml::useComputeThreads(settings.threads);
    twins::ml::seedTorch(settings.seed);
    Nets nets(settings.architecture);
    torch::optim::Adam optimiser(nets->parameters(),
                                 torch::optim::AdamOptions(settings.learningRate));

    // Each label's positive weight from the training split's balance.
    std::vector<float> positiveWeights(labelCount, 1.0f);
    if (settings.balanceLabels) {
        for (int l = 0; l < labelCount; ++l) {
            double positives = 0.0;
            for (const std::size_t i : set.training) {
                positives += set.labels[i * labelCount + std::size_t(l)];
            }
            const double negatives = double(set.training.size()) - positives;
            positiveWeights[std::size_t(l)] =
                float(std::clamp(positives > 0.0 ? negatives / positives : 1.0, 0.1, 10.0));
        }
    }
    outcome.labelPositiveWeights.assign(positiveWeights.begin(), positiveWeights.end());
    const torch::Tensor labelWeight = torch::tensor(positiveWeights);
    const torch::Tensor maskWeight = torch::full({1}, float(settings.maskPositiveWeight));
    // Added to a negative's weight of 1, per label (only P(pulsar)'s differs from 0).
    const torch::Tensor negativeWeight =
        torch::tensor(std::vector<float>{float(settings.pulsarNegativeWeight - 1.0), 0.0f, 0.0f});

    std::vector<std::int64_t> validationRows(set.validation.size());
    for (std::size_t i = 0; i < validationRows.size(); ++i) {
        validationRows[i] = std::int64_t(i);
    }
    const torch::Tensor validationInputs = rows(inputs, set.validation, validationRows);
    const torch::Tensor validationMasks = rows(masks, set.validation, validationRows);
    const torch::Tensor validationLabels = rows(labels, set.validation, validationRows);

    twins::ml::TrainingPlan plan;
    plan.seed = settings.seed;
    plan.epochs = settings.epochs;
    plan.examples = set.training.size();
    plan.batchSize = std::size_t(std::max(1, settings.batchSize));
    plan.timeBudgetSeconds = settings.timeBudgetSeconds;
    plan.validationInterval = settings.validationInterval;
    plan.metricWindowSteps = std::max<std::size_t>(1, set.training.size() / plan.batchSize / 4);
    plan.scoreMetric = "val_label_bce";

    twins::ml::TrainingHooks hooks;
    hooks.trainBatch = [&](const twins::ml::TrainingBatch& batch) {
        for (auto& group : optimiser.param_groups()) {
            static_cast<torch::optim::AdamOptions&>(group.options())
                .lr(cosineRate(settings.learningRate, batch.progress));
        }
        NetInputs x = splitInputs(rows(inputs, set.training, batch.examples), grid);
        torch::Tensor m = rows(masks, set.training, batch.examples);
        const torch::Tensor y = rows(labels, set.training, batch.examples);
        // The phase axis is circular (two rotations): a random roll per batch is a frame the
        // telescope could have recorded at another fiducial phase (the delay graph and the
        // band profile do not depend on it; the phase profile rolls with the planes).
        const std::int64_t shift = torch::randint(grid.phaseBins, {1}).item<std::int64_t>();
        x.planes = torch::roll(x.planes, {shift}, {2});
        x.phase = torch::roll(x.phase, {shift}, {2});
        m = torch::roll(m, {shift}, {2});
        optimiser.zero_grad();
        const auto [maskLogits, labelLogits] = nets->forward(x);
        const torch::Tensor maskLoss = torch::nn::functional::binary_cross_entropy_with_logits(
            maskLogits, m,
            torch::nn::functional::BinaryCrossEntropyWithLogitsFuncOptions().pos_weight(
                maskWeight));
        torch::nn::functional::BinaryCrossEntropyWithLogitsFuncOptions labelOptions;
        labelOptions.pos_weight(labelWeight);
        if (settings.pulsarNegativeWeight != 1.0) {
            // Per element: the pulsar column's negatives weigh pulsarNegativeWeight.
            labelOptions.weight(1.0 + (1.0 - y) * negativeWeight);
        }
        const torch::Tensor labelLoss =
            torch::nn::functional::binary_cross_entropy_with_logits(labelLogits, y, labelOptions);
        const torch::Tensor loss = labelLoss + float(settings.maskLossWeight) * maskLoss;
        loss.backward();
        optimiser.step();
        const double value = loss.item<double>();
        if (!std::isfinite(value)) {
            throw std::runtime_error("training diverged (the loss is not finite): lower "
                                     "learning_rate");
        }
        return twins::ml::BatchLosses{{"loss", value},
                                      {"label_loss", labelLoss.item<double>()},
                                      {"mask_loss", maskLoss.item<double>()}};
    };
    hooks.validate = [&](std::size_t step, int) {
        torch::NoGradGuard noGradients;
        nets->eval();
        std::vector<torch::Tensor> labelParts, maskParts;
        const std::int64_t n = validationInputs.size(0);
        for (std::int64_t start = 0; start < n; start += 64) {
            const torch::Tensor x = validationInputs.slice(0, start, std::min(n, start + 64));
            const auto [maskLogits, labelLogits] = nets->forward(splitInputs(x, grid));
            labelParts.push_back(labelLogits);
            maskParts.push_back(maskLogits);
        }
        nets->train();
        const torch::Tensor labelLogits = torch::cat(labelParts);
        const torch::Tensor maskLogits = torch::cat(maskParts);
        const double bce =
            torch::nn::functional::binary_cross_entropy_with_logits(labelLogits, validationLabels)
                .item<double>();
        const torch::Tensor correct =
            ((labelLogits > 0).to(torch::kFloat) == validationLabels).to(torch::kFloat).mean(0);
        const torch::Tensor predictedMask = maskLogits > 0;
        const torch::Tensor truthMask = validationMasks > 0.5;
        const double intersection = (predictedMask & truthMask).sum().item<double>();
        const double unionCount = (predictedMask | truthMask).sum().item<double>();
        if (callbacks.metric) {
            const char* names[labelCount] = {"val_accuracy_pulsar", "val_accuracy_nbrfi",
                                             "val_accuracy_bbrfi"};
            for (int l = 0; l < labelCount; ++l) {
                callbacks.metric(std::int64_t(step), names[l], correct[l].item<double>());
            }
            if (unionCount > 0.0) {
                callbacks.metric(std::int64_t(step), "val_mask_iou", intersection / unionCount);
            }
        }
        return bce;
    };
    hooks.keepBest = [&](const twins::ml::TrainingValidation& validation) {
        outcome.bestScore = validation.score;
        outcome.bestStep = validation.step;
        twins::ml::saveAtomically(nets, weightsPath);
    };
    hooks.throwIfCancelled = callbacks.throwIfCancelled;
    hooks.progress = callbacks.progress;
    hooks.metric = callbacks.metric;
    if (callbacks.log) {
        hooks.epochDone = [&](const twins::ml::TrainingEpoch& epoch) {
            std::string line = "epoch " + std::to_string(epoch.epoch) + ": " +
                               std::to_string(epoch.examples) + " frames in " +
                               std::to_string(epoch.seconds) + " s";
            for (const auto& [name, value] : epoch.meanLosses) {
                line += ", " + name + " " + std::to_string(value);
            }
            if (epoch.score) {
                line += ", val_label_bce " + std::to_string(*epoch.score);
            }
            callbacks.log(line);
        };
    }
    const twins::ml::TrainingOutcome trained = twins::ml::runTrainingLoop(plan, hooks);
    if (trained.steps == 0 || !trained.best) {
        throw std::runtime_error("time_budget_minutes ran out before the first batch; raise it");
    }
    outcome.steps = trained.steps;
    outcome.epochs = trained.epochs;
    outcome.stoppedByTimeBudget = trained.stoppedByTimeBudget;
    outcome.wallSeconds = trained.seconds;
    outcome.cpuSeconds = trained.cpuSeconds;
    return outcome;
}

namespace {

// Inference only: a convolution followed by batch normalisation in eval mode is one
// convolution, its weights scaled by gamma / sqrt(var + eps) per output channel and the
// normalisation's shift as its bias; one pass over the activations fewer per layer (the U-Net's
// full-resolution layers are memory-bound at these widths). The same function up to rounding
// (checkFolding below).
template <typename Convolution, typename Normalisation>
bool foldInto(torch::nn::Sequential& out, const std::shared_ptr<torch::nn::Module>& first,
              const std::shared_ptr<torch::nn::Module>& second) {
    auto conv = std::dynamic_pointer_cast<Convolution>(first);
    auto norm = std::dynamic_pointer_cast<Normalisation>(second);
    if (!conv || !norm) {
        return false;
    }
    const torch::Tensor scale = norm->weight / torch::sqrt(norm->running_var + norm->options.eps());
    std::vector<std::int64_t> shape(std::size_t(conv->weight.dim()), 1);
    shape[0] = -1;
    conv->weight.mul_(scale.reshape(shape));
    const torch::Tensor shift = norm->bias - norm->running_mean * scale;
    // The member forward() reads; the module was built without a bias.
    conv->bias = conv->bias.defined() ? conv->bias * scale + shift : shift;
    out->push_back(torch::nn::ModuleHolder<Convolution>(conv));
    return true;
}

torch::nn::Sequential folded(const torch::nn::Sequential& layers) {
    torch::nn::Sequential out;
    const std::size_t count = layers->size();
    for (std::size_t i = 0; i < count; ++i) {
        if (i + 1 < count) {
            const auto first = layers->ptr(i);
            const auto second = layers->ptr(i + 1);
            if (foldInto<torch::nn::Conv2dImpl, torch::nn::BatchNorm2dImpl>(out, first, second) ||
                foldInto<torch::nn::Conv1dImpl, torch::nn::BatchNorm1dImpl>(out, first, second)) {
                ++i;
                continue;
            }
        }
        out->push_back(*(layers->begin() + std::ptrdiff_t(i)));
    }
    return out;
}

void foldBatchNorm(Nets& nets) {
    torch::NoGradGuard noGradients;
    UNetImpl& unet = *nets->unet;
    for (std::size_t level = 0; level < unet.down.size(); ++level) {
        unet.down[level] =
            unet.replace_module("down" + std::to_string(level), folded(unet.down[level]));
    }
    for (std::size_t i = 0; i < unet.up.size(); ++i) {
        const int level = int(unet.up.size()) - 1 - int(i);
        unet.up[i] = unet.replace_module("up" + std::to_string(level), folded(unet.up[i]));
    }
    ClassifierImpl& classifier = *nets->classifier;
    classifier.features = classifier.replace_module("features", folded(classifier.features));
    for (SideBranch* branch : {&classifier.delayGraph, &classifier.band, &classifier.phase}) {
        (*branch)->layers = (*branch)->replace_module("layers", folded((*branch)->layers));
    }
}

// Two frames of fixed inputs (a sine of many periods, +-3) through the nets.
std::pair<torch::Tensor, torch::Tensor> probe(Nets& nets, const NetworkGrid& grid) {
    const auto length = std::int64_t(networkInputLength(grid));
    const torch::Tensor x =
        3.0 * torch::sin(0.37 * torch::arange(2 * length, torch::kFloat32)).reshape({2, length});
    const auto [maskLogits, labelLogits] = nets->forward(splitInputs(x, grid));
    return {maskLogits.clone(), labelLogits.clone()};
}

// The folded nets against the unfolded on the probe: a mistake in foldBatchNorm fails every
// load instead of classifying with other numbers.
void checkFolding(const std::pair<torch::Tensor, torch::Tensor>& before,
                  const std::pair<torch::Tensor, torch::Tensor>& after) {
    for (const auto& [a, b] :
         {std::pair{before.first, after.first}, std::pair{before.second, after.second}}) {
        const double difference = (a - b).abs().max().item<double>();
        const double size = a.abs().max().item<double>();
        if (!(difference <= 1e-4 * std::max(1.0, size))) {
            throw std::logic_error("pulsar networks: folding batch normalisation changed the "
                                   "outputs by " +
                                   std::to_string(difference));
        }
    }
}

} // namespace

struct PulsarNetsPredictor::Model {
    explicit Model(const NetArchitecture& a) : nets(a) {}
    Nets nets;
};

PulsarNetsPredictor::PulsarNetsPredictor(const std::string& weightsPath,
                                         const NetArchitecture& architecture, int threads)
    : m_architecture(architecture) {
    checkArchitecture(architecture);
    twins::ml::useComputeThreads(threads);
    m_model = std::make_unique<Model>(architecture);
    try {
        torch::load(m_model->nets, weightsPath);
    } catch (const c10::Error& error) {
        throw std::runtime_error(weightsPath +
                                 ": cannot load the networks' weights for this "
                                 "architecture: " +
                                 error.what_without_backtrace());
    }
    m_model->nets->eval();
    c10::InferenceMode inference;
    const auto before = probe(m_model->nets, architecture.grid);
    foldBatchNorm(m_model->nets);
    checkFolding(before, probe(m_model->nets, architecture.grid));
}

PulsarNetsPredictor::~PulsarNetsPredictor() = default;

PulsarNetsPredictor::Output PulsarNetsPredictor::predict(const float* inputs, std::size_t count,
                                                         bool withMasks) const {
    c10::InferenceMode inference;
    const NetworkGrid grid = m_architecture.grid;
    Output output;
    output.probabilities.reserve(count * labelCount);
    if (withMasks) {
        output.masks.reserve(count * grid.pixels());
    }
    constexpr std::size_t batch = 64;
    for (std::size_t start = 0; start < count; start += batch) {
        const auto n = std::int64_t(std::min(batch, count - start));
        const std::size_t length = networkInputLength(grid);
        const torch::Tensor x = torch::from_blob(const_cast<float*>(inputs) + start * length,
                                                 {n, std::int64_t(length)});
        const auto [maskLogits, labelLogits] = m_model->nets->forward(splitInputs(x, grid));
        const torch::Tensor p = torch::sigmoid(labelLogits).contiguous();
        output.probabilities.insert(output.probabilities.end(), p.data_ptr<float>(),
                                    p.data_ptr<float>() + p.numel());
        if (withMasks) {
            const torch::Tensor m = torch::sigmoid(maskLogits).contiguous();
            output.masks.insert(output.masks.end(), m.data_ptr<float>(),
                                m.data_ptr<float>() + m.numel());
        }
    }
    return output;
}

} // namespace pulsar
