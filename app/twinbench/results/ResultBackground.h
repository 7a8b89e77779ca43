#pragma once

// The background a map result is drawn over: options.background of its spec names a file
// ("from_input") and a variable of it, e.g. {"from_input": "drivers.nc", "variable": "msl"} for
// detections or tracks drawn on the pressure field they were found in. Any kind with a lon/lat
// position may name one (points and tracks today); the GUI knows no file or variable names.

#include "twinbench/sdk/ModuleMetadata.h"

#include <QString>
#include <QStringList>

namespace twins::app {

// Where options.background.from_input was found. Empty path: not found, and `why` says which
// file was looked for where (for the caption of the figure drawn without it).
struct PointsBackground {
    QString path;
    QString why;
};

// How many runs back the inputs are followed (a track run's input is a detect run, whose
// input is the generate run holding the background).
constexpr int backgroundSearchDepth = 4;

// Reads the run's spec.json "inputs": a run id stands for <runs directory>/<id>/outputs (the
// runs directory is the parent of `runDirectory`), a path for that file or directory (its
// outputs/ first). When no input holds the file, the inputs' own inputs are searched (run ids
// only, up to backgroundSearchDepth runs back); a run without inputs looks in its own outputs
// (a generator's result drawn over its own field). Blocking file I/O: call it off the GUI thread.
PointsBackground findPointsBackground(const sdk::ResultSpec& spec, const QString& runDirectory);

// The background variable's CF time dimension (empty when it has none) and the decoded time
// of each of its steps ("YYYY-MM-DD HH:MM:SS"). Throws DataError when the file or variable
// cannot be read. Blocking file I/O.
void readBackgroundTimes(const QString& path, const QString& variable, QString& timeDimension,
                         QStringList& stepTimes);

// "2005-08-01T06:00:00", "2005-08-01 06:00" -> "2005-08-01 06:00:00" (what
// data::formatCfDateTime writes), so CSV times and decoded time coordinates compare as text.
QString normalisedIsoTime(const QString& text);

// True for a spec naming a background file and variable in options.background.
bool hasResultBackground(const sdk::ResultSpec& spec);

} // namespace twins::app
