#pragma once

#include "twinbench/runs/RunDirectory.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace twins::jobs {

// Turns the inputs of a run's spec into absolute paths, in order:
//   an absolute path      as is;
//   a run id (isRunId)    <directory holding RUNDIR>/<id>/outputs: runs live side by side in
//                         one runs root; that run must exist and have succeeded;
//   an http(s):// URL     fetched whole into RUNDIR/work/remote-inputs/ (RemoteStaging.h), the
//                         fetch recorded in RUNDIR/remote-inputs.json for the provenance
//                         (runs::remoteInputsFile): URL without credentials, validators, bytes
//                         fetched, SHA-256; `cancelled` is asked between pieces;
//   any other text        a path relative to RUNDIR.
// Every resolved path must exist. Throws SdkError naming the input as given and what was
// expected, e.g. "input '2024...-3f9a': run 2024...-3f9a has not succeeded (state failed)", or
// the URL and what the server answered.
QStringList resolveRunInputs(const runs::RunDirectory& run, const QStringList& inputs,
                             const std::function<bool()>& cancelled = {});

// An input as logs may show it: URLs without credentials (remote::urlForRecords).
QString inputForRecords(const QString& input);

} // namespace twins::jobs
