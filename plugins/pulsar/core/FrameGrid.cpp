#include "FrameGrid.h"

#include <stdexcept>
#include <string>

namespace pulsar {

FrameGrid makeFrameGrid(int channels, double topGHz, double bottomGHz, int bins, double stepDeg) {
    if (channels < 2) {
        throw std::invalid_argument("channels is " + std::to_string(channels) +
                                    ": a frame needs at least 2 frequency channels");
    }
    if (!(bottomGHz > 0.0) || !(topGHz > bottomGHz)) {
        throw std::invalid_argument("the band must satisfy 0 < bottom < top GHz (bottom " +
                                    std::to_string(bottomGHz) + ", top " + std::to_string(topGHz) +
                                    ")");
    }
    if (bins < 2 || !(stepDeg > 0.0)) {
        throw std::invalid_argument("a frame needs at least 2 phase bins of positive width");
    }
    FrameGrid grid;
    grid.channelWidthGHz = (topGHz - bottomGHz) / double(channels - 1);
    grid.phaseStepDeg = stepDeg;
    grid.frequenciesGHz.resize(std::size_t(channels));
    for (int c = 0; c < channels; ++c) {
        // Multiplying the index (rather than summing steps) keeps 0.849 - 599 * 0.001 exact
        // to the last bit of the bottom channel.
        grid.frequenciesGHz[std::size_t(c)] = topGHz - double(c) * grid.channelWidthGHz;
    }
    grid.phasesDeg.resize(std::size_t(bins));
    for (int k = 0; k < bins; ++k) {
        grid.phasesDeg[std::size_t(k)] = double(k) * stepDeg;
    }
    return grid;
}

} // namespace pulsar
