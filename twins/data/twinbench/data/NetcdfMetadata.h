#pragma once

// Metadata helpers shared by NetcdfFile (root group) and the NetCDF Dataset backend (groups).
// Every function expects the caller to hold netcdfLibraryMutex().

#include "twinbench/data/NetcdfFile.h"

#include <string>
#include <vector>

namespace twins::data {

// CDL name of an nc_type ("short", "uint64", "string", "user-defined" for compound etc.).
std::string typeNameOf(int ncType);
// "netCDF-4", "netCDF-3 classic", ... for an NC_FORMAT_* value.
std::string formatNameOf(int format);
// All attributes of varid (NC_GLOBAL for the group's own attributes) in file order.
std::vector<Attribute> readAttributes(int ncid, int varid, const std::string& path,
                                      const std::string& variableName);
// Fills variable.storage and chunkSizes for a netCDF-4 variable.
void readStorage(int ncid, int varid, const std::string& path, VariableInfo& variable);

} // namespace twins::data
