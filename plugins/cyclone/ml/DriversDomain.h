#pragma once

#include "CycloneTime.h"

#include <QJsonObject>

#include <string>
#include <vector>

namespace cyclone {

// The conditions of drivers files in the dimensions of the CNN's training domain (issue 17,
// item 5): the grid (resolution, patch), the months of the year (a model trained on the
// Atlantic season has never seen a winter), the generator's world (standard, or harder with
// observation errors and bait systems) and its warming. Years are deliberately not a
// dimension: held-out years are the point of validation, while the season and the climate are
// what the network can fail to extrapolate to.
struct DriversConditions {
    std::vector<int> months;         // 1..12, sorted, each once
    std::vector<std::string> worlds; // "standard" or "harder"; a file without the attribute is
                                     // "observed" (not written by the generator)
    std::vector<double> warmingK;    // the generator's warming of each generated file
};

// Reads the global attributes of `drivers` (twinbench_world, twinbench_warming_K) and adds the
// months of `times`. Throws DataError naming the file when it cannot be opened.
void addDriversConditions(DriversConditions& conditions, const std::string& drivers,
                          const std::vector<CfDateTime>& times);

// The model card's training_domain, and what an inference asks for, in the same dimensions:
// resolution and patch exact, months and worlds as categories, warming as a [low, high] range
// (absent when no file was generated).
QJsonObject driversDomainJson(double resolutionDegrees, int patchSize,
                              const DriversConditions& conditions);

} // namespace cyclone
