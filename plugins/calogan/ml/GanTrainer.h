#pragma once

// Torch-free interface of the 3DGAN training loop (the loop is in GanTrainer.cpp).

#include "GanConfig.h"
#include "LateralModel.h"
#include "LayerFlowTrainer.h"
#include "ShowerMetrics.h"
#include "TrainingSet.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace calo {

// The original's loss weights [3, 0.1, 25, 0.1] for [BCE, MAPE energy, MAE angle, MAPE sum],
// plus our profile term (0 gives the original's loss exactly; see GanTrainer.cpp).
struct GanLossWeights {
    double adversarial = 3.0;
    double energy = 0.1;
    double angle = 25.0;
    double sum = 0.1;
    double profile = 5.0;
};

struct GanTrainSettings {
    GanArchitecture architecture; // architecture.twoStage: stage 1 (flow) first, then the GAN
    LayerFlowSettings flow;       // stage 1's training (two-stage only)
    LateralFitSettings lateral;   // stage 2's fit when architecture.lateralStage
    GanLossWeights weights;
    int epochs = 30;
    int batchSize = 64;
    double learningRate = 1e-3; // RMSprop, both networks, as the original
    double labelFlip = 0.05;    // share of real/fake labels flipped in the discriminator step
    int validationInterval = 0; // steps between validations; 0 = once per epoch
    double maxSeconds = 0.0;    // stop after this much wall time (0 = no limit)
    std::uint64_t seed = 1;
    int threads = 0; // LibTorch intra-op threads; 0 = every core the process may use
    // Decay of the moving average of the generator's weights that is validated and kept.
    double averageDecay = 0.995;
    // Training showers generated to fit the per-layer calibration of every validated
    // generator (0 = none).
    int calibrationShowers = 4096;
    // Training showers generated to refit the kept generator's calibration once training ends
    // (0 = keep the per-validation fit; no effect without calibrationShowers).
    int finalCalibrationShowers = 32768;
    // Scale each generated shower to a deposited energy from a response model fitted on the
    // training showers (GanNet.h, setEnergyResponse); false: the network's own sum, as the
    // original. Not used by the two-stage model (stage 1 draws the layer energies).
    bool energyResponse = true;
    // The losses (loss_discriminator, loss_generator and the generator's terms before
    // weighting: loss_adversarial, loss_energy_mape, loss_angle_mae, loss_sum_mape,
    // loss_profile) are streamed as means over windows, about this many points per training.
    std::size_t lossPoints = 400;
};

struct ValidationReport {
    std::size_t step = 0;
    int epoch = 0;
    BinSummary generated;       // the generator's showers for the held-out conditions
    BinComparison comparison;   // against the held-out reference showers
    double score = 0.0;         // sampling-fraction error + longitudinal profile error
    double seconds = 0.0;       // wall time since training started
    bool calibrated = false;    // with its per-layer calibration fitted on training showers
    BinComparison uncalibrated; // the same generator without the calibration (if calibrated)
};

struct GanTrainCallbacks {
    std::function<void()> throwIfCancelled; // before every step and validation
    // Share of the training done (of the steps, or of the time limit) and a line for the status.
    std::function<void(double fraction, const std::string& text)> progress;
    // A streamed loss: the last step of its window, the name, the window's mean.
    std::function<void(std::int64_t step, const std::string& name, double value)> metric;
    std::function<void(const ValidationReport&)> validationDone;
    std::function<void(const std::string&)> message; // a line for the run's log
    // Showers generated so far of a calibration fit (may throw to cancel).
    std::function<void(int done, int total)> calibrationProgress;
};

struct GanTrainOutcome {
    std::optional<LayerFlowOutcome> layerFlow; // stage 1 of the two-stage model
    std::vector<ValidationReport> validations;
    std::size_t bestValidation = 0; // index of the saved generator's validation
    // The saved generator after its final calibration (finalCalibrationShowers), validated on
    // the held-out showers; absent when there was none.
    std::optional<ValidationReport> finalCalibration;
    std::size_t steps = 0;
    bool stoppedByTimeLimit = false;
    double seconds = 0.0;
    double cpuSeconds = 0.0; // of the whole worker process, all threads
    int threads = 0;         // LibTorch intra-op threads used
};

// architecture.lateralStage (stage2=shapes): stage 1 is trained as for the two-stage model,
// then the lateral sampler is fitted on the training showers and written beside generatorPath
// as lateral.bin; no GAN step is run. The one validation is the shipped model (flow and
// sampler, read back from the output directory, whose gan.json must already be written) on the
// held-out showers.
// Trains a fresh generator and discriminator on `set` with the original's losses, RMSprop and
// label flips, in the SDK's training loop (twinbench/ml/TrainingLoop.h); validates the moving
// average of the generator's weights every validationInterval steps on the held-out showers and
// keeps the best (lowest score) one in generatorPath (written atomically), each candidate with its
// per-layer calibration fitted on training showers first (unless calibrationShowers is 0), and the
// kept one's calibration refitted on finalCalibrationShowers at the end. The latest generator,
// discriminator and optimiser states go to checkpointDirectory at every validation. Throws
// std::runtime_error when the losses stop being finite.
GanTrainOutcome trainGan(const TrainingSet& set, const GanConfig& config,
                         const GanTrainSettings& settings, const std::string& generatorPath,
                         const std::string& checkpointDirectory,
                         const GanTrainCallbacks& callbacks);

} // namespace calo
