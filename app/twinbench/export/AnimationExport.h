#pragma once

#include "export/FigureExport.h"

#include <QString>

#include <cstddef>
#include <functional>
#include <optional>
#include <utility>

namespace twins::app {

// Thrown when the progress callback asked to stop; the partial output is removed.
class AnimationCancelled : public FigureExportError {
public:
    AnimationCancelled() : FigureExportError("animation export cancelled") {}
};

// An animation over one dimension of a variable (`twinbench --export-figure OUT.mp4|OUT.gif
// --animate DIM ...`): every index of DIM (or --frames FIRST:LAST) rendered like a scripted
// figure, with one colour range for all frames and each frame's decoded date in its title.
struct AnimationRequest {
    FigureRequest figure; // outputPath ends in .mp4 or .gif
    QString dimension;
    std::optional<std::pair<std::size_t, std::size_t>> frames; // first and last index, inclusive
    int fps = 8;
};

// Called after each encoded frame with the number done and the total; returning false
// cancels (AnimationCancelled is thrown).
using AnimationProgress = std::function<bool(int done, int total)>;

// Reads, renders and encodes every frame; the next frame's data is read on another thread
// while the current one renders. Blocks: call it from main() for scripted export or on a
// worker thread from the GUI (rendering uses an offscreen VTK window of its own). Throws
// FigureExportError naming the file, variable, dimension or ffmpeg's complaint; never leaves
// a partial output behind.
void exportAnimation(const AnimationRequest& request, const AnimationProgress& progress = {});

} // namespace twins::app
