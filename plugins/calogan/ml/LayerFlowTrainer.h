#pragma once

// Training of stage 1 of the two-stage model (LayerFlow.h) by maximum likelihood. The
// interface is torch-free (the flow is only named), so GanTrainer.h and the train action carry
// its settings and outcome without <torch/torch.h>.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace calo {

class LayerFlow;

// Showers as stage 1 sees them: the conditions and the 25 layer energies (size() x 25, GeV).
struct LayerSamples {
    std::vector<float> energyGeV, thetaRad, layerGeV;
    std::size_t size() const { return energyGeV.size(); }
};

struct LayerFlowSettings {
    int steps = 3000;
    int batchSize = 256;
    double learningRate = 1e-3;   // Adam, cosine decay to 5% of it over the steps
    int validationInterval = 250; // steps between held-out evaluations (the best is kept)
    double energyScaleGeV = 100.0;
    std::uint64_t seed = 1;
};

struct LayerFlowOutcome {
    int steps = 0;
    int bestStep = 0;
    double trainNll = 0.0;   // mean negative log likelihood per shower, last interval
    double heldOutNll = 0.0; // of the kept flow on the held-out showers (or the training ones)
    double initialHeldOutNll = 0.0; // of the untrained flow, for the log
    double seconds = 0.0;
};

// Fits `flow` (fresh) to `train`: sets its standardisation from the training coordinates,
// minimises the negative log likelihood with Adam on random batches, evaluates `heldOut` (the
// training set when empty) every validationInterval steps and keeps the best flow; its
// parameters are frozen (requires_grad off) afterwards. progress(step, steps, trainNll,
// heldOutNll) after each evaluation; throwIfCancelled before every step (both may throw to
// cancel). Throws std::runtime_error when the loss stops being finite or there are fewer than 2
// training showers.
LayerFlowOutcome fitLayerFlow(LayerFlow& flow, const LayerSamples& train,
                              const LayerSamples& heldOut, const LayerFlowSettings& settings,
                              const std::function<void(int, int, double, double)>& progress = {},
                              const std::function<void()>& throwIfCancelled = {});

} // namespace calo
