#pragma once

#include <string>
#include <vector>

namespace wildfire {

// Which cells a variable has values in, as SeasFire's sources do; the statistics are taken over
// exactly these cells (every step), the others are missing (NaN) in the cube:
// - Everywhere: ERA5's fields (rel_hum, ssr, t2m_min, tp), the land-sea mask, and fcci_ba
//   (FireCCI reports no burned area at sea: 0 there, a valid value).
// - Land: MODIS's land products (lai, lst_day) where the land fraction is at least 0.5.
// - Sea: ERA5's sea surface temperature where the land fraction is below 0.5.
enum class ValidCells { Everywhere, Land, Sea };

// One variable of the cube with SeasFire v3's name, units and meaning, and the mean and
// standard deviation ML4Fires' scaler files publish for it (fcci_mean_point_map.nc,
// fcci_stdv_point_map.nc: one scalar per variable over all valid cells and steps of
// 2001-2021), the reference of the statistics check.
struct SeasfireVariable {
    std::string name;
    std::string longName;
    std::string units;
    std::string standardName; // "" when CF has none
    std::string cellMethods;
    std::string comment;
    ValidCells validCells = ValidCells::Everywhere;
    double publishedMean = 0.0;
    double publishedStd = 0.0;
    bool isTemperature = false; // the mean is checked within 3 K rather than 25%
};

// The eight time-varying variables in file order (lai, lst_day, rel_hum, ssr, sst, t2m_min, tp,
// fcci_ba), then lsm (static).
const std::vector<SeasfireVariable>& seasfireVariables();
const SeasfireVariable& seasfireVariable(const std::string& name);

} // namespace wildfire
