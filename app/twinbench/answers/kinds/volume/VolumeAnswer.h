#pragma once

#include "answers/AnswerJson.h"
#include "answers/ResultAnswers.h"
#include "twinbench/viz/VolumeGrid.h"

#include <QJsonObject>

#include <vector>

namespace twins::app {

// volume: one or two 3-D grids drawn side by side (e.g. a GAN shower beside the Monte Carlo
// reference), float32 cells in base64.
struct ExploreVolumes {
    ExploreAnswerHeader header;
    std::vector<viz::VolumeGrid> volumes; // one or two
};

// Throws ExploreAnswerError for an answer that does not follow the convention.
ExploreVolumes readVolumeAnswer(const QJsonObject& answer);

// A volume result: one event of an HDF5/NetCDF variable (options event_dimension,
// conditions, axes, spacing_mm), the first event.
ResultAnswer volumeAnswer(const sdk::ResultSpec& spec, const QString& path);

} // namespace twins::app
