#include "FrameSnapshot.h"

namespace pulsar {

twins::insitu::Snapshot frameSnapshot(std::int64_t index, const Frame& frame,
                                      const FrameGrid& grid) {
    using namespace twins::insitu;
    Snapshot snapshot;
    snapshot.stream = "frames";
    snapshot.step = index;
    snapshot.time = static_cast<double>(index);
    snapshot.timeUnits = "1"; // the frame's number in the run, not a date
    snapshot.axes = {Axis{"frequency", "GHz", "", grid.frequenciesGHz},
                     Axis{"phase", "degree", "", grid.phasesDeg}};
    const std::vector<std::string> axes{"frequency", "phase"};
    // Frames are channel-major (c * bins + k): already (frequency, phase) with phase fastest.
    GridField power{"power", "K",  "recorded power",
                    "",      axes, std::vector<float>(frame.data.begin(), frame.data.end())};
    GridField mask{"mask", "1",  "1 where the pulsar or RFI is",
                   "",     axes, std::vector<float>(frame.mask.begin(), frame.mask.end())};
    snapshot.fields = {std::move(power), std::move(mask)};
    const FrameParameters& truth = frame.parameters;
    snapshot.scalars = {Scalar{"pulsar", "1", truth.pulsar ? 1.0 : 0.0},
                        Scalar{"nbrfi", "1", truth.nbrfi ? 1.0 : 0.0},
                        Scalar{"bbrfi", "1", truth.bbrfi ? 1.0 : 0.0},
                        Scalar{"dm", "pc cm-3", truth.dm}, Scalar{"snr", "1", truth.snr}};
    return snapshot;
}

} // namespace pulsar
