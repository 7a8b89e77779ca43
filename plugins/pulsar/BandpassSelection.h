#pragma once

// Which bandpass the NBRFI band profile of one file's frames is measured against
// (core/BandpassMatch.h): the model's reference when the file is of the training band and its
// bandpass fits it, else the file's own, measured from its frames as train measured the
// reference. classify, validate, train (inputs after the first) and the frame query all
// choose here, so a file from another receiver is treated alike wherever it goes.

#include "BandpassMatch.h"
#include "DelayGraph.h"
#include "NetConfig.h"

#include <QJsonArray>
#include <QString>

#include <vector>

namespace pulsar {

// Frames a file's own bandpass is measured from (at most; train's reference_bandpass_frames
// default), and the fewest that make it trustworthy: a carrier present in more than half of
// the measured frames is taken for the receiver's level, which a short stack risks.
inline constexpr std::size_t bandpassMeasuredFrames = 512;
inline constexpr std::size_t bandpassTrustedFrames = 32;

struct BandpassSelection {
    enum class Source { PerFrame, Model, File };
    Source source = Source::PerFrame;
    std::size_t measuredFrames = 0;
    QString statement; // for the log: which bandpass and why
    // The "bandpass" dimension of the training-domain check (bandpassDomain()); empty for
    // PerFrame (models without a reference do not state it).
    QString domainCategory() const;
};

// The categories a model with a reference bandpass is trustworthy for (its model card's
// training_domain "bandpass"): frames whose bandpass fits the reference, and files whose own
// bandpass is measured from at least bandpassTrustedFrames frames.
QJsonArray bandpassDomain();

struct PlannedFrames {
    DelayGraphPlan plan; // delayGraphPlan's, with the reference chosen for these frames
    BandpassSelection bandpass;
};

// The delay graph's plan for a file of `frameCount` frames (`frameAt`) at `frequenciesGHz`
// (descending) with `bins` bins, and the bandpass its band profile is measured against: the
// model's reference when the band is the trained one and it fits, else the file's own. Models
// without a reference: PerFrame. Throws std::invalid_argument for a file without frames or a
// band the plan refuses.
PlannedFrames planFrames(const NetConfig& config, const FrameAt& frameAt, std::size_t frameCount,
                         const std::vector<double>& frequenciesGHz, std::size_t bins, int threads);

} // namespace pulsar
