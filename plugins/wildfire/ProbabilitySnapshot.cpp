#include "ProbabilitySnapshot.h"

#include "EightDayAxis.h"
#include "ProbabilityFile.h"

#include <cmath>

namespace wildfire {

twins::insitu::Snapshot probabilitySnapshot(std::int64_t step, double targetDay,
                                            const std::vector<double>& latitudes,
                                            const std::vector<double>& longitudes,
                                            const std::vector<float>& mean,
                                            const std::vector<float>& spread) {
    using namespace twins::insitu;
    Snapshot snapshot;
    snapshot.stream = "probability";
    snapshot.step = step;
    snapshot.time = targetDay;
    snapshot.timeUnits = EightDayAxis::units;
    snapshot.calendar = EightDayAxis::calendar;
    snapshot.axes = {Axis{"latitude", "degrees_north", "latitude", latitudes},
                     Axis{"longitude", "degrees_east", "longitude", longitudes}};
    const std::vector<std::string> grid{"latitude", "longitude"};
    snapshot.fields = {
        GridField{ProbabilityFile::meanName, "1",
                  "burned probability in the step, mean over the ensemble members", "", grid, mean},
        GridField{ProbabilityFile::spreadName, "1",
                  "standard deviation of the burned probability over the ensemble members", "",
                  grid, spread}};
    double sum = 0.0;
    std::size_t land = 0;
    for (const float value : mean) {
        if (std::isfinite(value)) {
            sum += value;
            ++land;
        }
    }
    snapshot.scalars = {
        Scalar{"mean_burned_probability", "1", land > 0 ? sum / static_cast<double>(land) : NAN}};
    return snapshot;
}

} // namespace wildfire
