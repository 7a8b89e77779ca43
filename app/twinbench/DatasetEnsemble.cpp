#include "DatasetEnsemble.h"

#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"

#include <utility>
#include <vector>

namespace twins::app {

viz::EnsembleField readDatasetEnsemble(const data::Dataset& dataset, const std::string& variable,
                                       const std::map<std::string, std::size_t>& indices) {
    const data::DatasetVariable& info = dataset.variable(variable);
    std::string memberDimension;
    std::size_t memberCount = 0;
    // The last two dimensions are the map's; the ensemble axis is one of the leading ones.
    for (std::size_t d = 0; d + 2 < info.dimensions.size(); ++d) {
        if (viz::isEnsembleDimensionName(info.dimensions[d])) {
            memberDimension = info.dimensions[d];
            memberCount = info.shape[d];
            break;
        }
    }
    if (memberDimension.empty()) {
        std::string dimensions;
        for (const std::string& name : info.dimensions) {
            dimensions += (dimensions.empty() ? "" : ", ") + name;
        }
        throw viz::EnsembleError(dataset.path() + ": variable '" + variable + "' (" + dimensions +
                                 ") has no ensemble dimension; expected a leading dimension "
                                 "named member, realization or ensemble");
    }
    std::vector<std::vector<float>> members;
    data::FieldSlice grid;
    for (std::size_t m = 0; m < memberCount; ++m) {
        std::map<std::string, std::size_t> memberIndices = indices;
        memberIndices[memberDimension] = m;
        data::FieldSlice slice = data::readFieldSlice(dataset, info, memberIndices);
        if (m == 0) {
            grid = slice;
        }
        members.push_back(std::move(slice.values));
    }
    viz::EnsembleField ensemble = viz::makeEnsemble(grid, std::move(members));
    ensemble.memberDimension = memberDimension;
    return ensemble;
}

} // namespace twins::app
