#pragma once

// What a "path" that is really a URL looks like, and which hosts count as this machine.
#include <string>

namespace twins::data::remote {

// True for http://, https://, dav://, davs:// and s3:// URLs (the schemes the HTTP client
// reads); local paths, including Windows-looking "C:/..." ones, are false.
bool isRemoteUrl(const std::string& path);

// s3://BUCKET/KEY (HttpClient sends it to the configured endpoint, S3Settings).
bool isS3Url(const std::string& url);

// The URL a request is sent to: WebDAV's dav:// and davs:// (as file managers write them) are
// http:// and https:// on the wire; other URLs are returned as they are.
std::string transferUrl(const std::string& url);

// The host of an http(s) URL as written ("127.0.0.1", "[::1]", "example.org"), or "" when the
// URL cannot be parsed.
std::string urlHost(const std::string& url);

// 127.0.0.0/8, ::1 and "localhost": plain http and bearer tokens are allowed there because the
// traffic never leaves the machine.
bool isLoopbackHost(const std::string& host);

// The URL as records (provenance, logs) may show it: without user name and password, and with
// the values of query parameters that carry credentials (pre-signed S3 or SAS URLs: X-Amz-*,
// signature, token, key, secret, password, credential, auth...) replaced by "REDACTED".
std::string urlForRecords(const std::string& url);
// True when `recorded` (a urlForRecords URL) is `source` or an object under it (a Zarr store's
// members): what was read of a dataset opened at `source`.
bool recordedUnder(const std::string& recorded, const std::string& source);

} // namespace twins::data::remote
