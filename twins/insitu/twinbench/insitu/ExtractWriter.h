#pragma once

#include "twinbench/insitu/Snapshot.h"

#include <string>

namespace twins::insitu {

// Writes one snapshot as a CF-1.10 NetCDF-4 file at `path`, whole or not at all (built under a
// partial name and renamed on commit, so a reader listing insitu/ never sees half a file):
//   time(time=1) with the snapshot's units and calendar; one coordinate variable per axis;
//   each field as float NAME(time, axes...) with units, long_name, standard_name and NaN as
//   _FillValue; each point set as a dimension NAME with one variable NAME_COLUMN per column;
//   each scalar as double NAME(time). Global attributes: Conventions, history, the run id
//   and Twinbench version, twinbench_insitu_stream and twinbench_insitu_step.
// Throws SdkError naming the snapshot and the offending field, axis or column for a shape that
// does not add up, and DataError when the file cannot be written.
void writeExtract(const Snapshot& snapshot, const std::string& path, const std::string& runId);

} // namespace twins::insitu
