#pragma once

#include "twinbench/data/RawArray.h"

#include <gdal.h>

#include <string>

namespace twins::data {

// Registers GDAL's drivers once per process (GDALAllRegister is not safe to call concurrently).
void ensureGdalRegistered();

// Silences GDAL's default stderr error printing on this thread for its lifetime and resets the
// last error, so the failure reason can be read with lastGdalError() and reported in a
// DataError instead of appearing as stray "ERROR 1:" lines.
class GdalErrorScope {
public:
    GdalErrorScope();
    ~GdalErrorScope();
    GdalErrorScope(const GdalErrorScope&) = delete;
    GdalErrorScope& operator=(const GdalErrorScope&) = delete;
};

// The Dataset type of a GDAL numeric data type; DataType::Other for complex types. Shared by
// the raster and the Zarr backends.
DataType dataTypeOfGdal(GDALDataType type);

// CPLGetLastErrorMsg() of this thread, or "no detail from GDAL" when it is empty.
std::string lastGdalError();

} // namespace twins::data
