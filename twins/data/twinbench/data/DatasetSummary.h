#pragma once

// A summary of a dataset (any Dataset backend, or a NetcdfFile) for `twinbench-run inspect`: its
// header, chunking, CF-decoded value statistics and decoded time ranges.
//
// JSON schema (summaryJson). Every object's keys come out in byte order (QJsonObject sorts
// them), so the text is stable for a given file; arrays keep the file's order. "integer" is a
// JSON number with an integral value.
//
// {
//   "schema":            string   "twinbench-inspect/1"
//   "path":              string   the path as given
//   "format":            string   "netCDF-4", "netCDF-4 classic model", "netCDF-3 classic", ...
//   "global_attributes": object   name -> value; a value is a string (text attribute), a number
//                                 (one number) or an array of numbers (several, or none);
//                                 non-finite numbers are null
//   "dimensions": [ {
//       "name":      string
//       "length":    integer      current length (records written, for an unlimited one)
//       "unlimited": bool
//   } ]
//   "variables": [ {
//       "name":          string
//       "dtype":         string   CDL type: "byte", "short", "int", "float", "double", ...
//       "dimensions":    [string]
//       "shape":         [integer]
//       "units":         string|null   null when there is no text "units" attribute
//       "long_name":     string|null
//       "_FillValue":    number|null   packed (as stored); null when absent or not finite
//       "missing_value": [number]      packed; empty when absent
//       "storage":       string|null   "chunked", "contiguous" or "compact" for netCDF-4 files,
//                                      null for netCDF-3
//       "chunking":      [integer]|null  chunk sizes when storage is "chunked", else null
//       "attributes":    object        all attributes of the variable, as global_attributes
//       "statistics": null | {         null for char and string variables
//           "count":        integer    number of values (product of the shape)
//           "valid_count":  integer    finite decoded values
//           "masked_count": integer    values that decode to NaN: _FillValue, missing_value,
//                                      outside valid_min/valid_max/valid_range, or NaN stored
//           "min":          number|null   over the finite CF-decoded (unpacked) values; null
//           "max":          number|null   when there are none (e.g. all masked)
//           "mean":         number|null
//       }
//       "time": null | {               an object for time coordinates (isTimeCoordinate)
//           "units":    string
//           "calendar": string         canonical CF name ("standard", "noleap", ...) or, when it
//                                      is not a CF calendar, the attribute's text
//           "first":    string|null    first and last unmasked value in storage order, decoded
//           "last":     string|null    as "YYYY-MM-DD HH:MM:SS"; null when none or on error
//           "error":    string|null    why the values cannot be decoded (units, calendar, ...)
//       }
//   } ]
//   "groups": [ {                     subgroups of the root (netCDF-4, HDF5 and Zarr groups);
//       "name":       string          empty for formats without groups. Added in the same
//       "path":       string          schema version: readers that ignore it are unaffected.
//       "attributes": object          the group's attributes, as global_attributes
//       "dimensions": [ ... ]         dimensions defined in this group, as above
//       "variables":  [ ... ]         the group's variables, as above
//       "groups":     [ ... ]         nested groups, recursively
//   } ]
// }
//
// "format" is the backend's name for the file: "netCDF-4", "netCDF-3 classic", "HDF5",
// "Zarr v2", or a GDAL driver name such as "GTiff".

#include "twinbench/data/Dataset.h"
#include "twinbench/data/NetcdfFile.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace twins::data {

struct ValueStatistics {
    std::size_t count = 0;
    std::size_t validCount = 0;
    std::size_t maskedCount = 0;
    std::optional<double> minimum; // empty when validCount is 0
    std::optional<double> maximum;
    std::optional<double> mean;
};

struct TimeSummary {
    std::string units;
    std::string calendar;
    std::optional<std::string> first;
    std::optional<std::string> last;
    std::string error; // empty when the values decoded
};

struct VariableSummary {
    std::string name;
    std::string dtype;
    std::vector<std::string> dimensions;
    std::vector<std::size_t> shape;
    std::optional<std::string> units;
    std::optional<std::string> longName;
    std::optional<double> fillValue;
    std::vector<double> missingValues;
    std::string storage; // "" for netCDF-3 files
    std::vector<std::size_t> chunkSizes;
    std::vector<Attribute> attributes;
    std::optional<ValueStatistics> statistics;
    std::optional<TimeSummary> time;
};

struct DatasetGroupSummary {
    std::string name;
    std::string path;
    std::vector<Attribute> attributes;
    std::vector<Dimension> dimensions;
    std::vector<VariableSummary> variables;
    std::vector<DatasetGroupSummary> groups;
};

struct DatasetSummary {
    std::string path;
    std::string format;
    std::vector<Attribute> globalAttributes; // the root group's
    std::vector<Dimension> dimensions;       // the root group's
    std::vector<VariableSummary> variables;  // the root group's
    std::vector<DatasetGroupSummary> groups; // subgroups of the root
};

struct SummaryOptions {
    // Values are read in slabs along the leading dimension(s) of at most this many bytes of
    // decoded doubles, so a summary of a large file runs in bounded memory.
    std::size_t slabBytes = std::size_t(64) << 20;
};

// Reads the whole file once, slab by slab. Throws DataError (path, variable, reason) when the
// file cannot be read; a time coordinate that cannot be decoded is reported in its TimeSummary
// instead, so one bad attribute does not hide the rest of the file.
DatasetSummary summarizeDataset(const NetcdfFile& file, const SummaryOptions& options = {});
// The same for any backend, with every group; values come through Dataset::readDecoded.
DatasetSummary summarizeDataset(const Dataset& dataset, const SummaryOptions& options = {});

// The JSON text described above (indented, ends with a newline).
std::string summaryJson(const DatasetSummary& summary);

// A listing for people, in file order, similar in spirit to `ncdump -h` plus the statistics.
std::string summaryText(const DatasetSummary& summary);

} // namespace twins::data
