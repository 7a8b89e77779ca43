#pragma once

// train's decision thresholds (DecisionThresholds.h), never set on test data: P(pulsar) for the
// expected false-alarm rate asked on the pulsar-free frames of the held-out split and of the
// calibration inputs (simulate runs that are not trained on: the held-out split of a small
// training set holds too few pulsar-free frames to resolve one false alarm per 1,000), the RFI
// labels where their held-out F1 is highest.

#include "NetConfig.h"
#include "PulsarNets.h"
#include "twinbench/sdk/TwinModule.h"

#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace pulsar {

// P(pulsar) of the pulsar-free frames of `paths` (simulate runs' frames.nc) scored with the kept
// model (weights beside `config`), in blocks; writes outputs/calibration_predictions.csv
// (`file,frame,p_pulsar`). Throws SdkError naming the file that has no pulsar-free frame.
std::vector<double> calibrationPulsarFreeScores(twins::sdk::ActionContext& context,
                                                const QStringList& paths,
                                                const QString& weightsPath, const NetConfig& config,
                                                int threads);

// Sets config.thresholds from the held-out split (labels and probabilities, 3 per frame) and
// the calibration frames' pulsar-free P(pulsar); logs how, and returns what the model card
// states about it (the pulsar-free frames counted and the expected rate).
QJsonObject chooseThresholds(twins::sdk::ActionContext& context,
                             const std::vector<float>& heldOutLabels,
                             const std::vector<float>& heldOutProbabilities,
                             const std::vector<double>& calibrationScores, NetConfig& config);

} // namespace pulsar
