#include "twinbench/data/NetcdfMetadata.h"

#include "twinbench/data/NetcdfLibrary.h"

#include <netcdf.h>

#include <algorithm>

namespace twins::data {

std::string typeNameOf(int type) {
    switch (type) {
    case NC_BYTE:
        return "byte";
    case NC_CHAR:
        return "char";
    case NC_SHORT:
        return "short";
    case NC_INT:
        return "int";
    case NC_FLOAT:
        return "float";
    case NC_DOUBLE:
        return "double";
    case NC_UBYTE:
        return "ubyte";
    case NC_USHORT:
        return "ushort";
    case NC_UINT:
        return "uint";
    case NC_INT64:
        return "int64";
    case NC_UINT64:
        return "uint64";
    case NC_STRING:
        return "string";
    default:
        return "user-defined";
    }
}

std::string formatNameOf(int format) {
    switch (format) {
    case NC_FORMAT_CLASSIC:
        return "netCDF-3 classic";
    case NC_FORMAT_64BIT_OFFSET:
        return "netCDF-3 64-bit offset";
    case NC_FORMAT_CDF5:
        return "netCDF-3 CDF5";
    case NC_FORMAT_NETCDF4:
        return "netCDF-4";
    case NC_FORMAT_NETCDF4_CLASSIC:
        return "netCDF-4 classic model";
    default:
        return "unknown";
    }
}

std::vector<Attribute> readAttributes(int ncid, int varid, const std::string& path,
                                      const std::string& variableName) {
    int count = 0;
    throwIfNetcdfError(nc_inq_varnatts(ncid, varid, &count), path, variableName,
                       "cannot count attributes");
    std::vector<Attribute> attributes;
    attributes.reserve(static_cast<std::size_t>(count));
    for (int index = 0; index < count; ++index) {
        char name[NC_MAX_NAME + 1] = {};
        throwIfNetcdfError(nc_inq_attname(ncid, varid, index, name), path, variableName,
                           "cannot read attribute name");
        nc_type type = NC_NAT;
        std::size_t length = 0;
        throwIfNetcdfError(nc_inq_att(ncid, varid, name, &type, &length), path, variableName,
                           std::string("cannot read attribute '") + name + "'");
        Attribute attribute;
        attribute.name = name;
        attribute.typeName = typeNameOf(type);
        if (type == NC_CHAR) {
            attribute.isText = true;
            attribute.text.resize(length);
            if (length > 0) {
                throwIfNetcdfError(nc_get_att_text(ncid, varid, name, attribute.text.data()), path,
                                   variableName, "cannot read attribute " + attribute.name);
            }
            // Some writers include the C terminator in the length.
            while (!attribute.text.empty() && attribute.text.back() == '\0') {
                attribute.text.pop_back();
            }
        } else if (type == NC_STRING) {
            attribute.isText = true;
            std::vector<char*> strings(length, nullptr);
            throwIfNetcdfError(nc_get_att_string(ncid, varid, name, strings.data()), path,
                               variableName, "cannot read attribute " + attribute.name);
            for (std::size_t i = 0; i < length; ++i) {
                if (i > 0) {
                    attribute.text += "\n";
                }
                attribute.text += strings[i] ? strings[i] : "";
            }
            nc_free_string(length, strings.data());
        } else if (type >= NC_BYTE && type <= NC_UINT64) {
            attribute.numbers.resize(length);
            if (length > 0) {
                throwIfNetcdfError(nc_get_att_double(ncid, varid, name, attribute.numbers.data()),
                                   path, variableName, "cannot read attribute " + attribute.name);
            }
        }
        // User-defined attribute types are listed by name only.
        attributes.push_back(std::move(attribute));
    }
    return attributes;
}

void readStorage(int ncid, int varid, const std::string& path, VariableInfo& variable) {
    int storage = NC_CONTIGUOUS;
    std::vector<std::size_t> chunks(std::max<std::size_t>(variable.shape.size(), 1));
    throwIfNetcdfError(nc_inq_var_chunking(ncid, varid, &storage, chunks.data()), path,
                       variable.name, "cannot read the chunking");
    switch (storage) {
    case NC_CHUNKED:
        variable.storage = "chunked";
        chunks.resize(variable.shape.size());
        variable.chunkSizes = chunks;
        break;
    case NC_CONTIGUOUS:
        variable.storage = "contiguous";
        break;
    case NC_COMPACT:
        variable.storage = "compact";
        break;
    default:
        variable.storage = "other";
        break;
    }
}

} // namespace twins::data
