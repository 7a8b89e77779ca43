// The classic-raster backend of Dataset (GeoTIFF and any raster GDAL opens). A raster becomes
// the CF layout rioxarray also uses, so maps treat it like a NetCDF field:
//   band_data(band, y, x)  the pixel values; chunked like the file's blocks; _FillValue from
//                          the nodata value, scale_factor/add_offset from the band's scale and
//                          offset, units from the band's unit, grid_mapping = "spatial_ref"
//   band(band)             1..n
//   x(x), y(y)             pixel-centre coordinates from the geotransform (north-up rasters;
//                          a rotated geotransform has no 1-D axes, so x and y are then the
//                          column and row numbers and spatial_ref keeps the full transform)
//   spatial_ref            a scalar whose attributes carry the CRS as crs_wkt and proj4 and
//                          the GeoTransform
// Threads: one GDAL handle per file, locked by m_mutex (see ZarrBackend.cpp for why).
#include "twinbench/data/DataError.h"
#include "twinbench/data/DatasetBackend.h"
#include "twinbench/data/GdalLibrary.h"

#include <gdal_priv.h>

#include <array>
#include <cpl_conv.h>
#include <cstring>
#include <mutex>
#include <ogr_spatialref.h>

namespace twins::data {

namespace {

Attribute textAttribute(const std::string& name, const std::string& text) {
    return Attribute{name, text, {}, true, "char"};
}

Attribute numberAttribute(const std::string& name, std::vector<double> numbers,
                          const std::string& typeName) {
    return Attribute{name, "", std::move(numbers), false, typeName};
}

class GdalRasterBackend final : public DatasetBackend {
public:
    GdalRasterBackend(std::string path, const std::string& gdalName) : m_path(std::move(path)) {
        ensureGdalRegistered();
        GdalErrorScope errors;
        m_dataset.reset(GDALDataset::Open(gdalName.empty() ? m_path.c_str() : gdalName.c_str(),
                                          GDAL_OF_RASTER | GDAL_OF_READONLY));
        if (!m_dataset) {
            throw DataError(m_path, "", "GDAL cannot open the raster: " + lastGdalError());
        }
        const int bands = m_dataset->GetRasterCount();
        if (bands < 1) {
            throw DataError(m_path, "", "the raster has no bands (a container of subdatasets?)");
        }
        m_width = static_cast<std::size_t>(m_dataset->GetRasterXSize());
        m_height = static_cast<std::size_t>(m_dataset->GetRasterYSize());
        m_bands = static_cast<std::size_t>(bands);
        m_driver = m_dataset->GetDriver() ? m_dataset->GetDriver()->GetDescription() : "raster";
        m_hasTransform = m_dataset->GetGeoTransform(m_transform.data()) == CE_None;
        m_northUp = m_hasTransform && m_transform[2] == 0.0 && m_transform[4] == 0.0;
        refuseImpossibleBlocks();
        describe();
    }

    std::string formatName() const override { return m_driver; }
    const DatasetGroup& root() const override { return m_root; }

    RawArray read(const DatasetVariable& variable, const Hyperslab& slab) const override {
        RawArray out;
        out.type = variable.type;
        out.shape = slab.count;
        std::size_t total = 1;
        for (std::size_t count : slab.count) {
            total *= count;
        }
        out.bytes.resize(total * dataTypeSize(variable.type));
        if (variable.name == "band_data") {
            readPixels(variable, slab, out);
        } else if (variable.name == "band") {
            auto* values = reinterpret_cast<std::int32_t*>(out.bytes.data());
            for (std::size_t k = 0; k < slab.count[0]; ++k) {
                values[k] = static_cast<std::int32_t>(slab.start[0] + k * slab.stride[0] + 1);
            }
        } else if (variable.name == "x" || variable.name == "y") {
            const bool isX = variable.name == "x";
            auto* values = reinterpret_cast<double*>(out.bytes.data());
            for (std::size_t k = 0; k < slab.count[0]; ++k) {
                const double index = static_cast<double>(slab.start[0] + k * slab.stride[0]);
                if (!m_northUp) {
                    values[k] = index;
                } else {
                    values[k] = isX ? m_transform[0] + (index + 0.5) * m_transform[1]
                                    : m_transform[3] + (index + 0.5) * m_transform[5];
                }
            }
        } else if (variable.name == "spatial_ref") {
            const std::int32_t zero = 0;
            std::memcpy(out.bytes.data(), &zero, sizeof zero);
        } else {
            throw DataError(m_path, variable.path, "not a variable of this raster");
        }
        return out;
    }

private:
    // GDAL reads whole blocks (strips or tiles), all bands of a pixel-interleaved block at once,
    // even for one row. A corrupt header can claim blocks far beyond the raster (found by
    // fuzz_geotiff: a 16 x 16 file claiming 28176 x 5120 blocks, 1.1 GB allocated for one row
    // of a 367-byte file). A block only exceeds the raster when the image is smaller than one
    // tile, so a block that is both larger than the whole raster and over 64 MiB is refused.
    void refuseImpossibleBlocks() const {
        const std::size_t rasterBytes =
            m_width * m_height * m_bands *
            dataTypeSize(dataTypeOfGdal(m_dataset->GetRasterBand(1)->GetRasterDataType()));
        for (int b = 1; b <= static_cast<int>(m_bands); ++b) {
            GDALRasterBand* band = m_dataset->GetRasterBand(b);
            int blockX = 0;
            int blockY = 0;
            band->GetBlockSize(&blockX, &blockY);
            const std::size_t blockBytes = static_cast<std::size_t>(std::max(blockX, 0)) *
                                           static_cast<std::size_t>(std::max(blockY, 0)) * m_bands *
                                           dataTypeSize(dataTypeOfGdal(band->GetRasterDataType()));
            if (blockBytes > (std::size_t(64) << 20) && blockBytes > rasterBytes) {
                throw DataError(m_path, "",
                                "band " + std::to_string(b) + " claims blocks of " +
                                    std::to_string(blockX) + " x " + std::to_string(blockY) +
                                    " pixels (" + std::to_string(blockBytes >> 20) +
                                    " MiB), larger than the whole " + std::to_string(m_width) +
                                    " x " + std::to_string(m_height) +
                                    " raster: the header is corrupt");
            }
        }
    }

    void describe() {
        m_root.path = "/";
        m_root.dimensions = {Dimension{"band", m_bands, false}, Dimension{"y", m_height, false},
                             Dimension{"x", m_width, false}};
        GDALRasterBand* first = m_dataset->GetRasterBand(1);

        DatasetVariable data;
        data.name = "band_data";
        data.path = "/band_data";
        data.type = dataTypeOfGdal(first->GetRasterDataType());
        data.typeName = dataTypeName(data.type);
        data.dimensions = {"band", "y", "x"};
        data.shape = {m_bands, m_height, m_width};
        int blockX = 0;
        int blockY = 0;
        first->GetBlockSize(&blockX, &blockY);
        data.storage = "chunked";
        data.chunkSizes = {1, static_cast<std::size_t>(std::max(blockY, 1)),
                           static_cast<std::size_t>(std::max(blockX, 1))};
        int hasNoData = 0;
        const double noData = first->GetNoDataValue(&hasNoData);
        if (hasNoData) {
            data.attributes.push_back(numberAttribute("_FillValue", {noData}, data.typeName));
        }
        int hasScale = 0;
        int hasOffset = 0;
        const double scale = first->GetScale(&hasScale);
        const double offset = first->GetOffset(&hasOffset);
        if (hasScale && scale != 1.0) {
            data.attributes.push_back(numberAttribute("scale_factor", {scale}, "double"));
        }
        if (hasOffset && offset != 0.0) {
            data.attributes.push_back(numberAttribute("add_offset", {offset}, "double"));
        }
        if (const char* unit = first->GetUnitType(); unit != nullptr && *unit != '\0') {
            data.attributes.push_back(textAttribute("units", unit));
        }
        if (const char* description = first->GetDescription();
            description != nullptr && *description != '\0') {
            data.attributes.push_back(textAttribute("long_name", description));
        }
        data.attributes.push_back(textAttribute("coordinates", "spatial_ref"));
        data.attributes.push_back(textAttribute("grid_mapping", "spatial_ref"));

        DatasetVariable band;
        band.name = "band";
        band.path = "/band";
        band.type = DataType::Int32;
        band.typeName = "int";
        band.dimensions = {"band"};
        band.shape = {m_bands};

        const OGRSpatialReference* crs = m_dataset->GetSpatialRef();
        const bool geographic = crs != nullptr && crs->IsGeographic();
        auto axis = [&](const std::string& name, std::size_t length) {
            DatasetVariable coordinate;
            coordinate.name = name;
            coordinate.path = "/" + name;
            coordinate.type = DataType::Float64;
            coordinate.typeName = "double";
            coordinate.dimensions = {name};
            coordinate.shape = {length};
            coordinate.attributes.push_back(textAttribute("axis", name == "x" ? "X" : "Y"));
            if (!m_northUp) {
                coordinate.attributes.push_back(
                    textAttribute("long_name", name == "x" ? "column number" : "row number"));
            } else if (geographic) {
                coordinate.attributes.push_back(
                    textAttribute("standard_name", name == "x" ? "longitude" : "latitude"));
                coordinate.attributes.push_back(
                    textAttribute("units", name == "x" ? "degrees_east" : "degrees_north"));
            } else {
                coordinate.attributes.push_back(
                    textAttribute("standard_name", name == "x" ? "projection_x_coordinate"
                                                               : "projection_y_coordinate"));
                if (crs != nullptr) {
                    const char* unitName = nullptr;
                    crs->GetLinearUnits(&unitName);
                    const std::string unit = unitName ? unitName : "";
                    coordinate.attributes.push_back(
                        textAttribute("units", (unit == "metre" || unit == "meter") ? "m" : unit));
                }
            }
            return coordinate;
        };

        DatasetVariable reference;
        reference.name = "spatial_ref";
        reference.path = "/spatial_ref";
        reference.type = DataType::Int32;
        reference.typeName = "int";
        if (crs != nullptr) {
            char* wkt = nullptr;
            const char* const options[] = {"FORMAT=WKT2_2019", nullptr};
            if (crs->exportToWkt(&wkt, options) == OGRERR_NONE && wkt != nullptr) {
                reference.attributes.push_back(textAttribute("crs_wkt", wkt));
            }
            CPLFree(wkt);
            char* proj4 = nullptr;
            if (crs->exportToProj4(&proj4) == OGRERR_NONE && proj4 != nullptr) {
                reference.attributes.push_back(textAttribute("proj4", proj4));
            }
            CPLFree(proj4);
            if (const char* name = crs->GetName()) {
                reference.attributes.push_back(textAttribute("long_name", name));
            }
        }
        if (m_hasTransform) {
            std::string text;
            for (double value : m_transform) {
                char buffer[40];
                std::snprintf(buffer, sizeof buffer, "%.17g", value);
                text += (text.empty() ? "" : " ") + std::string(buffer);
            }
            reference.attributes.push_back(textAttribute("GeoTransform", text));
        }

        m_root.variables.push_back(std::move(data));
        m_root.variables.push_back(std::move(band));
        m_root.variables.push_back(axis("y", m_height));
        m_root.variables.push_back(axis("x", m_width));
        m_root.variables.push_back(std::move(reference));
        if (const char* area = m_dataset->GetMetadataItem("AREA_OR_POINT")) {
            m_root.attributes.push_back(textAttribute("AREA_OR_POINT", area));
        }
        m_root.attributes.push_back(textAttribute("driver", m_driver));
    }

    // Reads band_data one band and one selected row at a time: RasterIO with a smaller buffer
    // resamples instead of striding, so strides are taken from full-resolution rows here.
    void readPixels(const DatasetVariable& variable, const Hyperslab& slab, RawArray& out) const {
        const std::size_t element = dataTypeSize(variable.type);
        const std::size_t span = (slab.count[2] - 1) * slab.stride[2] + 1;
        std::vector<std::byte> row(span * element);
        std::byte* target = out.bytes.data();
        std::lock_guard lock(m_mutex);
        GdalErrorScope errors;
        for (std::size_t b = 0; b < slab.count[0]; ++b) {
            GDALRasterBand* band =
                m_dataset->GetRasterBand(static_cast<int>(slab.start[0] + b * slab.stride[0] + 1));
            for (std::size_t r = 0; r < slab.count[1]; ++r) {
                const std::size_t y = slab.start[1] + r * slab.stride[1];
                const CPLErr status =
                    band->RasterIO(GF_Read, static_cast<int>(slab.start[2]), static_cast<int>(y),
                                   static_cast<int>(span), 1, row.data(), static_cast<int>(span), 1,
                                   m_dataset->GetRasterBand(1)->GetRasterDataType(), 0, 0, nullptr);
                if (status != CE_None) {
                    throw DataError(m_path, variable.path,
                                    "cannot read row " + std::to_string(y) +
                                        " (truncated or corrupt file?): " + lastGdalError());
                }
                for (std::size_t c = 0; c < slab.count[2]; ++c) {
                    std::memcpy(target, row.data() + c * slab.stride[2] * element, element);
                    target += element;
                }
            }
        }
    }

    std::string m_path;
    std::unique_ptr<GDALDataset> m_dataset;
    std::string m_driver;
    std::size_t m_width = 0;
    std::size_t m_height = 0;
    std::size_t m_bands = 0;
    std::array<double, 6> m_transform{0, 1, 0, 0, 0, 1};
    bool m_hasTransform = false;
    bool m_northUp = false;
    DatasetGroup m_root;
    mutable std::mutex m_mutex;
};

} // namespace

std::unique_ptr<DatasetBackend> openGdalRasterBackend(const std::string& path,
                                                      const std::string& gdalName) {
    return std::make_unique<GdalRasterBackend>(path, gdalName);
}

} // namespace twins::data
