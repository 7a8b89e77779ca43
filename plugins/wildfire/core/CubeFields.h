#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace wildfire {

// The values of one 8-day step, one vector per time-varying variable (row major like the
// grid), NaN where a variable has no value (sst over land, lai and lst_day over the sea).
struct CubeFields {
    std::vector<float> lai, lst_day, rel_hum, ssr, sst, t2m_min, tp, fcci_ba;

    explicit CubeFields(std::size_t cells = 0);
    // The field of a variable by its SeasFire name; throws WildfireError for another name.
    const std::vector<float>& field(const std::string& name) const;
};

} // namespace wildfire
