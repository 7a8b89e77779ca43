#include "SeasfireVariables.h"

#include "WildfireError.h"

namespace wildfire {

const std::vector<SeasfireVariable>& seasfireVariables() {
    static const std::vector<SeasfireVariable> variables{
        {"lai", "Leaf area index", "m2 m-2", "leaf_area_index", "time: mean",
         "MODIS-like one-sided green leaf area per unit ground area", ValidCells::Land, 1.147,
         1.374, false},
        {"lst_day", "Land surface temperature, day", "K", "surface_temperature", "time: mean",
         "MODIS-like daytime (~13:30 local) land skin temperature", ValidCells::Land, 270.97, 32.90,
         true},
        {"rel_hum", "Relative humidity at 2 m", "%", "relative_humidity", "time: mean", "",
         ValidCells::Everywhere, 72.36, 13.86, false},
        {"ssr", "Surface net solar radiation", "MJ m-2 day-1",
         "surface_net_downward_shortwave_flux", "time: mean",
         "daily accumulation, averaged over the 8-day step", ValidCells::Everywhere, 11.20, 7.99,
         false},
        {"sst", "Sea surface temperature", "K", "sea_surface_temperature", "time: mean",
         "missing where the land fraction is 0.5 or more", ValidCells::Sea, 287.00, 11.67, true},
        {"t2m_min", "Minimum temperature at 2 m", "K", "air_temperature",
         "time: minimum within days time: mean over days", "mean daily minimum over the 8-day step",
         ValidCells::Everywhere, 276.72, 21.28, true},
        {"tp", "Total precipitation", "mm", "lwe_thickness_of_precipitation_amount", "time: sum",
         "accumulated over the 8-day step", ValidCells::Everywhere, 19.26, 28.67, false},
        {"fcci_ba", "Burned area", "ha", "", "time: sum",
         "FireCCI-like burned area of the cell in the 8-day step; 0 at sea", ValidCells::Everywhere,
         0.001452, 0.01749, false},
        {"lsm", "Land-sea mask", "1", "land_area_fraction", "area: mean",
         "land fraction of the cell from GSHHG (low resolution) shorelines", ValidCells::Everywhere,
         0.364, 0.481, false},
    };
    return variables;
}

const SeasfireVariable& seasfireVariable(const std::string& name) {
    for (const SeasfireVariable& variable : seasfireVariables()) {
        if (variable.name == name) {
            return variable;
        }
    }
    throw WildfireError("no SeasFire variable '" + name + "'");
}

} // namespace wildfire
