#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// The scaffolding every training shares, so a twin writes only its model and its step: seeded
// shuffling (twins::sdk::Random, the same order on every machine), batches, a time budget,
// cancellation before every batch, progress, streaming of losses and of the held-out score,
// validation at an interval, keep-best by the held-out score, checkpoints, and the wall and CPU
// time it cost. Torch-free header: the loop calls the twin's own functions for anything torch.
namespace twins::ml {

struct TrainingPlan {
    std::uint64_t seed = 1;   // of the shuffle (twins::sdk::Random stream 0 of this seed)
    int epochs = 1;           // passes over the examples (the time budget may end it sooner)
    std::size_t examples = 0; // training examples; batches hold their indices
    std::size_t batchSize = 1;
    // Only whole batches (the remainder of an epoch's shuffle is left out, as the GAN wants
    // equal real and generated batch sizes); otherwise the last batch is smaller.
    bool wholeBatchesOnly = false;
    // > 0: the loop's wall time, its last validation included: a batch starts only when it and
    // a validation after it (as long as the last ones took) fit, then the loop validates once
    // more. The first batch always runs.
    double timeBudgetSeconds = 0.0;
    // Steps between validations; 0 = at the end of every epoch. The last step is always
    // validated.
    std::size_t validationInterval = 0;
    // Validate the untrained model first (step 0), the baseline later scores are read against.
    bool validateBeforeTraining = false;
    // Losses returned by trainBatch are streamed as means over this many steps, each at its
    // last step; 0 = one mean per epoch, streamed at the epoch's number.
    std::size_t metricWindowSteps = 0;
    // The metric name of the held-out score (streamed at every validation, at the step, or the
    // epoch when metricWindowSteps is 0); empty = not streamed (the twin reports it itself).
    std::string scoreMetric;
};

struct TrainingBatch {
    std::size_t step = 0;       // 1-based over the whole training
    std::size_t totalSteps = 0; // planned (epochs x batches per epoch)
    int epoch = 0;              // 1-based
    std::vector<std::int64_t> examples;
    // Share of the training done before this batch: of the steps, or of the time budget when
    // that is larger (a schedule that follows it finishes within the budget).
    double progress = 0.0;
};

// Losses of one batch by name; the loop averages them weighted by batch size.
using BatchLosses = std::vector<std::pair<std::string, double>>;

struct TrainingValidation {
    std::size_t step = 0;
    int epoch = 0;
    double score = 0.0;   // lower is better; NaN or infinity never counts as best
    double seconds = 0.0; // wall time since the loop started
};

struct TrainingEpoch {
    int epoch = 0;
    std::size_t examples = 0;    // trained on (fewer when the time budget ended the epoch)
    double seconds = 0.0;        // wall time of the epoch, its validation included
    BatchLosses meanLosses;      // over the epoch's batches
    std::optional<double> score; // of the validation at the epoch's end, if there was one
};

struct TrainingHooks {
    // One optimisation step; required. May throw (divergence, cancellation).
    std::function<BatchLosses(const TrainingBatch&)> trainBatch;
    // The held-out score of the current model; required.
    std::function<double(std::size_t step, int epoch)> validate;
    // A validation scored better than every earlier one: save the model that is kept.
    std::function<void(const TrainingValidation&)> keepBest;
    // After every validation (after keepBest): save what a resumed training would need.
    std::function<void(const TrainingValidation&)> checkpoint;
    // Called before every batch and validation; throws to cancel (ActionContext).
    std::function<void()> throwIfCancelled;
    // Progress in [0, 1] and a line for the status; at most every 0.5% of the training.
    std::function<void(double fraction, const std::string& text)> progress;
    // A streamed metric (metrics.jsonl): x is the step, or the epoch (see metricWindowSteps).
    std::function<void(std::int64_t x, const std::string& name, double value)> metric;
    std::function<void(const TrainingEpoch&)> epochDone;
};

struct TrainingOutcome {
    std::size_t steps = 0;
    int epochs = 0; // epochs begun
    bool stoppedByTimeBudget = false;
    std::vector<TrainingValidation> validations;
    std::optional<std::size_t> best; // index into validations of the kept model
    double seconds = 0.0;
    double cpuSeconds = 0.0; // of the whole process, all threads (twins::sdk::processCpuSeconds)
};

// Runs the plan. Throws std::invalid_argument for a plan without examples or hooks, and
// whatever the hooks throw. A training that ends before its first step still validates the
// untrained model when validateBeforeTraining is set; otherwise its `best` is empty.
TrainingOutcome runTrainingLoop(const TrainingPlan& plan, const TrainingHooks& hooks);

// The batches of one epoch: `order` (already shuffled) cut into batchSize pieces.
std::size_t batchesPerEpoch(const TrainingPlan& plan);

} // namespace twins::ml
