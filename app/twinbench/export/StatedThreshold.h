#pragma once

#include <QString>

#include <string>

namespace twins::data {
class Dataset;
}

namespace twins::app {

// The variability threshold to hatch (or the value whose exceedance to map) an ensemble
// variable with: the variable's numeric attribute `attribute` when one is named and the file
// has it (a run that measured its own variability states it there, as wildfire project's
// variability_threshold), else `fallback` (the number a result spec or the user gave). A
// threshold depends on the run (the period's length, the model's variability); a spec is
// written once for all runs, so it names where the run's number is. Throws
// std::runtime_error naming the file, variable and attribute when the attribute is there but
// not one finite number >= 0. Reads only the variable's metadata (already in memory).
double statedThreshold(const data::Dataset& dataset, const std::string& variable,
                       const QString& attribute, double fallback);

} // namespace twins::app
