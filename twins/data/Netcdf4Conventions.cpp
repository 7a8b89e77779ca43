#include "twinbench/data/Netcdf4Conventions.h"

#include <hdf5.h>
#include <hdf5_hl.h>

#include <algorithm>
#include <map>

namespace twins::data {

namespace {

constexpr const char* dimensionOnlyMarker = "This is a netCDF dimension but not a netCDF variable";

bool isHiddenAttribute(const std::string& name) {
    static const char* const hidden[] = {"CLASS",          "NAME",
                                         "REFERENCE_LIST", "DIMENSION_LIST",
                                         "_Netcdf4Dimid",  "_Netcdf4Coordinates",
                                         "_NCProperties",  "_nc3_strict",
                                         "_IsNetcdf4",     "_SuperblockVersion"};
    return std::find(std::begin(hidden), std::end(hidden), name) != std::end(hidden);
}

void hideAttributes(std::vector<Attribute>& attributes) {
    attributes.erase(std::remove_if(attributes.begin(), attributes.end(),
                                    [](const Attribute& a) { return isHiddenAttribute(a.name); }),
                     attributes.end());
}

const Attribute* findAttribute(const std::vector<Attribute>& attributes, const char* name) {
    for (const Attribute& attribute : attributes) {
        if (attribute.name == name) {
            return &attribute;
        }
    }
    return nullptr;
}

std::string baseName(const std::string& path) {
    const std::size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

herr_t scaleName(hid_t, unsigned, hid_t scale, void* data) {
    char buffer[1024] = {};
    if (H5Iget_name(scale, buffer, sizeof(buffer)) > 0) {
        *static_cast<std::string*>(data) = baseName(buffer);
    }
    return 1; // the first attached scale names the axis
}

bool anyDimensionScale(std::int64_t file, const DatasetGroup& group) {
    for (const DatasetVariable& variable : group.variables) {
        const hid_t dataset = H5Dopen2(file, variable.path.c_str(), H5P_DEFAULT);
        const bool scale = dataset >= 0 && H5DSis_scale(dataset) > 0;
        if (dataset >= 0) {
            H5Dclose(dataset);
        }
        if (scale) {
            return true;
        }
    }
    return std::any_of(group.groups.begin(), group.groups.end(), [file](const DatasetGroup& child) {
        return anyDimensionScale(file, child);
    });
}

void convertGroup(std::int64_t file, DatasetGroup& group) {
    struct Scale {
        double id = 1e300; // _Netcdf4Dimid, for the dimensions' order
        Dimension dimension;
    };
    std::vector<Scale> scales;
    std::vector<DatasetVariable> kept;
    for (DatasetVariable& variable : group.variables) {
        const hid_t dataset = H5Dopen2(file, variable.path.c_str(), H5P_DEFAULT);
        if (dataset < 0) {
            kept.push_back(std::move(variable));
            continue;
        }
        bool dimensionOnly = false;
        if (H5DSis_scale(dataset) > 0 && variable.rank() == 1) {
            Scale scale;
            scale.dimension.name = variable.name;
            scale.dimension.length = variable.shape[0];
            const hid_t space = H5Dget_space(dataset);
            hsize_t length = 0;
            hsize_t maximum = 0;
            H5Sget_simple_extent_dims(space, &length, &maximum);
            H5Sclose(space);
            scale.dimension.unlimited = maximum == H5S_UNLIMITED;
            if (const Attribute* id = findAttribute(variable.attributes, "_Netcdf4Dimid");
                id != nullptr && !id->numbers.empty()) {
                scale.id = id->numbers[0];
            }
            const Attribute* name = findAttribute(variable.attributes, "NAME");
            dimensionOnly = name != nullptr && name->text.rfind(dimensionOnlyMarker, 0) == 0;
            scales.push_back(scale);
            variable.dimensions = {variable.name};
        } else {
            for (std::size_t axis = 0; axis < variable.rank(); ++axis) {
                std::string name;
                int index = 0;
                if (H5DSget_num_scales(dataset, static_cast<unsigned>(axis)) > 0 &&
                    H5DSiterate_scales(dataset, static_cast<unsigned>(axis), &index, scaleName,
                                       &name) >= 0 &&
                    !name.empty()) {
                    variable.dimensions[axis] = name;
                }
            }
        }
        H5Dclose(dataset);
        if (!dimensionOnly) {
            hideAttributes(variable.attributes);
            kept.push_back(std::move(variable));
        }
    }
    group.variables = std::move(kept);
    std::stable_sort(scales.begin(), scales.end(),
                     [](const Scale& a, const Scale& b) { return a.id < b.id; });
    // Axes without a scale keep their phony dimension (NetCDF-C names them the same way).
    std::vector<Dimension> dimensions;
    for (const Scale& scale : scales) {
        dimensions.push_back(scale.dimension);
    }
    for (const Dimension& phony : group.dimensions) {
        const bool used = std::any_of(group.variables.begin(), group.variables.end(),
                                      [&](const DatasetVariable& v) {
                                          return std::find(v.dimensions.begin(), v.dimensions.end(),
                                                           phony.name) != v.dimensions.end();
                                      });
        if (used) {
            dimensions.push_back(phony);
        }
    }
    group.dimensions = std::move(dimensions);
    hideAttributes(group.attributes);
    for (DatasetGroup& child : group.groups) {
        convertGroup(file, child);
    }
}

} // namespace

bool looksLikeNetcdf4(std::int64_t file, const DatasetGroup& root) {
    return findAttribute(root.attributes, "_NCProperties") != nullptr ||
           anyDimensionScale(file, root);
}

std::string applyNetcdf4Conventions(std::int64_t file, DatasetGroup& root) {
    const bool classicModel = findAttribute(root.attributes, "_nc3_strict") != nullptr;
    convertGroup(file, root);
    return classicModel ? "netCDF-4 classic model" : "netCDF-4";
}

} // namespace twins::data
