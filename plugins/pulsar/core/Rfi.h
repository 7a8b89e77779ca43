#pragma once

// Radio-frequency interference in a frame, in pixel units. Narrowband RFI (NBRFI) is a carrier
// at one frequency seen at every phase: a horizontal line across the frame; broadband RFI
// (BBRFI) is an impulse at one moment seen in every channel: a vertical line. Variants:
// a drifting carrier (its frequency moves linearly with phase), an intermittent carrier (on
// for part of the frame only: "impulsive" narrowband), a chirped impulse (its phase moves
// linearly across the band: "drifting" broadband) and a band-limited impulse ("impulsive"
// broadband over part of the band). Intensities are in units of the pixel's radiometer noise,
// so RFI is as visible at every S/N of the pulsar.

#include "twinbench/sdk/Random.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace pulsar {

enum class RfiKind {
    NarrowbandSteady = 1,
    NarrowbandDrifting = 2,
    NarrowbandIntermittent = 3,
    BroadbandSteady = 4,
    BroadbandChirped = 5,
    BroadbandBandLimited = 6,
};

bool isNarrowband(RfiKind kind);

struct RfiEvent {
    RfiKind kind = RfiKind::NarrowbandSteady;
    // Narrowband: the centre channel at bin spanStart. Broadband: the centre bin at channel
    // spanStart.
    double centre = 0.0;
    std::size_t width = 1; // narrowband: channels; broadband: bins
    // The extent along the line: narrowband, the bins it is on; broadband, the channels.
    std::size_t spanStart = 0;
    std::size_t spanLength = 0;
    // Narrowband: channels per bin; broadband: bins per channel.
    double drift = 0.0;
    double intensity = 1.0; // in units of the radiometer noise of each pixel
};

struct RfiRanges {
    double intensityMin = 2.0;
    double intensityMax = 20.0;
    std::size_t narrowbandMaxWidth = 4; // channels
    std::size_t broadbandMaxWidth = 2;  // bins
    double variantFraction = 0.3;       // share of drifting / intermittent / chirped / band-limited
};

// One event of the given family with random position, width, extent and intensity.
RfiEvent drawRfi(bool narrowband, const RfiRanges& ranges, std::size_t channels, std::size_t bins,
                 twins::sdk::Random& random);

// Calls visit(channel, bin) once for every pixel the event covers (clipped to the frame).
template <typename Visit>
void forEachRfiPixel(const RfiEvent& event, std::size_t channels, std::size_t bins, Visit visit);

// Adds intensity x noiseSigma[channel] to every covered pixel of `out` (channel-major).
void renderRfi(const RfiEvent& event, std::size_t channels, std::size_t bins,
               const std::vector<double>& noiseSigma, std::vector<double>& out);

template <typename Visit>
void forEachRfiPixel(const RfiEvent& event, std::size_t channels, std::size_t bins, Visit visit) {
    const bool narrow = isNarrowband(event.kind);
    const std::size_t along = narrow ? bins : channels;  // the line's own axis
    const std::size_t across = narrow ? channels : bins; // where it sits
    const std::size_t end = std::min(along, event.spanStart + event.spanLength);
    for (std::size_t i = event.spanStart; i < end; ++i) {
        const double centre = event.centre + event.drift * double(i - event.spanStart);
        const long first = long(std::lround(centre)) - long(event.width - 1) / 2;
        for (long j = first; j < first + long(event.width); ++j) {
            if (j >= 0 && j < long(across)) {
                narrow ? visit(std::size_t(j), i) : visit(i, std::size_t(j));
            }
        }
    }
}

} // namespace pulsar
