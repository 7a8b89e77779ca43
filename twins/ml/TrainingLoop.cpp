#include "twinbench/ml/TrainingLoop.h"

#include "twinbench/sdk/ProcessClock.h"
#include "twinbench/sdk/Random.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

namespace twins::ml {

namespace {

using Clock = std::chrono::steady_clock;

// Means of named losses weighted by batch size, in the order the names first appeared.
class LossMeans {
public:
    void add(const BatchLosses& losses, std::size_t weight) {
        for (const auto& [name, value] : losses) {
            auto found = std::find_if(m_sums.begin(), m_sums.end(),
                                      [&](const auto& entry) { return entry.first == name; });
            if (found == m_sums.end()) {
                m_sums.emplace_back(name, 0.0);
                found = m_sums.end() - 1;
            }
            found->second += value * static_cast<double>(weight);
        }
        m_weight += weight;
    }
    BatchLosses means() const {
        BatchLosses result;
        for (const auto& [name, sum] : m_sums) {
            result.emplace_back(name, m_weight ? sum / static_cast<double>(m_weight) : NAN);
        }
        return result;
    }
    bool empty() const { return m_weight == 0; }

private:
    BatchLosses m_sums;
    std::size_t m_weight = 0;
};

} // namespace

std::size_t batchesPerEpoch(const TrainingPlan& plan) {
    const std::size_t size = std::max<std::size_t>(1, plan.batchSize);
    if (plan.wholeBatchesOnly) {
        return plan.examples / size;
    }
    return (plan.examples + size - 1) / size;
}

TrainingOutcome runTrainingLoop(const TrainingPlan& plan, const TrainingHooks& hooks) {
    if (!hooks.trainBatch || !hooks.validate) {
        throw std::invalid_argument("runTrainingLoop: trainBatch and validate are required");
    }
    const std::size_t batchSize = std::max<std::size_t>(1, plan.batchSize);
    const std::size_t batches = batchesPerEpoch(plan);
    if (plan.examples == 0 || batches == 0) {
        throw std::invalid_argument("runTrainingLoop: " + std::to_string(plan.examples) +
                                    " training examples make no batch of " +
                                    std::to_string(batchSize));
    }
    const std::size_t totalSteps = batches * static_cast<std::size_t>(std::max(0, plan.epochs));
    const std::size_t interval = plan.validationInterval > 0 ? plan.validationInterval : batches;
    const auto started = Clock::now();
    const double cpuStarted = twins::sdk::processCpuSeconds();
    const auto elapsed = [&] {
        return std::chrono::duration<double>(Clock::now() - started).count();
    };
    const auto cancelPoint = [&] {
        if (hooks.throwIfCancelled) {
            hooks.throwIfCancelled();
        }
    };

    TrainingOutcome outcome;
    double reported = -1.0;
    const auto progress = [&](double fraction, const std::string& text) {
        fraction = std::clamp(fraction, 0.0, 1.0);
        if (hooks.progress && (fraction - reported >= 0.005 || fraction >= 1.0)) {
            reported = fraction;
            hooks.progress(fraction, text);
        }
    };
    // The budget covers the whole loop, its last validation included: a batch starts only when
    // it and a validation after it (each as long as the last one took) still fit, so a
    // 30-minute budget is a training of at most 30 minutes (a 1 degree wildfire validation
    // alone takes ~40 s). The first batch always runs.
    double lastValidationSeconds = 0.0;
    double lastBatchSeconds = 0.0;
    const auto budgetSpent = [&] {
        return plan.timeBudgetSeconds > 0.0 &&
               elapsed() + lastBatchSeconds + lastValidationSeconds >= plan.timeBudgetSeconds;
    };
    const auto validateNow = [&](std::size_t step, int epoch) {
        cancelPoint();
        TrainingValidation validation;
        validation.step = step;
        validation.epoch = epoch;
        const double validationStarted = elapsed();
        validation.score = hooks.validate(step, epoch);
        validation.seconds = elapsed();
        lastValidationSeconds = validation.seconds - validationStarted;
        outcome.validations.push_back(validation);
        const bool scored = std::isfinite(validation.score);
        if (scored &&
            (!outcome.best || validation.score < outcome.validations[*outcome.best].score)) {
            outcome.best = outcome.validations.size() - 1;
            if (hooks.keepBest) {
                hooks.keepBest(validation);
            }
        }
        if (hooks.checkpoint) {
            hooks.checkpoint(validation);
        }
        if (hooks.metric && !plan.scoreMetric.empty() && scored) {
            hooks.metric(plan.metricWindowSteps > 0 ? std::int64_t(step) : std::int64_t(epoch),
                         plan.scoreMetric, validation.score);
        }
        return validation;
    };

    if (plan.validateBeforeTraining) {
        validateNow(0, 0);
    }
    twins::sdk::Random shuffler(twins::sdk::streamSeed(plan.seed, 0));
    std::vector<std::int64_t> order(plan.examples);
    std::iota(order.begin(), order.end(), std::int64_t(0));
    LossMeans window;
    std::size_t windowSteps = 0;
    std::size_t step = 0;
    std::size_t lastValidated = plan.validateBeforeTraining ? 0 : std::size_t(-1);
    for (int epoch = 1; epoch <= plan.epochs && !outcome.stoppedByTimeBudget; ++epoch) {
        const auto epochStarted = Clock::now();
        shuffler.shuffle(order);
        LossMeans epochLosses;
        std::size_t seen = 0;
        std::optional<double> epochScore;
        for (std::size_t b = 0; b < batches; ++b) {
            cancelPoint();
            double share = totalSteps ? double(step) / double(totalSteps) : 1.0;
            if (plan.timeBudgetSeconds > 0.0) {
                if (step > 0 && budgetSpent()) {
                    outcome.stoppedByTimeBudget = true;
                    break;
                }
                share = std::max(share, std::min(0.999, elapsed() / plan.timeBudgetSeconds));
            }
            TrainingBatch batch;
            batch.step = ++step;
            batch.totalSteps = totalSteps;
            batch.epoch = epoch;
            batch.progress = share;
            const std::size_t begin = b * batchSize;
            const std::size_t end = std::min(order.size(), begin + batchSize);
            batch.examples.assign(order.begin() + std::ptrdiff_t(begin),
                                  order.begin() + std::ptrdiff_t(end));
            const double batchStarted = elapsed();
            const BatchLosses losses = hooks.trainBatch(batch);
            lastBatchSeconds = elapsed() - batchStarted;
            seen += end - begin;
            epochLosses.add(losses, end - begin);
            if (plan.metricWindowSteps > 0) {
                window.add(losses, end - begin);
                if (++windowSteps == plan.metricWindowSteps || step == totalSteps) {
                    if (hooks.metric) {
                        for (const auto& [name, value] : window.means()) {
                            hooks.metric(std::int64_t(step), name, value);
                        }
                    }
                    window = LossMeans{};
                    windowSteps = 0;
                }
            }
            progress(std::max(double(step) / double(totalSteps), share),
                     "step " + std::to_string(step) + " of " + std::to_string(totalSteps) +
                         " (epoch " + std::to_string(epoch) + ")");
            const bool timeUp = budgetSpent();
            if (step % interval == 0 || step == totalSteps || timeUp) {
                const TrainingValidation validation = validateNow(step, epoch);
                lastValidated = step;
                if (b + 1 == batches || timeUp) {
                    epochScore = validation.score;
                }
            }
            if (timeUp) {
                outcome.stoppedByTimeBudget = true;
                break;
            }
        }
        if (seen == 0) {
            break; // the time ran out before this epoch's first batch
        }
        outcome.epochs = epoch;
        if (outcome.stoppedByTimeBudget && lastValidated != step) {
            epochScore = validateNow(step, epoch).score;
            lastValidated = step;
        }
        if (plan.metricWindowSteps == 0 && hooks.metric) {
            for (const auto& [name, value] : epochLosses.means()) {
                hooks.metric(epoch, name, value);
            }
        }
        if (hooks.epochDone) {
            TrainingEpoch report;
            report.epoch = epoch;
            report.examples = seen;
            report.seconds = std::chrono::duration<double>(Clock::now() - epochStarted).count();
            report.meanLosses = epochLosses.means();
            report.score = epochScore;
            hooks.epochDone(report);
        }
    }
    // The time ran out between two epochs: the last step still gets its validation.
    if (outcome.stoppedByTimeBudget && step > 0 && lastValidated != step) {
        validateNow(step, outcome.epochs);
    }
    // A window cut short by the time budget.
    if (plan.metricWindowSteps > 0 && !window.empty() && hooks.metric) {
        for (const auto& [name, value] : window.means()) {
            hooks.metric(std::int64_t(step), name, value);
        }
    }
    outcome.steps = step;
    outcome.seconds = elapsed();
    outcome.cpuSeconds = twins::sdk::processCpuSeconds() - cpuStarted;
    return outcome;
}

} // namespace twins::ml
