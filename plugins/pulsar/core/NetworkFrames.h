#pragma once

// The frames of a simulate run (frames.nc) as the networks see them (NetworkInput.h's planes
// and DelayGraph.h's side inputs), with their masks and labels, computed on several threads
// (the file itself is read from one).

#include "DelayGraph.h"
#include "FrameFile.h"
#include "NetworkInput.h"

#include <cstddef>
#include <functional>
#include <vector>

namespace pulsar {

struct NetworkFrames {
    std::size_t count = 0;
    std::vector<float> inputs; // count x networkInputLength(grid)
    std::vector<float> masks;  // count x pixels, when asked for
    std::vector<float> labels; // count x 3 (Pulsar, NBRFI, BBRFI)
};

// Frames first..first+count-1 of `file` appended to `out`; `plan` is the delay graph's for the
// file's band on the grid. `progress(done, count)` is called after every block (it may throw
// to cancel).
void appendNetworkFrames(const FrameFileReader& file, std::size_t first, std::size_t count,
                         const DelayGraphPlan& plan, const NormalisationSettings& normalisation,
                         bool withMasks, int threads, NetworkFrames& out,
                         const std::function<void(std::size_t, std::size_t)>& progress = {});

// The receiver's level per grid column (BandProfile.h) from up to `maxFrames` frames of `file`
// spread evenly over it (all frames, whatever their labels: the median over frames keeps a
// channel's RFI of a few frames out). Throws std::invalid_argument for a file without frames.
std::vector<double> fileReferenceBandpass(const FrameFileReader& file, const NetworkGrid& grid,
                                          std::size_t maxFrames, int threads);

} // namespace pulsar
