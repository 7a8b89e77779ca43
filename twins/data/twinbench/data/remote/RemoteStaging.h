#pragma once

// A remote object fetched whole into a local file: how a URL becomes a run's input. Twins read
// their inputs with many libraries (NetCDF-C, HDF5, GDAL, their own readers), so the worker
// hands them a local copy instead of teaching each to read URLs; the copy's SHA-256 (computed
// while it arrives) and the bytes that crossed the network go into the run's provenance.
#include "twinbench/data/remote/HttpClient.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace twins::data::remote {

struct StagedObject {
    std::filesystem::path path;     // the local copy
    HttpObject object;              // size and validators seen when the fetch began
    std::uint64_t bytesFetched = 0; // response body bytes received, retries included
    std::string sha256;             // lower-case hex, of the whole object
    // A Zarr store: its objects (metadata and chunks) fetched, and sha256 is of the manifest
    // "KEY SHA256\n" of every object in key order (a store has no single content to hash).
    std::size_t storeObjects = 0;
};

// Fetches `url` into `target` by range requests of `piece` bytes, each checked against the
// object's ETag (an object that changes meanwhile is an error, not a mix of versions). The
// copy is written to a temporary name beside `target` and renamed only when complete, so a
// failed fetch leaves nothing. Throws HttpError naming the URL (404, 403, ...), DataError for
// a local file that cannot be written. `progress`, when given, is called after each piece with
// the bytes so far and the object's size; returning false stops the fetch (HttpError with
// cancelled()).
using StagingProgress = std::function<bool(std::uint64_t done, std::uint64_t total)>;
StagedObject stageRemoteObject(const HttpOptions& options, const std::string& url,
                               const std::filesystem::path& target,
                               const StagingProgress& progress = {},
                               std::size_t piece = std::size_t(8) << 20);

// A consolidated Zarr v2 store (its .zmetadata names every array) fetched into the folder
// `target`: the metadata objects, then every chunk the arrays' shapes and chunk shapes imply
// (chunks the server does not have are fill values, as in Zarr, and are skipped). The folder is
// filled under a temporary name and renamed when complete. Throws HttpError naming the URL
// (a store without consolidated metadata is refused: its chunks cannot be listed over HTTP).
StagedObject stageRemoteZarrStore(const HttpOptions& options, const std::string& url,
                                  const std::filesystem::path& target,
                                  const StagingProgress& progress = {});

// A file name for the local copy of `url`: the last path segment, made safe ("object" when
// there is none).
std::string stagedFileName(const std::string& url);

} // namespace twins::data::remote
