#pragma once

// CF decoding of packed and masked values (CF 1.10 sections 2.5.1 and 8.1), the same for
// every backend, applied to values read as stored.

#include "twinbench/data/NetcdfFile.h"
#include "twinbench/data/RawArray.h"

#include <limits>
#include <vector>

namespace twins::data {

struct CfPacking {
    // _Unsigned = "true" on a signed integer type: the bits are an unsigned integer (netCDF-3
    // has no unsigned types, so writers mark them this way).
    bool reinterpretUnsigned = false;
    // _FillValue and missing_value, in the packed (stored) domain, after the _Unsigned
    // reinterpretation: CF compares them with the stored values, before unpacking.
    std::vector<double> maskedValues;
    // valid_min / valid_max / valid_range; compared with packed values unless the attribute
    // has the type of scale_factor/add_offset and not the variable's type, in which case CF
    // says it is expressed in unpacked values.
    double validMin = -std::numeric_limits<double>::infinity();
    double validMax = std::numeric_limits<double>::infinity();
    bool validRangeIsUnpacked = false;
    double scale = 1.0;
    double offset = 0.0;
    bool hasScale = false;
    bool hasOffset = false;
};

// Reads the CF attributes of a variable whose stored type is `type`. When
// maskNetcdfDefaultFill, a float/double variable without _FillValue also masks NetCDF's
// default fill (9.97e36): that is what unwritten regions of a NetCDF file hold.
CfPacking cfPackingOf(const VariableInfo& variable, DataType type, bool maskNetcdfDefaultFill);

// Masked values become NaN; the rest become stored * scale_factor + add_offset, computed in
// double in that order (as xarray does for packed integers with an offset, so the results are
// identical; xarray computes in float32 for 8/16-bit integers without add_offset and for float32
// variables, where this gives the more precise double).
std::vector<double> decodeCf(const RawArray& raw, const CfPacking& packing);

// The finite decoded values seen so far: their extremes (in double, before rounding to float)
// and how many there were.
struct FiniteRange {
    double minimum = std::numeric_limits<double>::infinity();
    double maximum = -std::numeric_limits<double>::infinity();
    std::size_t count = 0;
};

// Elements [first, first + count) of raw, decoded as decodeCf does and rounded to float, into
// out; their finite values are added to range. Throws std::out_of_range for elements outside
// raw.
void decodeCfToFloat(const RawArray& raw, std::size_t first, std::size_t count,
                     const CfPacking& packing, float* out, FiniteRange& range);

} // namespace twins::data
