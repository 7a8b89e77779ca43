#pragma once

// GDAL's view of remote objects through Twinbench's HttpClient: a file system installed with
// VSIInstallPluginHandler under the prefix "/vsitwinbench/", so "/vsitwinbench/https://host/a.tif"
// is read by range requests of the same client that serves HDF5 (one place for the token rule,
// retries and byte counts) instead of GDAL's /vsicurl/. Zarr stores are "directories": a URL
// that is no object itself but holds .zgroup, .zarray or .zmetadata.
#include "twinbench/data/remote/HttpClient.h"

#include <memory>
#include <string>

namespace twins::data::remote {

// A URL that is no object but a Zarr store or group, seen through its metadata objects.
bool isZarrStoreUrl(const HttpClient& client, std::string url);

// Installs the file system once per process (the first client given serves every later GDAL
// open) and returns the GDAL file name of `url`.
std::string gdalHttpName(const std::shared_ptr<const HttpClient>& client, const std::string& url);

} // namespace twins::data::remote
