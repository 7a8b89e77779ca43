// The training-loop helper of twins/ml (TrainingLoop.h) with plain hooks, no network: the
// shuffle is a permutation fixed by the seed, batches and steps as planned, keep-best by the
// held-out score, validation interval, time budget, cancellation, streamed metrics.
#include "twinbench/ml/TrainingLoop.h"

#include <QTest>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <stdexcept>
#include <thread>

using namespace twins::ml;

namespace {

struct Recorder {
    std::vector<std::vector<std::int64_t>> batches;
    std::vector<std::size_t> kept, checkpoints, validatedAt;
    std::vector<std::tuple<std::int64_t, std::string, double>> metrics;
    std::vector<TrainingEpoch> epochs;

    TrainingHooks hooks(std::function<double(std::size_t)> score) {
        TrainingHooks h;
        h.trainBatch = [this](const TrainingBatch& batch) {
            batches.push_back(batch.examples);
            return BatchLosses{{"loss", double(batch.step)}};
        };
        h.validate = [this, score](std::size_t step, int) {
            validatedAt.push_back(step);
            return score(step);
        };
        h.keepBest = [this](const TrainingValidation& v) { kept.push_back(v.step); };
        h.checkpoint = [this](const TrainingValidation& v) { checkpoints.push_back(v.step); };
        h.metric = [this](std::int64_t x, const std::string& name, double value) {
            metrics.emplace_back(x, name, value);
        };
        h.epochDone = [this](const TrainingEpoch& epoch) { epochs.push_back(epoch); };
        return h;
    }
};

} // namespace

class MlTrainingLoopTest : public QObject {
    Q_OBJECT

private slots:
    void batchesAreASeededPermutation() {
        TrainingPlan plan;
        plan.seed = 11;
        plan.epochs = 2;
        plan.examples = 10;
        plan.batchSize = 4;
        plan.scoreMetric = "val_loss";
        Recorder a, b, c;
        const TrainingOutcome outcome = runTrainingLoop(plan, a.hooks([](auto) { return 1.0; }));
        QCOMPARE(outcome.steps, std::size_t(6)); // 3 batches (4, 4, 2) x 2 epochs
        QCOMPARE(outcome.epochs, 2);
        QCOMPARE(a.batches[2].size(), std::size_t(2));
        std::vector<std::int64_t> epoch1;
        for (int i = 0; i < 3; ++i) {
            epoch1.insert(epoch1.end(), a.batches[i].begin(), a.batches[i].end());
        }
        std::sort(epoch1.begin(), epoch1.end());
        QCOMPARE(epoch1, (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
        runTrainingLoop(plan, b.hooks([](auto) { return 1.0; }));
        QCOMPARE(a.batches, b.batches); // same seed, same order
        QVERIFY(a.batches[0] != a.batches[3] || a.batches[1] != a.batches[4]); // reshuffled
        plan.seed = 12;
        runTrainingLoop(plan, c.hooks([](auto) { return 1.0; }));
        QVERIFY(a.batches != c.batches);
        // Per-epoch metrics at the epoch's number: the mean loss weighted by batch size, and
        // the score under its name.
        QCOMPARE(a.epochs.size(), std::size_t(2));
        QCOMPARE(a.epochs[0].examples, std::size_t(10));
        QCOMPARE(a.epochs[0].meanLosses[0].second, (4 * 1.0 + 4 * 2.0 + 2 * 3.0) / 10.0);
        QVERIFY(std::find(a.metrics.begin(), a.metrics.end(),
                          std::make_tuple(std::int64_t(1), std::string("val_loss"), 1.0)) !=
                a.metrics.end());
        QVERIFY(std::find(a.metrics.begin(), a.metrics.end(),
                          std::make_tuple(std::int64_t(1), std::string("loss"), 1.8)) !=
                a.metrics.end());
    }

    void keepsTheBestHeldOutScore() {
        TrainingPlan plan;
        plan.epochs = 1;
        plan.examples = 64;
        plan.batchSize = 8;
        plan.wholeBatchesOnly = true;
        plan.validationInterval = 2;
        plan.validateBeforeTraining = true;
        Recorder r;
        // Scores by step: 0 -> 9, 2 -> 5, 4 -> 7, 6 -> 3, 8 -> NaN (never best).
        const std::map<std::size_t, double> scores{{0, 9}, {2, 5}, {4, 7}, {6, 3}, {8, NAN}};
        const TrainingOutcome outcome =
            runTrainingLoop(plan, r.hooks([&](std::size_t step) { return scores.at(step); }));
        QCOMPARE(r.validatedAt, (std::vector<std::size_t>{0, 2, 4, 6, 8}));
        QCOMPARE(r.kept, (std::vector<std::size_t>{0, 2, 6}));
        QCOMPARE(r.checkpoints, r.validatedAt);
        QVERIFY(outcome.best.has_value());
        QCOMPARE(outcome.validations[*outcome.best].step, std::size_t(6));
    }

    void timeBudgetStopsAndValidatesTheLastStep() {
        TrainingPlan plan;
        plan.epochs = 1000;
        plan.examples = 4;
        plan.batchSize = 2;
        plan.timeBudgetSeconds = 0.3;
        plan.metricWindowSteps = 1000; // streamed once, cut short by the budget
        Recorder r;
        TrainingHooks hooks = r.hooks([](auto) { return 1.0; });
        const auto train = hooks.trainBatch;
        bool progressInRange = true;
        hooks.trainBatch = [&](const TrainingBatch& batch) -> BatchLosses {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            progressInRange &= batch.progress >= 0.0 && batch.progress < 1.0;
            return train(batch);
        };
        const TrainingOutcome outcome = runTrainingLoop(plan, hooks);
        QVERIFY(progressInRange);
        QVERIFY(outcome.stoppedByTimeBudget);
        QVERIFY2(outcome.seconds < 1.0, qPrintable(QString::number(outcome.seconds)));
        QVERIFY(outcome.steps >= 5 && outcome.steps < 30);
        QCOMPARE(r.validatedAt.back(), outcome.steps);
        QCOMPARE(std::get<0>(r.metrics.back()), std::int64_t(outcome.steps));
        QVERIFY(outcome.cpuSeconds >= 0.0);
    }

    // The budget holds the last validation too: validations of 150 ms every 5 batches of
    // 10 ms in a 0.6 s budget end by about 0.6 s (a loop that only stopped starting batches at
    // 0.6 s would validate until ~0.75 s).
    void timeBudgetIncludesTheLastValidation() {
        TrainingPlan plan;
        plan.epochs = 1000;
        plan.examples = 10;
        plan.batchSize = 2;
        plan.timeBudgetSeconds = 0.6;
        Recorder r;
        TrainingHooks hooks = r.hooks([](auto) { return 1.0; });
        const auto train = hooks.trainBatch;
        hooks.trainBatch = [&](const TrainingBatch& batch) -> BatchLosses {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            return train(batch);
        };
        const auto validate = hooks.validate;
        hooks.validate = [&](std::size_t step, int epoch) {
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            return validate(step, epoch);
        };
        const TrainingOutcome outcome = runTrainingLoop(plan, hooks);
        QVERIFY(outcome.stoppedByTimeBudget);
        QVERIFY2(outcome.seconds < 0.6 + 0.075, qPrintable(QString::number(outcome.seconds)));
        QCOMPARE(r.validatedAt.back(), outcome.steps);
    }

    void cancellationAndDivergencePropagate() {
        TrainingPlan plan;
        plan.epochs = 3;
        plan.examples = 10;
        plan.batchSize = 5;
        Recorder r;
        TrainingHooks hooks = r.hooks([](auto) { return 1.0; });
        int calls = 0;
        hooks.throwIfCancelled = [&] {
            if (++calls == 4) {
                throw std::runtime_error("cancelled");
            }
        };
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, runTrainingLoop(plan, hooks));
        QVERIFY(r.batches.size() < 4);
        plan.examples = 3;
        plan.wholeBatchesOnly = true; // 3 examples make no whole batch of 5
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 runTrainingLoop(plan, r.hooks([](auto) { return 1.0; })));
    }
};

QTEST_GUILESS_MAIN(MlTrainingLoopTest)
#include "MlTrainingLoopTest.moc"
