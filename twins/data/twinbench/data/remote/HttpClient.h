#pragma once

// The one HTTP client of the data layer (libcurl): every remote byte that HDF5, GDAL or the
// classic reader sees comes through here, so the rules for plain http, bearer tokens, retries
// and the byte counts of provenance live in one place.
//
// - s3:// URLs go to the configured S3 endpoint, signed with AWS SigV4 (S3Settings).
// - Range GETs of objects whose ETag/Last-Modified were seen by stat(); a range answered with
//   another ETag means the object changed while it was read, which is an error, not a mix.
// - Retries with exponential backoff on 5xx, 429 and dropped or refused connections; 4xx
//   fail at once with a message that names the URL and says what the status means.
// - http:// only to loopback hosts unless HttpOptions::allowPlainHttp; a bearer token is sent
//   only over https or to loopback, and a request that would carry one elsewhere is refused.
// - Cancellation: HttpOptions::cancel is polled during transfers and between retries.
//
// Thread-safe: requests may run from several threads at once (each takes its own curl handle
// from a small pool, so connections are kept alive between requests).
#include "twinbench/data/remote/HttpError.h"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace twins::data::remote {

// Where s3://BUCKET/KEY URLs go and how requests to them are signed (AWS Signature Version 4,
// by libcurl): path-style requests to ENDPOINT/BUCKET/KEY. Without keys, requests go unsigned
// (public buckets). The keys are sent only as a signature, and only over https:// or to
// loopback, as bearer tokens are.
struct S3Settings {
    std::string endpoint; // "https://s3.example.org" or "http://127.0.0.1:4568"; "" = none
    std::string region = "us-east-1";
    std::string accessKey;
    std::string secretKey; // never logged, never put in an error message
};

struct HttpOptions {
    // Plain http:// to a host that is not loopback (the user allowed it for this host).
    bool allowPlainHttp = false;
    // Sent as "Authorization: Bearer ..." (never logged, never put in an error message).
    std::string bearerToken;
    // Tries per request; a try that fails with a 5xx, 429 or a dropped connection is repeated
    // after firstBackoff, then twice that, and so on.
    int attempts = 4;
    std::chrono::milliseconds firstBackoff{250};
    std::chrono::milliseconds connectTimeout{10000};
    // A transfer that receives nothing for this long counts as a dropped connection.
    std::chrono::milliseconds stallTimeout{20000};
    // When set and true, transfers stop and requests throw HttpError with cancelled().
    std::shared_ptr<const std::atomic<bool>> cancel;
    // A PEM file of the certificate authorities trusted for https:// instead of the system's
    // (a site or test CA); empty: the system's.
    std::string caFile;
    S3Settings s3;
    // When s3.endpoint is empty, take the S3 settings from the program's provider
    // (S3SettingsProvider.h): set for the process's client only.
    bool s3FromProvider = false;
};

// What stat() learned about an object: its size and validators.
struct HttpObject {
    std::uint64_t size = 0;
    std::string etag;
    std::string lastModified;
};

// Totals since the client was made, for provenance and tests.
struct HttpStatistics {
    std::uint64_t requests = 0;      // HTTP requests sent (retries included)
    std::uint64_t bytesReceived = 0; // response body bytes
    std::uint64_t retries = 0;
};

class HttpClient {
public:
    explicit HttpClient(HttpOptions options = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    const HttpOptions& options() const { return m_options; }

    // HEAD: size and validators. Throws HttpError (404, 403, ... naming the URL).
    HttpObject stat(const std::string& url) const;
    // HEAD without throwing for an HTTP status: the status (200, 301, 404, ...), and `object`
    // filled on 200. Throws HttpError only when no answer comes (after retries) or on policy.
    long probe(const std::string& url, HttpObject* object = nullptr) const;
    // Bytes [offset, offset + length) of the object; `expected` (from stat) when given must
    // still match the answer's ETag. Throws HttpError.
    std::vector<std::byte> getRange(const std::string& url, std::uint64_t offset,
                                    std::size_t length, const HttpObject* expected) const;
    // GET of a small document (an S3 listing): its body, at most maxBytes. Throws HttpError.
    std::string getText(const std::string& url, std::size_t maxBytes = std::size_t(16) << 20) const;
    // GET or POST of a JSON document (a STAC catalogue, a STAC API search): its body, at most
    // maxBytes. `jsonBody` empty: GET; else POST with Content-Type application/json. Throws
    // HttpError; an error answer's own explanation (a JSON "description", or its first line of
    // text) is part of the message (a STAC API's 400 says which parameter it refused).
    std::string exchangeJson(const std::string& url, const std::string& jsonBody = {},
                             std::size_t maxBytes = std::size_t(16) << 20) const;
    // WebDAV PROPFIND with "Depth: 1" asking for the listing properties: the 207 Multi-Status
    // body (XML). Throws HttpError (404, 405 for a server without WebDAV, ...).
    std::string propfind(const std::string& url) const;
    HttpStatistics statistics() const;

    // The URL a request for `url` is sent to: s3:// on the S3 endpoint, dav(s):// as
    // http(s)://. Throws HttpError for an s3:// URL when no endpoint is set.
    std::string wireUrl(const std::string& url) const;

private:
    // options().s3, or the provider's settings (s3FromProvider).
    S3Settings s3Settings(const std::string& url) const;
    struct Request;
    struct Response;
    Response perform(const Request& request) const;
    Response performWithRetries(const Request& request) const;
    void* takeHandle() const;
    void returnHandle(void* handle) const;

    HttpOptions m_options;
    mutable std::mutex m_poolMutex;
    mutable std::vector<void*> m_pool;
    mutable std::atomic<std::uint64_t> m_requests{0};
    mutable std::atomic<std::uint64_t> m_bytesReceived{0};
    mutable std::atomic<std::uint64_t> m_retries{0};
};

} // namespace twins::data::remote
