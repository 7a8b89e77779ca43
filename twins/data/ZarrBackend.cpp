// The Zarr v2 backend of Dataset, through GDAL's multidimensional API. NetCDF-C 4.9's NCZarr
// is not used: it is built without its compression filters in Debian and returns garbage for
// compressed chunks with NC_NOERR (DESIGN.md); GDAL decodes blosc, zlib, zstd and lz4.
//
// Threads: a GDAL dataset handle must not be used from two threads at once (GDAL is only
// thread-safe across different handles), so every call on this store's handle, including
// reading attributes, holds m_mutex.
#include "twinbench/data/DataError.h"
#include "twinbench/data/DatasetBackend.h"
#include "twinbench/data/GdalLibrary.h"

#include <gdal_priv.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace twins::data {

namespace {

DataType dataTypeOf(const GDALExtendedDataType& type) {
    if (type.GetClass() == GEDTC_STRING) {
        return DataType::String;
    }
    if (type.GetClass() != GEDTC_NUMERIC) {
        return DataType::Other;
    }
    return dataTypeOfGdal(type.GetNumericDataType());
}

GDALDataType gdalTypeOf(DataType type) {
    switch (type) {
    case DataType::UInt8:
        return GDT_Byte;
    case DataType::UInt16:
        return GDT_UInt16;
    case DataType::Int16:
        return GDT_Int16;
    case DataType::UInt32:
        return GDT_UInt32;
    case DataType::Int32:
        return GDT_Int32;
    case DataType::UInt64:
        return GDT_UInt64;
    case DataType::Int64:
        return GDT_Int64;
    case DataType::Float32:
        return GDT_Float32;
    case DataType::Float64:
        return GDT_Float64;
    default:
        return GDT_Unknown;
    }
}

std::vector<Attribute> readAttributes(const std::vector<std::shared_ptr<GDALAttribute>>& list) {
    std::vector<Attribute> attributes;
    for (const std::shared_ptr<GDALAttribute>& source : list) {
        Attribute attribute;
        attribute.name = source->GetName();
        const GDALExtendedDataType& type = source->GetDataType();
        if (type.GetClass() == GEDTC_STRING) {
            attribute.isText = true;
            attribute.typeName = "char";
            const char* text = source->ReadAsString();
            attribute.text = text ? text : "";
        } else if (type.GetClass() == GEDTC_NUMERIC) {
            attribute.typeName = dataTypeName(dataTypeOf(type));
            attribute.numbers = source->ReadAsDoubleArray();
        }
        attributes.push_back(std::move(attribute));
    }
    return attributes;
}

bool hasAttribute(const std::vector<Attribute>& attributes, std::string_view name) {
    return std::any_of(attributes.begin(), attributes.end(),
                       [&](const Attribute& attribute) { return attribute.name == name; });
}

std::string childPath(const std::string& parent, const std::string& name) {
    return parent == "/" ? "/" + name : parent + "/" + name;
}

class ZarrBackend final : public DatasetBackend {
public:
    ZarrBackend(std::string path, const std::string& gdalName) : m_path(std::move(path)) {
        ensureGdalRegistered();
        GdalErrorScope errors;
        const char* const drivers[] = {"Zarr", nullptr};
        m_dataset.reset(GDALDataset::Open(gdalName.empty() ? m_path.c_str() : gdalName.c_str(),
                                          GDAL_OF_MULTIDIM_RASTER | GDAL_OF_READONLY, drivers));
        if (!m_dataset) {
            throw DataError(m_path, "", "GDAL cannot open the Zarr store: " + lastGdalError());
        }
        const std::shared_ptr<GDALGroup> root = m_dataset->GetRootGroup();
        if (!root) {
            throw DataError(m_path, "", "the Zarr store has no root group: " + lastGdalError());
        }
        m_root.path = "/";
        readGroup(*root, m_root, 0);
    }

    std::string formatName() const override { return "Zarr v2"; }
    const DatasetGroup& root() const override { return m_root; }

    RawArray read(const DatasetVariable& variable, const Hyperslab& slab) const override {
        const auto found = m_arrays.find(variable.path);
        if (found == m_arrays.end()) {
            throw DataError(m_path, variable.path, "not an array of this store");
        }
        RawArray out;
        out.type = variable.type;
        out.shape = slab.count;
        std::size_t total = 1;
        for (std::size_t count : slab.count) {
            total *= count;
        }
        out.bytes.resize(total * dataTypeSize(variable.type));
        const std::vector<GUInt64> start(slab.start.begin(), slab.start.end());
        const std::vector<GInt64> step(slab.stride.begin(), slab.stride.end());
        std::lock_guard lock(m_mutex);
        GdalErrorScope errors;
        const bool ok = found->second->Read(start.data(), slab.count.data(), step.data(), nullptr,
                                            GDALExtendedDataType::Create(gdalTypeOf(variable.type)),
                                            out.bytes.data());
        if (!ok) {
            throw DataError(m_path, variable.path,
                            "cannot read values (missing or corrupt chunk?): " + lastGdalError());
        }
        return out;
    }

private:
    void readGroup(const GDALGroup& group, DatasetGroup& out, int depth) {
        out.attributes = readAttributes(group.GetAttributes());
        // Non-consolidated stores list a dimension once per array that uses it: keep the first.
        auto addDimension = [&](const std::shared_ptr<GDALDimension>& dimension) {
            const std::string name = dimension->GetName();
            const bool known = std::any_of(out.dimensions.begin(), out.dimensions.end(),
                                           [&](const Dimension& d) { return d.name == name; });
            if (!known) {
                out.dimensions.push_back(
                    Dimension{name, static_cast<std::size_t>(dimension->GetSize()), false});
            }
        };
        for (const std::shared_ptr<GDALDimension>& dimension : group.GetDimensions()) {
            addDimension(dimension);
        }
        for (const std::string& name : group.GetMDArrayNames()) {
            std::shared_ptr<GDALMDArray> array = group.OpenMDArray(name);
            if (!array) {
                throw DataError(m_path, childPath(out.path, name),
                                "GDAL cannot open the array: " + lastGdalError());
            }
            DatasetVariable variable;
            variable.name = name;
            variable.path = childPath(out.path, name);
            variable.type = dataTypeOf(array->GetDataType());
            variable.typeName = dataTypeName(variable.type);
            for (const std::shared_ptr<GDALDimension>& dimension : array->GetDimensions()) {
                variable.dimensions.push_back(dimension->GetName());
                variable.shape.push_back(static_cast<std::size_t>(dimension->GetSize()));
                addDimension(dimension);
            }
            for (GUInt64 size : array->GetBlockSize()) {
                variable.chunkSizes.push_back(static_cast<std::size_t>(size));
            }
            variable.storage = "chunked";
            variable.attributes = readAttributes(array->GetAttributes());
            restoreCfAttributes(*array, variable);
            m_arrays.emplace(variable.path, std::move(array));
            out.variables.push_back(std::move(variable));
        }
        if (depth >= 64) {
            return;
        }
        for (const std::string& name : group.GetGroupNames()) {
            std::shared_ptr<GDALGroup> child = group.OpenGroup(name);
            if (!child) {
                throw DataError(m_path, "",
                                "GDAL cannot open group " + childPath(out.path, name) + ": " +
                                    lastGdalError());
            }
            DatasetGroup childGroup;
            childGroup.name = name;
            childGroup.path = childPath(out.path, name);
            readGroup(*child, childGroup, depth + 1);
            out.groups.push_back(std::move(childGroup));
        }
    }

    // GDAL's Zarr driver turns the array's fill_value into its nodata value and the CF
    // attributes units, scale_factor and add_offset into its unit, scale and offset, removing
    // them from the attribute list. Put them back as the CF attributes they are, so CF decoding
    // and inspect treat a Zarr store like the NetCDF file it was converted from.
    void restoreCfAttributes(const GDALMDArray& array, DatasetVariable& variable) const {
        int hasNoData = 0;
        bool hasValue = false;
        const double noData = array.GetNoDataValueAsDouble(&hasValue);
        hasNoData = hasValue ? 1 : 0;
        if (hasNoData && !hasAttribute(variable.attributes, "_FillValue")) {
            Attribute fill{"_FillValue", "", {noData}, false, variable.typeName};
            variable.attributes.insert(variable.attributes.begin(), fill);
        }
        bool hasScale = false;
        const double scale = array.GetScale(&hasScale);
        if (hasScale && !hasAttribute(variable.attributes, "scale_factor")) {
            variable.attributes.push_back(Attribute{"scale_factor", "", {scale}, false, "double"});
        }
        bool hasOffset = false;
        const double offset = array.GetOffset(&hasOffset);
        if (hasOffset && !hasAttribute(variable.attributes, "add_offset")) {
            variable.attributes.push_back(Attribute{"add_offset", "", {offset}, false, "double"});
        }
        const std::string& unit = array.GetUnit();
        if (!unit.empty() && !hasAttribute(variable.attributes, "units")) {
            variable.attributes.push_back(Attribute{"units", unit, {}, true, "char"});
        }
    }

    std::string m_path;
    std::unique_ptr<GDALDataset> m_dataset;
    DatasetGroup m_root;
    std::unordered_map<std::string, std::shared_ptr<GDALMDArray>> m_arrays;
    mutable std::mutex m_mutex;
};

} // namespace

std::unique_ptr<DatasetBackend> openZarrBackend(const std::string& path,
                                                const std::string& gdalName) {
    return std::make_unique<ZarrBackend>(path, gdalName);
}

} // namespace twins::data
