#include "twinbench/data/ZarrWriter.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/GdalLibrary.h"
#include "twinbench/data/PartialPath.h"

#include <gdal_priv.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace twins::data {

namespace {

GDALDataType gdalTypeOf(ZarrWriter::Type type) {
    switch (type) {
    case ZarrWriter::Type::Int16:
        return GDT_Int16;
    case ZarrWriter::Type::Int32:
        return GDT_Int32;
    case ZarrWriter::Type::Float32:
        return GDT_Float32;
    case ZarrWriter::Type::Float64:
        return GDT_Float64;
    }
    return GDT_Float64;
}

std::pair<std::string, std::string> splitPath(const std::string& objectPath) {
    const auto slash = objectPath.find_last_of('/');
    if (slash == std::string::npos) {
        return {"/", objectPath};
    }
    return {slash == 0 ? "/" : objectPath.substr(0, slash), objectPath.substr(slash + 1)};
}

// GDAL's creation options for the codec; the names are those of GDAL's Zarr driver.
CPLStringList compressionOptions(const ZarrWriter::Compression& compression,
                                 const std::string& path) {
    CPLStringList options;
    std::string codec = compression.codec;
    std::transform(codec.begin(), codec.end(), codec.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    const std::string level = std::to_string(compression.level);
    if (codec == "ZLIB") {
        options.SetNameValue("COMPRESS", "ZLIB");
        options.SetNameValue("ZLIB_LEVEL", level.c_str());
    } else if (codec == "BLOSC") {
        options.SetNameValue("COMPRESS", "BLOSC");
        options.SetNameValue("BLOSC_CLEVEL", level.c_str());
    } else if (codec == "ZSTD") {
        options.SetNameValue("COMPRESS", "ZSTD");
        options.SetNameValue("ZSTD_LEVEL", level.c_str());
    } else if (codec == "LZ4") {
        options.SetNameValue("COMPRESS", "LZ4");
    } else if (codec == "NONE") {
        options.SetNameValue("COMPRESS", "NONE");
    } else {
        throw DataError(path, "",
                        "unknown Zarr compression '" + compression.codec +
                            "' (expected zlib, blosc, zstd, lz4 or none)");
    }
    return options;
}

} // namespace

ZarrWriter::ZarrWriter(std::string path, Compression compression)
    : m_path(std::move(path)), m_temporaryPath(partialPathFor(m_path)),
      m_compression(std::move(compression)) {
    compressionOptions(m_compression, m_path); // refuse an unknown codec before creating files
    ensureGdalRegistered();
    GdalErrorScope errors;
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("Zarr");
    if (driver == nullptr) {
        throw DataError(m_path, "", "GDAL has no Zarr driver");
    }
    CPLStringList options;
    options.SetNameValue("FORMAT", "ZARR_V2");
    // Consolidated metadata: xarray and zarr open the store with one read.
    options.SetNameValue("CREATE_ZMETADATA", "YES");
    m_dataset = driver->CreateMultiDimensional(m_temporaryPath.c_str(), nullptr, options.List());
    if (m_dataset == nullptr) {
        throw DataError(m_path, "",
                        "cannot create Zarr store (temporary " + m_temporaryPath +
                            "): " + lastGdalError());
    }
    m_groups["/"] = m_dataset->GetRootGroup();
}

ZarrWriter::ZarrWriter(std::string path) : ZarrWriter(std::move(path), Compression{}) {}

ZarrWriter::~ZarrWriter() {
    if (m_dataset != nullptr) {
        close();
        std::error_code ignored;
        std::filesystem::remove_all(m_temporaryPath, ignored);
    }
}

void ZarrWriter::close() {
    // Arrays and groups hold references into the dataset; they go first so that closing the
    // dataset writes everything.
    m_variables.clear();
    m_dimensions.clear();
    m_groups.clear();
    GDALClose(m_dataset);
    m_dataset = nullptr;
}

std::shared_ptr<GDALGroup> ZarrWriter::group(const std::string& groupPath) const {
    const auto found = m_groups.find(groupPath);
    if (found == m_groups.end()) {
        throw DataError(m_path, groupPath, "no such group (add it with addGroup first)");
    }
    return found->second;
}

const ZarrWriter::Variable& ZarrWriter::variable(const std::string& variablePath) const {
    const auto found = m_variables.find(variablePath);
    if (found == m_variables.end()) {
        throw DataError(m_path, variablePath, "variable was not defined");
    }
    return found->second;
}

void ZarrWriter::addDimension(const std::string& name, std::size_t length) {
    GdalErrorScope errors;
    auto dimension =
        group("/")->CreateDimension(name, std::string(), std::string(), length, nullptr);
    if (!dimension) {
        throw DataError(m_path, "", "cannot define dimension '" + name + "': " + lastGdalError());
    }
    m_dimensions[name] = std::move(dimension);
}

void ZarrWriter::addGroup(const std::string& groupPath) {
    if (groupPath.empty() || groupPath == "/" || m_groups.count(groupPath) != 0) {
        return;
    }
    const auto [parentPath, name] = splitPath(groupPath);
    addGroup(parentPath);
    GdalErrorScope errors;
    auto created = group(parentPath)->CreateGroup(name, nullptr);
    if (!created) {
        throw DataError(m_path, groupPath, "cannot create group: " + lastGdalError());
    }
    m_groups[groupPath] = std::move(created);
}

void ZarrWriter::addVariable(const std::string& variablePath, Type type,
                             const std::vector<std::string>& dimensions,
                             const VariableOptions& options) {
    const bool packed = options.scaleFactor.has_value() || options.addOffset.has_value();
    if (packed && (type == Type::Float32 || type == Type::Float64)) {
        throw DataError(m_path, variablePath, "packing needs an integer storage type");
    }
    if (!options.chunkSizes.empty() && options.chunkSizes.size() != dimensions.size()) {
        throw DataError(m_path, variablePath,
                        "chunk sizes have " + std::to_string(options.chunkSizes.size()) +
                            " entries for " + std::to_string(dimensions.size()) + " dimensions");
    }
    std::vector<std::shared_ptr<GDALDimension>> arrayDimensions;
    for (const std::string& name : dimensions) {
        const auto found = m_dimensions.find(name);
        if (found == m_dimensions.end()) {
            throw DataError(m_path, variablePath, "unknown dimension '" + name + "'");
        }
        arrayDimensions.push_back(found->second);
    }
    CPLStringList creation = compressionOptions(m_compression, m_path);
    if (!options.chunkSizes.empty()) {
        std::string blocks;
        for (std::size_t size : options.chunkSizes) {
            blocks += (blocks.empty() ? "" : ",") + std::to_string(size);
        }
        creation.SetNameValue("BLOCKSIZE", blocks.c_str());
    }
    const auto [groupPath, name] = splitPath(variablePath);
    GdalErrorScope errors;
    auto array = group(groupPath)->CreateMDArray(
        name, arrayDimensions, GDALExtendedDataType::Create(gdalTypeOf(type)), creation.List());
    if (!array) {
        throw DataError(m_path, variablePath, "cannot create array: " + lastGdalError());
    }
    // GDAL's Zarr driver stores these as CF expects: nodata as the array's fill_value, unit,
    // scale and offset as the "units", "scale_factor" and "add_offset" attributes.
    bool ok = true;
    if (!options.units.empty()) {
        ok = ok && array->SetUnit(options.units);
    }
    if (options.fillValue) {
        ok = ok && array->SetNoDataValue(*options.fillValue);
    }
    if (options.scaleFactor) {
        ok = ok && array->SetScale(*options.scaleFactor);
    }
    if (options.addOffset) {
        ok = ok && array->SetOffset(*options.addOffset);
    }
    if (!ok) {
        throw DataError(m_path, variablePath, "cannot set CF attributes: " + lastGdalError());
    }
    // xarray's dimension names. GDAL 3.6 writes them only for arrays that index a dimension,
    // and xarray refuses arrays without them, so every array gets them here.
    if (!dimensions.empty()) {
        CPLStringList dimensionNames;
        for (const std::string& dimension : dimensions) {
            dimensionNames.AddString(dimension.c_str());
        }
        const auto names = array->CreateAttribute("_ARRAY_DIMENSIONS", {dimensions.size()},
                                                  GDALExtendedDataType::CreateString(), nullptr);
        if (!names || !names->Write(dimensionNames.List())) {
            throw DataError(m_path, variablePath,
                            "cannot write _ARRAY_DIMENSIONS: " + lastGdalError());
        }
    }
    m_variables[variablePath] = Variable{std::move(array), options};
}

void ZarrWriter::setTextAttribute(const std::string& objectPath, const std::string& name,
                                  const std::string& value) {
    GdalErrorScope errors;
    std::shared_ptr<GDALAttribute> attribute;
    if (m_variables.count(objectPath) != 0) {
        attribute =
            variable(objectPath)
                .array->CreateAttribute(name, {}, GDALExtendedDataType::CreateString(), nullptr);
    } else {
        attribute = group(objectPath)
                        ->CreateAttribute(name, {}, GDALExtendedDataType::CreateString(), nullptr);
    }
    if (!attribute || !attribute->Write(value.c_str())) {
        throw DataError(m_path, objectPath,
                        "cannot write attribute '" + name + "': " + lastGdalError());
    }
}

void ZarrWriter::setNumberAttribute(const std::string& objectPath, const std::string& name,
                                    const std::vector<double>& values) {
    GdalErrorScope errors;
    std::shared_ptr<GDALAttribute> attribute;
    const std::vector<GUInt64> shape =
        values.size() == 1 ? std::vector<GUInt64>{} : std::vector<GUInt64>{values.size()};
    const auto type = GDALExtendedDataType::Create(GDT_Float64);
    if (m_variables.count(objectPath) != 0) {
        attribute = variable(objectPath).array->CreateAttribute(name, shape, type, nullptr);
    } else {
        attribute = group(objectPath)->CreateAttribute(name, shape, type, nullptr);
    }
    const bool written =
        attribute && (values.size() == 1 ? attribute->Write(values[0])
                                         : attribute->Write(values.data(), values.size()));
    if (!written) {
        throw DataError(m_path, objectPath,
                        "cannot write attribute '" + name + "': " + lastGdalError());
    }
}

void ZarrWriter::write(const std::string& variablePath, const std::vector<std::size_t>& start,
                       const std::vector<std::size_t>& count, const double* values) {
    const Variable& target = variable(variablePath);
    const std::size_t rank = target.array->GetDimensionCount();
    if (start.size() != rank || count.size() != rank) {
        throw DataError(m_path, variablePath,
                        "write of rank " + std::to_string(start.size()) +
                            " into an array of rank " + std::to_string(rank));
    }
    std::size_t total = 1;
    for (std::size_t d = 0; d < rank; ++d) {
        const std::size_t length = target.array->GetDimensions()[d]->GetSize();
        if (start[d] + count[d] > length) {
            throw DataError(m_path, variablePath,
                            "write of [" + std::to_string(start[d]) + ", " +
                                std::to_string(start[d] + count[d]) + ") exceeds dimension " +
                                std::to_string(d) + " of length " + std::to_string(length));
        }
        total *= count[d];
    }
    std::vector<double> stored(values, values + total);
    const VariableOptions& options = target.options;
    const bool packed = options.scaleFactor.has_value() || options.addOffset.has_value();
    const GDALDataType storedType = target.array->GetDataType().GetNumericDataType();
    const bool integerStorage = storedType == GDT_Int16 || storedType == GDT_Int32;
    for (double& value : stored) {
        // CF readers mask the fill value; NaN in float storage is masked too, but writing the
        // declared fill keeps one marker for missing data per variable.
        if (std::isnan(value) && (integerStorage || options.fillValue)) {
            if (!options.fillValue) {
                throw DataError(m_path, variablePath,
                                "a missing (NaN) value needs a fill value in integer storage");
            }
            value = *options.fillValue;
        } else if (packed) {
            value = std::round((value - options.addOffset.value_or(0.0)) /
                               options.scaleFactor.value_or(1.0));
        }
    }
    const std::vector<GUInt64> arrayStart(start.begin(), start.end());
    const std::vector<size_t> arrayCount(count.begin(), count.end());
    GdalErrorScope errors;
    if (!target.array->Write(arrayStart.data(), arrayCount.data(), nullptr, nullptr,
                             GDALExtendedDataType::Create(GDT_Float64), stored.data())) {
        throw DataError(m_path, variablePath, "cannot write values: " + lastGdalError());
    }
}

void ZarrWriter::commit() {
    {
        GdalErrorScope errors;
        close();
        const std::string reason = CPLGetLastErrorType() >= CE_Failure ? lastGdalError() : "";
        if (!reason.empty()) {
            std::error_code ignored;
            std::filesystem::remove_all(m_temporaryPath, ignored);
            throw DataError(m_path, "", "cannot finish writing (nothing was replaced): " + reason);
        }
    }
    std::error_code error;
    // A directory cannot replace another by rename(2): an older store at the target goes
    // first, only after the new one is complete.
    if (std::filesystem::is_directory(m_path, error)) {
        std::filesystem::remove_all(m_path, error);
    }
    std::filesystem::rename(m_temporaryPath, m_path, error);
    if (error) {
        const std::string reason = error.message();
        std::filesystem::remove_all(m_temporaryPath, error);
        throw DataError(m_path, "", "cannot move the finished store into place: " + reason);
    }
}

} // namespace twins::data
