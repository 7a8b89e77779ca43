#pragma once

// Opening a dataset by URL: what Dataset::open does for http:// and https:// paths. The format
// is recognised from the object's first bytes (or, for a URL that is no object, from the Zarr
// metadata under it) and the local backends read it through the one HttpClient:
// - netCDF-4 and HDF5: the HDF5 backend over Twinbench's HDF5 file driver (Hdf5HttpDriver.h),
//   with the netCDF-4 conventions read by it (Netcdf4Conventions.h);
// - Zarr v2 (consolidated) and GeoTIFF/COG: the GDAL backends over /vsitwinbench/
//   (GdalHttpFilesystem.h);
// - netCDF-3 (classic, 64-bit offset, CDF5): our own range reader (ClassicRangeBackend.h).
#include "twinbench/data/Dataset.h"
#include "twinbench/data/remote/HttpClient.h"

#include <chrono>
#include <memory>
#include <string>

namespace twins::data {
class DatasetBackend;
}

namespace twins::data::remote {

// The client every remote dataset of this process reads through (its statistics are the
// process's remote bytes, for provenance). $TWINBENCH_CA_FILE, when set, is the PEM file of the
// certificate authorities it trusts instead of the system's; s3:// URLs go to
// $TWINBENCH_S3_ENDPOINT ($TWINBENCH_S3_REGION, default us-east-1), signed with
// $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY when set.
std::shared_ptr<const HttpClient> defaultHttpClient();

struct OpenedRemote {
    DatasetFormat format = DatasetFormat::HDF5;
    std::unique_ptr<DatasetBackend> backend;
};

// Throws DataError naming the URL (HttpError for what the server answered).
OpenedRemote openRemoteBackend(const std::string& url, std::chrono::milliseconds metadataDeadline);

} // namespace twins::data::remote
