#pragma once

// CF coordinate discovery over a Dataset (CF 1.10 chapters 4, 5, 7.1): dimension coordinate
// variables, auxiliary coordinates from the `coordinates` attribute (2-D lat(y, x) / lon(y, x)
// of curvilinear grids), cell bounds from `bounds`, and the `grid_mapping` variable turned into
// a PROJ string.

#include "twinbench/data/NetcdfFile.h"

#include <string>
#include <vector>

namespace twins::data {

class Dataset;
struct DatasetVariable;

// By units (degrees_east, degree_E, ...) or standard_name "longitude" / "latitude".
bool isLongitude(const VariableInfo& variable);
bool isLatitude(const VariableInfo& variable);

struct CfCoordinates {
    // One per dimension of the variable: its coordinate variable, or nullptr.
    std::vector<const DatasetVariable*> dimensionCoordinates;
    // Variables named in the `coordinates` attribute that exist, in the attribute's order.
    std::vector<const DatasetVariable*> auxiliaryCoordinates;
    // Latitude and longitude: dimension coordinates (1-D) or auxiliary ones (often 2-D).
    const DatasetVariable* latitude = nullptr;
    const DatasetVariable* longitude = nullptr;
    // True when latitude and longitude are 2-D auxiliary coordinates (a curvilinear grid).
    bool curvilinear = false;
    const DatasetVariable* gridMapping = nullptr; // the variable named by `grid_mapping`
};

// Names in attributes are looked up in the variable's group, then its ancestors (netCDF-4
// scoping), then anywhere. Throws DataError naming the variable and the missing name when
// `grid_mapping` names a variable that does not exist (a broken file, worth saying).
CfCoordinates cfCoordinates(const Dataset& dataset, const DatasetVariable& variable);

// The variable named by a coordinate's `bounds` attribute, or nullptr when there is none.
// Throws DataError when the attribute names a missing variable or one whose shape is not the
// coordinate's shape plus one trailing vertex dimension.
const DatasetVariable* cfBounds(const Dataset& dataset, const DatasetVariable& coordinate);

// A PROJ string ("+proj=... +type=crs") for a CF grid-mapping variable. Supported:
// latitude_longitude, rotated_latitude_longitude, polar_stereographic,
// lambert_conformal_conic, transverse_mercator, mercator, lambert_azimuthal_equal_area,
// albers_conical_equal_area. The result is checked with PROJ (proj_create). Throws DataError
// (path, grid-mapping variable, reason) for an unknown grid_mapping_name, a missing required
// parameter, or a string PROJ refuses.
std::string projStringFromGridMapping(const VariableInfo& gridMapping, const std::string& path);

} // namespace twins::data
