#pragma once

#include "twinbench/data/FieldSlice.h"

#include <QString>

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace twins::data {
class Dataset;
}

namespace twins::viz {

class EnsembleError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The members of an ensemble on one lon/lat grid: grid holds the coordinates and metadata
// (its values are member 0's), members[m] the m-th member's values (NaN = missing).
struct EnsembleField {
    data::FieldSlice grid;
    std::string memberDimension;
    std::vector<std::vector<float>> members;
};

// CF has no standard name for the ensemble axis; files use member, realization (CMIP),
// realisation, ensemble, ensemble_member. True when the name contains one of those.
bool isEnsembleDimensionName(const std::string& name);

// Reads every member of a variable with an ensemble dimension (found by name, see above) from
// any format the Dataset API opens (NetCDF, HDF5, Zarr, GeoTIFF), oriented and with 0..360
// longitudes remapped as readFieldSlice does; the other leading dimensions are fixed at
// `indices` (default 0). Throws EnsembleError naming the file, the variable and its dimensions
// when it has no ensemble dimension, DataError on read failures.
EnsembleField readEnsemble(const data::Dataset& dataset, const std::string& variable,
                           const std::map<std::string, std::size_t>& indices = {});

// Builds an ensemble from in-memory members (tests, twins' outputs): every member must have
// grid.width * grid.height values. Throws EnsembleError otherwise or with fewer than 2 members.
EnsembleField makeEnsemble(const data::FieldSlice& grid, std::vector<std::vector<float>> members);

// Per-cell statistics over the finite members of each cell (NaN where none is finite).
data::FieldSlice ensembleMean(const EnsembleField& ensemble);
// Sample standard deviation (n - 1), NaN with fewer than two finite members; titled
// "Ensemble spread (standard deviation)" in the members' units.
data::FieldSlice ensembleSpread(const EnsembleField& ensemble);
// Fraction of finite members above the threshold, in [0, 1]; titled "Probability that VAR >
// T units".
data::FieldSlice exceedanceProbability(const EnsembleField& ensemble, double threshold);

} // namespace twins::viz
