#pragma once

#include "twinbench/viz/Ensemble.h"

#include <cstddef>
#include <map>
#include <string>

namespace twins::data {
class Dataset;
}

namespace twins::app {

// viz::readEnsemble for any format the Dataset API opens (NetCDF, HDF5, Zarr, GeoTIFF), with
// the GUI's orientation and 0..360 longitude handling: every member of a variable with an
// ensemble dimension (member, realization, ensemble; see viz::isEnsembleDimensionName), the
// other leading dimensions fixed at `indices` (default 0). Throws viz::EnsembleError naming the
// file, the variable and its dimensions when it has no ensemble dimension, DataError on read
// failures.
viz::EnsembleField readDatasetEnsemble(const data::Dataset& dataset, const std::string& variable,
                                       const std::map<std::string, std::size_t>& indices = {});

} // namespace twins::app
