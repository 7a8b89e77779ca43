#pragma once

// A WebDAV folder's listing (RFC 4918 PROPFIND, Depth 1), for browsing a data lake's folders
// (dCache, StoRM WebDAV, nginx with dav-ext) before opening an object.
#include "twinbench/data/remote/HttpClient.h"

#include <cstdint>
#include <string>
#include <vector>

namespace twins::data::remote {

struct DavEntry {
    std::string name;         // the last path segment, decoded ("t2m 2020.nc")
    std::string url;          // in the folder URL's scheme (davs://host/dir/t2m%202020.nc)
    bool folder = false;      // a collection: list it in turn (a Zarr store is one too)
    std::uint64_t size = 0;   // bytes of an object (0 for folders)
    std::string lastModified; // as the server wrote it
};

// The folder's entries (not the folder itself), folders first, then by name. A URL without a
// trailing slash is taken as the folder it names. Throws HttpError naming the URL (404, 405 from
// a server without WebDAV, ...), DataError for an answer that is not a WebDAV multistatus.
std::vector<DavEntry> listDavFolder(const HttpClient& client, std::string folderUrl);

} // namespace twins::data::remote
