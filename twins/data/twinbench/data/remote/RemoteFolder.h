#pragma once

// Listing a remote folder to browse it before opening an object: a WebDAV collection (PROPFIND,
// DavFolder.h) or an S3 bucket's "folder", the keys under a prefix up to the next "/"
// (ListObjectsV2 with a delimiter, signed as every s3:// request is).
#include "twinbench/data/remote/DavFolder.h"

#include <string>
#include <vector>

namespace twins::data::remote {

// s3://BUCKET/PREFIX/: the objects and sub-prefixes under it (entries' URLs are s3:// URLs),
// folders first, then by name; every page of the listing (continuation tokens). Throws HttpError
// naming the URL, DataError for an answer that is not a ListBucketResult.
std::vector<DavEntry> listS3Folder(const HttpClient& client, std::string folderUrl);

// listS3Folder for s3:// URLs, else listDavFolder.
std::vector<DavEntry> listRemoteFolder(const HttpClient& client, const std::string& folderUrl);

} // namespace twins::data::remote
