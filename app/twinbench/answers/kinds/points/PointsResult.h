#pragma once

#include "answers/ResultAnswers.h"
#include "answers/ResultCsv.h"

namespace twins::app {

// points: detections (CSV: options time, lat, lon, value), drawn as points on a map (the
// tracks page); with options.background, the main window draws them over the input's field.
ResultAnswer pointsAnswer(const sdk::ResultSpec& spec, const ResultCsv& table);
// True for a points result whose spec names a background field of the run's input.
bool isPointsResultWithBackground(const sdk::ResultSpec& spec);

} // namespace twins::app
