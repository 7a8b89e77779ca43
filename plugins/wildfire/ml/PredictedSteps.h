#pragma once

#include <cstddef>
#include <utility>
#include <vector>

class QString;

// Torch-free: which steps of a cube a network of a given lead predicts inside a period
// (infer, project and the what_if query choose their steps the same way).
namespace wildfire {

class DriverCube;

struct PredictedSteps {
    std::vector<std::size_t> driverSteps; // steps of the cube the drivers are read from
    std::vector<double> targetDays;       // start of each predicted step, days since 2001-01-01
};

// "2019-01-01/2021-12-31" (an ISO 8601 interval of dates or date-times, checked by the schema)
// -> its first and last day, days since 2001-01-01.
std::pair<double, double> periodDays(const QString& text);

// The step `lead` after each driver step, on SeasFire's 8-day axis (it may lie beyond the
// cube's last step), kept when it starts inside [firstDay, lastDay]. Throws WildfireError
// naming the cube and the step when a step is off SeasFire's axis.
PredictedSteps stepsPredictingIn(const DriverCube& cube, int lead, double firstDay, double lastDay);

} // namespace wildfire
