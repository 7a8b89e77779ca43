#pragma once

#include "answers/AnswerJson.h"
#include "answers/ResultAnswers.h"
#include "twinbench/viz/SpectrogramScene.h"

#include <QJsonObject>

namespace twins::app {

// spectrogram: one frame over (time or phase) x frequency, float32 values in base64, with an
// optional mask drawn over it (e.g. a classifier's predicted pulse), plugins/README.md.
struct SpectrogramAnswer {
    ExploreAnswerHeader header;
    viz::SpectrogramData data;
};

// Throws ExploreAnswerError for an answer that does not follow the convention.
SpectrogramAnswer readSpectrogramAnswer(const QJsonObject& answer);

// The answer object for `data` (what readSpectrogramAnswer reads back).
QJsonObject spectrogramAnswerJson(const viz::SpectrogramData& data, const QString& title);

// A spectrogram result: one frame of a 2-D (or frames x 2-D) variable of a NetCDF/HDF5 output
// whose dimensions are frequency and time or phase, in either order, with an optional mask
// variable (options frame, frequency_dimension, mask_variable, mask_output, mask_name).
ResultAnswer spectrogramAnswer(const sdk::ResultSpec& spec, const QString& path);

} // namespace twins::app
