#include "twinbench/data/CfGrid.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <proj.h>
#include <sstream>

namespace twins::data {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::vector<std::string> words(const std::string& text) {
    std::istringstream stream(text);
    std::vector<std::string> out;
    for (std::string word; stream >> word;) {
        out.push_back(word);
    }
    return out;
}

std::string groupOf(const std::string& variablePath) {
    const std::size_t slash = variablePath.find_last_of('/');
    return slash == 0 || slash == std::string::npos ? "/" : variablePath.substr(0, slash);
}

// A name from an attribute, seen from `from`: the same group, then each ancestor, then any
// unique match (Dataset::findVariable).
const DatasetVariable* resolve(const Dataset& dataset, const DatasetVariable& from,
                               const std::string& name) {
    if (!name.empty() && name.front() == '/') {
        return dataset.findVariable(name);
    }
    std::string group = groupOf(from.path);
    while (true) {
        const std::string candidate = (group == "/" ? "/" : group + "/") + name;
        if (const DatasetVariable* found = dataset.findVariable(candidate)) {
            return found;
        }
        if (group == "/") {
            break;
        }
        group = groupOf(group);
    }
    return dataset.findVariable(name);
}

std::string number(double value) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.15g", value);
    return buffer;
}

} // namespace

bool isLongitude(const VariableInfo& variable) {
    const std::string units = lower(variable.units());
    return variable.text("standard_name") == "longitude" || units == "degrees_east" ||
           units == "degree_east" || units == "degree_e" || units == "degrees_e" ||
           units == "degreee" || units == "degreese";
}

bool isLatitude(const VariableInfo& variable) {
    const std::string units = lower(variable.units());
    return variable.text("standard_name") == "latitude" || units == "degrees_north" ||
           units == "degree_north" || units == "degree_n" || units == "degrees_n" ||
           units == "degreen" || units == "degreesn";
}

CfCoordinates cfCoordinates(const Dataset& dataset, const DatasetVariable& variable) {
    CfCoordinates result;
    for (const std::string& dimension : variable.dimensions) {
        const DatasetVariable* coordinate = dataset.coordinateVariable(variable, dimension);
        result.dimensionCoordinates.push_back(coordinate);
        if (coordinate != nullptr && isLatitude(*coordinate) && result.latitude == nullptr) {
            result.latitude = coordinate;
        }
        if (coordinate != nullptr && isLongitude(*coordinate) && result.longitude == nullptr) {
            result.longitude = coordinate;
        }
    }
    for (const std::string& name : words(variable.text("coordinates"))) {
        const DatasetVariable* auxiliary = resolve(dataset, variable, name);
        if (auxiliary == nullptr) {
            continue; // CF allows naming coordinates of other files; nothing to show then
        }
        result.auxiliaryCoordinates.push_back(auxiliary);
        if (isLatitude(*auxiliary) && (result.latitude == nullptr || auxiliary->rank() > 1)) {
            result.latitude = auxiliary;
        }
        if (isLongitude(*auxiliary) && (result.longitude == nullptr || auxiliary->rank() > 1)) {
            result.longitude = auxiliary;
        }
    }
    result.curvilinear = result.latitude != nullptr && result.longitude != nullptr &&
                         result.latitude->rank() == 2 && result.longitude->rank() == 2;
    // grid_mapping is "name" or, in the extended CF 1.7 form, "name: coord coord ..."; the
    // first word names the variable either way.
    const std::vector<std::string> mapping = words(variable.text("grid_mapping"));
    if (!mapping.empty()) {
        std::string name = mapping.front();
        if (!name.empty() && name.back() == ':') {
            name.pop_back();
        }
        result.gridMapping = resolve(dataset, variable, name);
        if (result.gridMapping == nullptr) {
            throw DataError(dataset.path(), variable.path,
                            "grid_mapping names '" + name + "', which is not in the dataset");
        }
    }
    return result;
}

const DatasetVariable* cfBounds(const Dataset& dataset, const DatasetVariable& coordinate) {
    const std::string name = coordinate.text("bounds");
    if (name.empty()) {
        return nullptr;
    }
    const DatasetVariable* bounds = resolve(dataset, coordinate, name);
    if (bounds == nullptr) {
        throw DataError(dataset.path(), coordinate.path,
                        "bounds names '" + name + "', which is not in the dataset");
    }
    const bool shapeFits =
        bounds->rank() == coordinate.rank() + 1 &&
        std::equal(coordinate.shape.begin(), coordinate.shape.end(), bounds->shape.begin());
    if (!shapeFits) {
        throw DataError(dataset.path(), coordinate.path,
                        "bounds variable '" + name +
                            "' must have the coordinate's shape plus a vertex dimension");
    }
    return bounds;
}

std::string projStringFromGridMapping(const VariableInfo& mapping, const std::string& path) {
    auto value = [&](const char* name) -> std::optional<double> {
        const Attribute* attribute = mapping.attribute(name);
        if (attribute == nullptr || attribute->isText || attribute->numbers.empty()) {
            return std::nullopt;
        }
        return attribute->numbers.front();
    };
    auto required = [&](const char* name) {
        const std::optional<double> found = value(name);
        if (!found) {
            throw DataError(path, mapping.name,
                            "grid mapping '" + mapping.text("grid_mapping_name") +
                                "' needs the attribute " + name);
        }
        return *found;
    };
    auto optional = [&](const char* name, const char* key, std::string& text) {
        if (const std::optional<double> found = value(name)) {
            text += std::string(" +") + key + "=" + number(*found);
        }
    };

    const std::string kind = mapping.text("grid_mapping_name");
    std::string text;
    if (kind == "latitude_longitude") {
        text = "+proj=longlat";
    } else if (kind == "rotated_latitude_longitude") {
        // The rotated pole as PROJ's ob_tran expects it (the convention of GDAL and cartopy).
        const double poleLatitude = required("grid_north_pole_latitude");
        const double poleLongitude = required("grid_north_pole_longitude");
        text = "+proj=ob_tran +o_proj=longlat +o_lat_p=" + number(poleLatitude) +
               " +o_lon_p=" + number(value("north_pole_grid_longitude").value_or(0.0)) +
               " +lon_0=" + number(180.0 + poleLongitude);
    } else if (kind == "polar_stereographic") {
        text = "+proj=stere +lat_0=" + number(required("latitude_of_projection_origin"));
        const std::optional<double> longitude = value("straight_vertical_longitude_from_pole");
        text += " +lon_0=" +
                number(longitude ? *longitude : required("longitude_of_projection_origin"));
        if (const std::optional<double> parallel = value("standard_parallel")) {
            text += " +lat_ts=" + number(*parallel);
        } else {
            text += " +k_0=" + number(required("scale_factor_at_projection_origin"));
        }
    } else if (kind == "lambert_conformal_conic") {
        const Attribute* parallels = mapping.attribute("standard_parallel");
        if (parallels == nullptr || parallels->numbers.empty()) {
            throw DataError(path, mapping.name,
                            "grid mapping 'lambert_conformal_conic' needs standard_parallel");
        }
        text =
            "+proj=lcc +lat_1=" + number(parallels->numbers[0]) + " +lat_2=" +
            number(parallels->numbers.size() > 1 ? parallels->numbers[1] : parallels->numbers[0]);
        text += " +lat_0=" + number(required("latitude_of_projection_origin"));
        text += " +lon_0=" + number(required("longitude_of_central_meridian"));
    } else if (kind == "transverse_mercator") {
        text = "+proj=tmerc +lat_0=" + number(required("latitude_of_projection_origin")) +
               " +lon_0=" + number(required("longitude_of_central_meridian")) +
               " +k_0=" + number(required("scale_factor_at_central_meridian"));
    } else if (kind == "mercator") {
        text = "+proj=merc +lon_0=" + number(required("longitude_of_projection_origin"));
        if (const std::optional<double> parallel = value("standard_parallel")) {
            text += " +lat_ts=" + number(*parallel);
        } else {
            optional("scale_factor_at_projection_origin", "k_0", text);
        }
    } else if (kind == "lambert_azimuthal_equal_area") {
        text = "+proj=laea +lat_0=" + number(required("latitude_of_projection_origin")) +
               " +lon_0=" + number(required("longitude_of_projection_origin"));
    } else if (kind == "albers_conical_equal_area") {
        const Attribute* parallels = mapping.attribute("standard_parallel");
        if (parallels == nullptr || parallels->numbers.empty()) {
            throw DataError(path, mapping.name,
                            "grid mapping 'albers_conical_equal_area' needs standard_parallel");
        }
        text =
            "+proj=aea +lat_1=" + number(parallels->numbers[0]) + " +lat_2=" +
            number(parallels->numbers.size() > 1 ? parallels->numbers[1] : parallels->numbers[0]) +
            " +lat_0=" + number(required("latitude_of_projection_origin")) +
            " +lon_0=" + number(required("longitude_of_central_meridian"));
    } else if (kind.empty()) {
        throw DataError(path, mapping.name, "has no grid_mapping_name attribute");
    } else {
        throw DataError(path, mapping.name, "unsupported grid_mapping_name '" + kind + "'");
    }
    if (kind != "latitude_longitude" && kind != "rotated_latitude_longitude") {
        optional("false_easting", "x_0", text);
        optional("false_northing", "y_0", text);
    }
    // The figure of the earth: a sphere, an ellipsoid by axes or flattening, else WGS 84.
    if (const std::optional<double> radius = value("earth_radius")) {
        text += " +R=" + number(*radius);
    } else if (const std::optional<double> major = value("semi_major_axis")) {
        text += " +a=" + number(*major);
        if (const std::optional<double> minor = value("semi_minor_axis")) {
            text += " +b=" + number(*minor);
        } else if (const std::optional<double> inverse = value("inverse_flattening")) {
            text += " +rf=" + number(*inverse);
        } else {
            text += " +b=" + number(*major);
        }
    } else {
        text += " +ellps=WGS84";
    }
    text += " +no_defs +type=crs";

    PJ_CONTEXT* context = proj_context_create();
    PJ* crs = proj_create(context, text.c_str());
    const int error = crs == nullptr ? proj_context_errno(context) : 0;
    const std::string reason = error != 0 ? proj_context_errno_string(context, error) : "";
    if (crs != nullptr) {
        proj_destroy(crs);
    }
    proj_context_destroy(context);
    if (error != 0 || crs == nullptr) {
        throw DataError(path, mapping.name,
                        "PROJ refuses the grid mapping as '" + text + "': " + reason);
    }
    return text;
}

} // namespace twins::data
