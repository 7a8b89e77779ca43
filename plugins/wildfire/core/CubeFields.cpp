#include "CubeFields.h"

#include "WildfireError.h"

namespace wildfire {

CubeFields::CubeFields(std::size_t cells)
    : lai(cells), lst_day(cells), rel_hum(cells), ssr(cells), sst(cells), t2m_min(cells), tp(cells),
      fcci_ba(cells) {}

const std::vector<float>& CubeFields::field(const std::string& name) const {
    if (name == "lai")
        return lai;
    if (name == "lst_day")
        return lst_day;
    if (name == "rel_hum")
        return rel_hum;
    if (name == "ssr")
        return ssr;
    if (name == "sst")
        return sst;
    if (name == "t2m_min")
        return t2m_min;
    if (name == "tp")
        return tp;
    if (name == "fcci_ba")
        return fcci_ba;
    throw WildfireError("no time-varying cube variable '" + name + "'");
}

} // namespace wildfire
