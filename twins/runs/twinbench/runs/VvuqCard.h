#pragma once

#include "twinbench/runs/RunRegistry.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QJsonObject>
#include <QString>

namespace twins::runs {

inline constexpr char vvuqCardFormat[] = "twinbench-vvuq/1";

// The verification, validation and uncertainty-quantification card of one trained model (a run
// with outputs/model.json), gathered from the run registry and the run directories, so it cannot
// disagree with them (issue 17, item 5):
//   {"format": "twinbench-vvuq/1",
//    "model": {"run", "module", "action", "created", "description", "validated", "weights"},
//    "code": {"twinbench", "git", "torch"},                 what trained it (model.json)
//    "training_data": {"inputs": [INPUT...], "details": {...}},
//    "training_domain": {"energy_gev": [10, 500], ...},     every dimension the model declares
//    "training_cost": {"cpu_seconds", "cpu_hours", "wall_seconds", "threads", "steps",
//                      "watts_per_core", "energy_wh", "energy_basis"},
//    "thresholds": [{"metric", "at_least"|"at_most", "from", "why"}...],   the twin's metadata
//    "held_out": {"metrics": {...}, "checks": [CHECK...]},   the model's own metrics
//    "validations": [{"run", "module", "action", "state", "created", "via", "inputs": [INPUT...],
//                     "metrics": {...}, "checks": [CHECK...],
//                     "domain": {"recorded": bool, "run", "inside": bool,
//                                "departures": [{"dimension", "trained", "requested"}...]}}...],
//    "calibration": [{"run", "metric": "ece...", "value", "reliability": path}...],
//    "fit_for_purpose": {"verdict": "fit for purpose" | "not fit for purpose" | "not established",
//                        "thresholds": [{"threshold", "metric", "from", "why", "verdict",
//                                        "passing_runs", "failing_runs"}...],
//                        "reasons": ["..."]},
//    "problems": ["..."]}                                   runs that could not be read
// INPUT: {"input": as the spec names it, "run": the run it comes from (absent for a file outside
//   any run), "module", "action", "state", "parameters", "code": {"twinbench", "git"},
//   "files": [{"path", "sha256"}...] (from that run's prov.json, or the consumer's for a file)}.
// CHECK: {"metric", "value" (absent when not reported), "threshold" ("pod >= 0.9", absent when
//   none), "verdict": "pass" | "fail" | "no threshold" | "not reported"}.
//
// A validation run is a succeeded run of the model's module whose action is "validate" or the
// `from` of one of the twin's thresholds (other than the model's own action), and whose inputs
// name the model run directly or through one intermediate run that is not itself a model
// (cyclone: train -> infer -> validate; calogan: train -> generate -> validate; the test twin:
// fit -> predict -> sum). An input names a run by its id or by a path inside its directory.
//
// A validation's "domain" is the training-domain check (outputs/domain.json, see
// twins/sdk TrainingDomain.h) of the run that consumed the model: the intermediate run, or the
// validation run itself when it consumes the model directly. "calibration" gathers the expected
// calibration errors of probabilistic outputs that validation runs report.
//
// The verdict: "fit for purpose" when, for every action the thresholds name, one run of it (the
// model itself for its own action) passes all of that action's thresholds; "not fit for purpose"
// when a threshold was measured and no run meets the action's thresholds together; otherwise
// "not established" (no thresholds declared, or a thresholded metric no run reports), with the
// reasons saying what is missing.
//
// `module` is the twin's metadata (for its thresholds); null when the twin is not installed,
// which the card then states. Throws RunError when `modelRunId` names no run or a run that is
// not a trained model (not succeeded, no or a broken model.json).
QJsonObject buildVvuqCard(const RunRegistry& registry, const QString& modelRunId,
                          const twins::sdk::ModuleMetadata* module);

// The card as readable text (what `twinbench-run models --card RUN` prints).
QString vvuqCardText(const QJsonObject& card);

// How the card's text and the GUI's drawing of it write one value: numbers to 4 significant
// digits, arrays as "[a, b]", booleans as true/false, strings as they are.
QString vvuqNumberText(const QJsonValue& value);
QString vvuqValueText(const QJsonValue& value);

} // namespace twins::runs
