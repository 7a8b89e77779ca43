#pragma once

// The networks' decision thresholds (a label is present when its probability p >= threshold),
// chosen by train on its held-out split, never on a test set:
//  - P(pulsar): real data hold a pulse in about 0.2% of frames, so what matters is the
//    false-alarm rate on pulsar-free frames, not the accuracy on a balanced set. The threshold
//    sits just above the k-th largest held-out pulsar-free probability (k from 0), k the largest
//    with (k + 1) / (n + 1) <= rate: for a new pulsar-free frame from the same distribution the
//    chance to exceed the k-th largest of n is (k + 1) / (n + 1), so the expected false-alarm
//    rate is at most `rate` (order statistics; no assumption on the distribution). With
//    n + 1 < 1 / rate no k qualifies: the threshold is above the largest (k = 0) and the rate
//    is not resolved, the expected rate being 1 / (n + 1).
//  - P(NBRFI), P(BBRFI): the threshold with the highest F1 on the held-out frames (the issue's
//    target for the RFI labels), ties to the one nearest 0.5.

#include <cstddef>
#include <vector>

namespace pulsar {

struct FalseAlarmDecision {
    double threshold = 0.5;
    std::size_t allowedFalseAlarms = 0; // held-out pulsar-free frames at or above it
    bool resolved = false;              // (k + 1) / (n + 1) <= rate for k = allowedFalseAlarms
    double expectedRate = 0.0;          // (k + 1) / (n + 1)
};

// Throws std::invalid_argument for no scores or a rate outside (0, 1).
FalseAlarmDecision thresholdForExpectedFalseAlarmRate(std::vector<double> pulsarFreeScores,
                                                      double rate);

// Throws std::invalid_argument for no scores, sizes that differ, or no positive frame.
double f1BestThreshold(const std::vector<double>& scores, const std::vector<bool>& truth);

} // namespace pulsar
