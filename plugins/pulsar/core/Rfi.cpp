#include "Rfi.h"

#include <algorithm>
#include <cmath>

namespace pulsar {

bool isNarrowband(RfiKind kind) {
    return kind == RfiKind::NarrowbandSteady || kind == RfiKind::NarrowbandDrifting ||
           kind == RfiKind::NarrowbandIntermittent;
}

RfiEvent drawRfi(bool narrowband, const RfiRanges& ranges, std::size_t channels, std::size_t bins,
                 twins::sdk::Random& random) {
    const std::size_t along = narrowband ? bins : channels;
    const std::size_t across = narrowband ? channels : bins;
    RfiEvent event;
    const bool variant = random.bernoulli(ranges.variantFraction);
    const bool moving = variant && random.bernoulli(0.5); // else the partial-extent variant
    if (narrowband) {
        event.kind = !variant
                         ? RfiKind::NarrowbandSteady
                         : (moving ? RfiKind::NarrowbandDrifting : RfiKind::NarrowbandIntermittent);
    } else {
        event.kind = !variant
                         ? RfiKind::BroadbandSteady
                         : (moving ? RfiKind::BroadbandChirped : RfiKind::BroadbandBandLimited);
    }
    event.centre = double(random.uniformIndex(across));
    const std::size_t maxWidth =
        std::max<std::size_t>(1, narrowband ? ranges.narrowbandMaxWidth : ranges.broadbandMaxWidth);
    event.width = 1 + std::size_t(random.uniformIndex(maxWidth));
    event.spanStart = 0;
    event.spanLength = along;
    if (variant && !moving) {
        // On for a quarter to three quarters of its axis.
        const std::size_t shortest = std::max<std::size_t>(1, along / 4);
        event.spanLength = shortest + std::size_t(random.uniformIndex(along / 2 + 1));
        event.spanLength = std::min(event.spanLength, along);
        event.spanStart = std::size_t(random.uniformIndex(along - event.spanLength + 1));
    } else if (moving) {
        // Moves by up to a tenth of the band (narrowband) or of the frame (broadband) along
        // its whole extent.
        event.drift = random.uniform(-0.1, 0.1) * double(across) / double(along);
    }
    event.intensity = random.uniform(ranges.intensityMin, ranges.intensityMax);
    return event;
}

void renderRfi(const RfiEvent& event, std::size_t channels, std::size_t bins,
               const std::vector<double>& noiseSigma, std::vector<double>& out) {
    out.resize(channels * bins, 0.0);
    forEachRfiPixel(event, channels, bins, [&](std::size_t c, std::size_t k) {
        out[c * bins + k] += event.intensity * noiseSigma[c];
    });
}

} // namespace pulsar
