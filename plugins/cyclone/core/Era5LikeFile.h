#pragma once

#include "CycloneTime.h"
#include "FieldSynthesizer.h"
#include "LatLonGrid.h"
#include "twinbench/data/NetcdfWriter.h"

#include <string>
#include <utility>
#include <vector>

namespace cyclone {

// Writes the drivers as ERA5 distributes them: CF NetCDF-4 with dimensions (time, latitude,
// longitude), latitude descending, each variable packed into int16 with scale_factor,
// add_offset and _FillValue (the way CDS NetCDF files come), deflated, one chunk per time step.
// Units are the CF/UDUNITS spellings ("m s-1"), standard_name wherever CF has one.
class Era5LikeFile {
public:
    // globalAttributes: scenario parameters and the like, written as text attributes.
    Era5LikeFile(const std::string& path, const LatLonGrid& grid, const SixHourlyAxis& axis,
                 const std::vector<std::pair<std::string, std::string>>& globalAttributes,
                 const std::string& runId);

    void writeStep(std::size_t step, const DriverFields& fields);
    // Renames the finished file into place (NetcdfWriter commits atomically).
    void commit();

    // The variable names, in file order.
    static const std::vector<std::string>& variableNames();

private:
    void writePacked(const std::string& name, std::size_t step, const std::vector<float>& values);

    twins::data::NetcdfWriter m_writer;
    const LatLonGrid& m_grid;
    std::vector<short> m_packed;
};

} // namespace cyclone
