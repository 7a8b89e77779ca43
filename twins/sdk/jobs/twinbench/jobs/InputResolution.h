#pragma once

#include "twinbench/runs/RunDirectory.h"

#include <QString>
#include <QStringList>

namespace twins::jobs {

// Turns the inputs of a run's spec into absolute paths, in order:
//   an absolute path      as is;
//   a run id (isRunId)    <directory holding RUNDIR>/<id>/outputs: runs live side by side in
//                         one runs root; that run must exist and have succeeded;
//   any other text        a path relative to RUNDIR.
// Every resolved path must exist. Throws SdkError naming the input as given and what was
// expected, e.g. "input '2024...-3f9a': run 2024...-3f9a has not succeeded (state failed)".
QStringList resolveRunInputs(const runs::RunDirectory& run, const QStringList& inputs);

} // namespace twins::jobs
