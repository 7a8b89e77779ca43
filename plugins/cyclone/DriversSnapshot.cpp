#include "DriversSnapshot.h"

namespace cyclone {

twins::insitu::Snapshot driversSnapshot(const GeneratedStep& generated) {
    using namespace twins::insitu;
    Snapshot snapshot;
    snapshot.stream = "drivers";
    snapshot.step = static_cast<std::int64_t>(generated.step);
    snapshot.time = generated.axis.hours[generated.step];
    snapshot.timeUnits = generated.axis.units();
    snapshot.calendar = twins::data::cfCalendarName(generated.axis.calendar);
    snapshot.axes = {Axis{"latitude", "degrees_north", "latitude", generated.grid.latitudes},
                     Axis{"longitude", "degrees_east", "longitude", generated.grid.longitudes}};
    const std::vector<std::string> grid{"latitude", "longitude"};
    snapshot.fields = {GridField{"msl", "Pa", "Mean sea level pressure",
                                 "air_pressure_at_mean_sea_level", grid, generated.fields.msl},
                       GridField{"vo_850", "s-1", "Vorticity (relative) at 850 hPa",
                                 "atmosphere_relative_vorticity", grid, generated.fields.vo850}};
    PointColumn latitude{"lat", "degrees_north", "latitude", {}};
    PointColumn longitude{"lon", "degrees_east", "longitude", {}};
    PointColumn wind{"wind_ms", "m s-1", "", {}};
    PointColumn pressure{"pressure_pa", "Pa", "", {}};
    for (const Storm& storm : generated.alive) {
        latitude.values.push_back(storm.track.latitude);
        longitude.values.push_back(storm.track.longitude);
        wind.values.push_back(storm.track.windMs);
        pressure.values.push_back(storm.track.pressurePa);
    }
    snapshot.pointSets = {PointSet{"storms", {latitude, longitude, wind, pressure}}};
    snapshot.scalars = {Scalar{"storms_alive", "1", static_cast<double>(generated.alive.size())}};
    return snapshot;
}

} // namespace cyclone
