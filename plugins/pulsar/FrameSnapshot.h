#pragma once

#include "FrameSimulator.h"
#include "twinbench/insitu/Snapshot.h"

namespace pulsar {

// What simulate publishes in situ for a frame (issue 24): stream "frames" with the recorded
// power ("power", K, as frames.nc's frames) and the pulsar/RFI mask ("mask", 0 or 1) on
// frequency (GHz, descending as the grid) x rotational phase (degree), and the frame's truth as
// scalars: pulsar, nbrfi, bbrfi (0 or 1), dm (pc cm-3) and snr. The step is the frame's index.
twins::insitu::Snapshot frameSnapshot(std::int64_t index, const Frame& frame,
                                      const FrameGrid& grid);

} // namespace pulsar
