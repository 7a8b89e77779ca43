#include "twinbench/data/remote/HttpClient.h"

#include "twinbench/data/remote/RemoteCancel.h"
#include "twinbench/data/remote/RemoteUrl.h"
#include "twinbench/data/remote/RequestPolicy.h"
#include "twinbench/data/remote/S3SettingsProvider.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <curl/curl.h>
#include <thread>

namespace twins::data::remote {

namespace {

void initialiseCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string trimmed(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.pop_back();
    }
    std::size_t first = 0;
    while (first < text.size() && std::isspace(static_cast<unsigned char>(text[first]))) {
        ++first;
    }
    return text.substr(first);
}

bool headerIs(const std::string& line, const char* name) {
    const std::size_t length = std::strlen(name);
    return line.size() > length && line[length] == ':' &&
           std::equal(name, name + length, line.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           });
}

// What a status means to the person who asked for the URL.
std::string statusMeaning(long status) {
    switch (status) {
    case 401:
        return "the server answered 401 Unauthorized: it wants credentials (sign in, or "
               "configure a token for this host)";
    case 403:
        return "the server answered 403 Forbidden: these credentials may not read this object";
    case 404:
        return "the server answered 404 Not Found: no such object";
    case 405:
        return "the server answered 405 Method Not Allowed: it does not offer this here (a "
               "folder listing needs a WebDAV server)";
    case 416:
        return "the server answered 416 Range Not Satisfiable: the object is shorter than "
               "expected (did it change?)";
    default:
        break;
    }
    if (status >= 300 && status < 400) {
        return "the server answered " + std::to_string(status) +
               " (a redirect, which is not followed: open the URL it points to)";
    }
    return "the server answered HTTP " + std::to_string(status);
}

// What an error answer's body says, as " (the server says: ...)", or "": a JSON object's
// "description" (OGC API and STAC API errors) or "message", else the body's first line of text.
std::string serverExplanation(const std::vector<std::byte>& body) {
    const QByteArray bytes(reinterpret_cast<const char*>(body.data()),
                           static_cast<qsizetype>(std::min<std::size_t>(body.size(), 65536)));
    const QJsonObject object = QJsonDocument::fromJson(bytes).object();
    for (const char* key : {"description", "message"}) {
        const QString value = object.value(QLatin1String(key)).toString();
        if (!value.isEmpty()) {
            return " (the server says: " + value.left(300).toStdString() + ")";
        }
    }
    const std::string line = trimmed(bytes.left(bytes.indexOf('\n')).toStdString());
    if (!object.isEmpty() || line.empty() || line.front() == '<') { // no HTML pages in a message
        return {};
    }
    return " (the server says: " + line.substr(0, 300) + ")";
}

bool retryableStatus(long status) {
    return status >= 500 || status == 429;
}

bool retryableTransport(CURLcode code) {
    switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

} // namespace

struct HttpClient::Request {
    std::string url;
    std::string method; // a custom method (PROPFIND) with `body`; empty: GET or HEAD
    std::string body;
    std::vector<std::string> headers;
    bool head = false;
    bool ranged = false;
    bool explainErrors = false;                   // an error answer's body says why (exchangeJson)
    std::size_t bodyLimit = std::size_t(1) << 30; // of an answer that is not ranged
    std::uint64_t offset = 0;
    std::size_t length = 0;
};

struct HttpClient::Response {
    CURLcode code = CURLE_OK;
    std::string transportError;
    long status = 0;
    std::vector<std::byte> body;
    std::string etag;
    std::string lastModified;
    std::uint64_t contentLength = 0;
    bool hasContentLength = false;
    bool cancelled = false;
    bool overflow = false; // more body than a ranged answer may carry
};

namespace {

struct TransferState {
    std::vector<std::byte>* body;
    std::size_t limit;
    bool* overflow;
    std::atomic<std::uint64_t>* counter;
};

std::size_t writeBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto* state = static_cast<TransferState*>(user);
    const std::size_t bytes = size * count;
    state->counter->fetch_add(bytes, std::memory_order_relaxed);
    // A server that ignores the range sends the whole object: keep what was asked for, then
    // stop the transfer (CURLE_WRITE_ERROR, with `overflow` set so it is not a failure).
    const std::size_t take = std::min(bytes, state->limit - state->body->size());
    const auto* first = reinterpret_cast<const std::byte*>(data);
    state->body->insert(state->body->end(), first, first + take);
    if (take < bytes) {
        *state->overflow = true;
        return 0;
    }
    return bytes;
}

struct HeaderState {
    std::string* etag;
    std::string* lastModified;
};

std::size_t readHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto* state = static_cast<HeaderState*>(user);
    const std::string line(data, size * count);
    if (line.rfind("HTTP/", 0) == 0) { // a new response (after a 100 Continue, say)
        state->etag->clear();
        state->lastModified->clear();
    } else if (headerIs(line, "ETag")) {
        *state->etag = trimmed(line.substr(5));
    } else if (headerIs(line, "Last-Modified")) {
        *state->lastModified = trimmed(line.substr(14));
    }
    return size * count;
}

// The client's own flag (HttpOptions::cancel) and the thread's (RemoteCancel.h).
struct CancelFlags {
    const std::atomic<bool>* options = nullptr;
    CancelFlag scoped;
    bool raised() const {
        return (options != nullptr && options->load()) || (scoped != nullptr && scoped->load());
    }
};

int progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<const CancelFlags*>(user)->raised() ? 1 : 0;
}

} // namespace

HttpClient::HttpClient(HttpOptions options) : m_options(std::move(options)) {
    initialiseCurlOnce();
}

HttpClient::~HttpClient() {
    for (void* handle : m_pool) {
        curl_easy_cleanup(static_cast<CURL*>(handle));
    }
}

void* HttpClient::takeHandle() const {
    {
        std::lock_guard lock(m_poolMutex);
        if (!m_pool.empty()) {
            void* handle = m_pool.back();
            m_pool.pop_back();
            return handle;
        }
    }
    return curl_easy_init();
}

void HttpClient::returnHandle(void* handle) const {
    std::lock_guard lock(m_poolMutex);
    if (m_pool.size() < 8) {
        m_pool.push_back(handle);
        return;
    }
    curl_easy_cleanup(static_cast<CURL*>(handle));
}

HttpClient::Response HttpClient::perform(const Request& request) const {
    Response response;
    CURL* curl = static_cast<CURL*>(takeHandle());
    if (curl == nullptr) {
        response.code = CURLE_FAILED_INIT;
        response.transportError = "libcurl cannot start a transfer";
        return response;
    }
    curl_easy_reset(curl);
    char errorBuffer[CURL_ERROR_SIZE] = {};
    const std::string sent = wireUrl(request.url);
    curl_easy_setopt(curl, CURLOPT_URL, sent.c_str());
    const S3Settings s3 = isS3Url(request.url) ? s3Settings(request.url) : S3Settings{};
    const bool signS3 = !s3.accessKey.empty();
    std::string sigv4;
    if (signS3) {
        sigv4 = "aws:amz:" + s3.region + ":s3";
        curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4.c_str());
        curl_easy_setopt(curl, CURLOPT_USERNAME, s3.accessKey.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, s3.secretKey.c_str());
    }
    if (!m_options.caFile.empty()) {
        curl_easy_setopt(curl, CURLOPT_CAINFO, m_options.caFile.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(m_options.connectTimeout.count()));
    // A stall (no byte for stallTimeout) is a dropped connection.
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME,
                     std::max(1L, static_cast<long>(m_options.stallTimeout.count() / 1000)));
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "Twinbench");
    curl_slist* headers = nullptr;
    std::string authorization;
    if (!m_options.bearerToken.empty()) {
        authorization = "Authorization: Bearer " + m_options.bearerToken;
        headers = curl_slist_append(headers, authorization.c_str());
    }
    std::string range;
    if (request.ranged) {
        range = std::to_string(request.offset) + "-" +
                std::to_string(request.offset + request.length - 1);
        curl_easy_setopt(curl, CURLOPT_RANGE, range.c_str());
    }
    if (signS3) {
        // S3 wants the payload's hash signed too, and libcurl 7.88 does not add it: the
        // SHA-256 of the empty body of GET and HEAD.
        headers = curl_slist_append(headers, "x-amz-content-sha256: "
                                             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca4959"
                                             "91b7852b855");
    }
    for (const std::string& header : request.headers) {
        headers = curl_slist_append(headers, header.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (!request.method.empty()) {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    }
    if (request.head) {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    }
    TransferState transfer{&response.body, request.ranged ? request.length : request.bodyLimit,
                           &response.overflow, &m_bytesReceived};
    if (request.ranged) {
        // A chunk arrives into its final size (no regrowth copies of a 4 MB field) through a
        // 512 KiB receive buffer instead of curl's 16 KiB (a fraction of the write callbacks and
        // recv calls): with OpenSSL's SHA-256 (RemoteReadLog.cpp) this took the median first
        // field of bench_remote_first_frame from 0.136 s to 0.024 s over loopback (both under
        // load; 3.4x -> 0.52x the local file's time, 4.2x -> 0.50x HDF5's ROS3 driver's).
        response.body.reserve(request.length);
    }
    curl_easy_setopt(curl, CURLOPT_BUFFERSIZE, request.ranged ? 512L * 1024L : 16L * 1024L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, writeBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    HeaderState headerState{&response.etag, &response.lastModified};
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, readHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &headerState);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, progress);
    const CancelFlags cancel{m_options.cancel.get(), currentRemoteCancel()};
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &cancel);

    m_requests.fetch_add(1, std::memory_order_relaxed);
    response.code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    curl_off_t length = -1;
    if (curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK &&
        length >= 0) {
        response.contentLength = static_cast<std::uint64_t>(length);
        response.hasContentLength = true;
    }
    response.cancelled = response.code == CURLE_ABORTED_BY_CALLBACK;
    if (response.code != CURLE_OK) {
        response.transportError =
            errorBuffer[0] != '\0' ? std::string(errorBuffer) : curl_easy_strerror(response.code);
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(headers);
    // A handle whose transfer failed may hold a broken connection: do not reuse it.
    if (response.code == CURLE_OK) {
        returnHandle(curl);
    } else {
        curl_easy_cleanup(curl);
    }
    return response;
}

HttpClient::Response HttpClient::performWithRetries(const Request& request) const {
    // Judged on where the request goes; S3 keys are credentials as tokens are.
    const bool sendsCredentials =
        !m_options.bearerToken.empty() ||
        (isS3Url(request.url) && !s3Settings(request.url).accessKey.empty());
    try {
        checkRequestPolicy(wireUrl(request.url), m_options.allowPlainHttp, sendsCredentials);
    } catch (const HttpError& error) {
        throw HttpError(request.url, error.status(), false, error.reason());
    }
    const int attempts = std::max(1, m_options.attempts);
    std::chrono::milliseconds backoff = m_options.firstBackoff;
    const CancelFlags cancel{m_options.cancel.get(), currentRemoteCancel()};
    Response response;
    for (int attempt = 1;; ++attempt) {
        if (cancel.raised()) {
            throw HttpError(request.url, 0, true, "reading was cancelled");
        }
        response = perform(request);
        if (response.cancelled) {
            throw HttpError(request.url, 0, true, "reading was cancelled");
        }
        const bool transportFailed = response.code != CURLE_OK && !response.overflow;
        const bool retry =
            transportFailed ? retryableTransport(response.code) : retryableStatus(response.status);
        if (!retry || attempt >= attempts) {
            break;
        }
        m_retries.fetch_add(1, std::memory_order_relaxed);
        // Sleep in slices so a cancel is honoured during a long backoff.
        const auto until = std::chrono::steady_clock::now() + backoff;
        while (std::chrono::steady_clock::now() < until) {
            if (cancel.raised()) {
                throw HttpError(request.url, 0, true, "reading was cancelled");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        backoff *= 2;
    }
    if (response.code != CURLE_OK && !response.overflow) {
        const std::string tries =
            attempts > 1 ? " (after " + std::to_string(attempts) + " tries)" : "";
        throw HttpError(
            request.url, 0, false,
            "the connection to the server failed" + tries + ": " + response.transportError, true);
    }
    if (response.status >= 500 || response.status == 429) {
        throw HttpError(request.url, response.status, false,
                        "the server kept failing (" + std::to_string(attempts) +
                            " tries, last answer HTTP " + std::to_string(response.status) + ")");
    }
    if (response.status != 200 && response.status != 206 && response.status != 207) {
        std::string reason = statusMeaning(response.status);
        if (request.explainErrors) {
            reason += serverExplanation(response.body);
        }
        throw HttpError(request.url, response.status, false, reason);
    }
    return response;
}

long HttpClient::probe(const std::string& url, HttpObject* object) const {
    Request request;
    request.url = url;
    request.head = true;
    Response response;
    try {
        response = performWithRetries(request);
    } catch (const HttpError& error) {
        if (error.status() >= 300 && error.status() < 500) {
            return error.status();
        }
        throw;
    }
    if (object != nullptr) {
        object->size = response.hasContentLength ? response.contentLength : 0;
        object->etag = response.etag;
        object->lastModified = response.lastModified;
    }
    return response.status;
}

HttpObject HttpClient::stat(const std::string& url) const {
    HttpObject object;
    const long status = probe(url, &object);
    if (status != 200) {
        throw HttpError(url, status, false, statusMeaning(status));
    }
    return object;
}

std::vector<std::byte> HttpClient::getRange(const std::string& url, std::uint64_t offset,
                                            std::size_t length, const HttpObject* expected) const {
    if (length == 0) {
        return {};
    }
    Request request;
    request.url = url;
    request.ranged = true;
    request.offset = offset;
    request.length = length;
    Response response = performWithRetries(request);
    if (response.status == 200 && offset != 0) {
        throw HttpError(url, 200, false,
                        "the server ignores range requests (it sent the whole object for a "
                        "range): Twinbench reads remote files only from servers that honour "
                        "ranges");
    }
    if (expected != nullptr && !expected->etag.empty() && !response.etag.empty() &&
        response.etag != expected->etag) {
        throw HttpError(url, response.status, false,
                        "the object changed on the server while it was read (ETag " +
                            expected->etag + " became " + response.etag + "): open it again");
    }
    if (response.body.size() < length) {
        throw HttpError(url, response.status, false,
                        "the server sent " + std::to_string(response.body.size()) +
                            " bytes of the " + std::to_string(length) + " asked for at offset " +
                            std::to_string(offset) + " (the object is shorter than expected)");
    }
    return std::move(response.body);
}

S3Settings HttpClient::s3Settings(const std::string& url) const {
    if (!m_options.s3.endpoint.empty() || !m_options.s3FromProvider) {
        return m_options.s3;
    }
    try {
        return providedS3Settings().value_or(m_options.s3);
    } catch (const HttpError& error) {
        throw HttpError(url, error.status(), false, error.reason());
    }
}

std::string HttpClient::wireUrl(const std::string& url) const {
    if (!isS3Url(url)) {
        return transferUrl(url);
    }
    const S3Settings s3 = s3Settings(url);
    if (s3.endpoint.empty()) {
        throw HttpError(url, 0, false,
                        "no S3 endpoint is configured for s3:// URLs (File > Open URL > S3 "
                        "Settings, or TWINBENCH_S3_ENDPOINT)");
    }
    std::string endpoint = s3.endpoint;
    while (!endpoint.empty() && endpoint.back() == '/') {
        endpoint.pop_back();
    }
    return endpoint + "/" + url.substr(5); // path style: ENDPOINT/BUCKET/KEY
}

std::string HttpClient::getText(const std::string& url, std::size_t maxBytes) const {
    Request request;
    request.url = url;
    request.bodyLimit = maxBytes;
    const Response response = performWithRetries(request);
    if (response.overflow) {
        throw HttpError(url, response.status, false,
                        "the answer is longer than " + std::to_string(maxBytes) + " bytes");
    }
    return std::string(reinterpret_cast<const char*>(response.body.data()), response.body.size());
}

std::string HttpClient::exchangeJson(const std::string& url, const std::string& jsonBody,
                                     std::size_t maxBytes) const {
    Request request;
    request.url = url;
    request.bodyLimit = maxBytes;
    request.explainErrors = true;
    request.headers = {"Accept: application/geo+json, application/json"};
    if (!jsonBody.empty()) {
        request.method = "POST";
        request.body = jsonBody;
        request.headers.push_back("Content-Type: application/json");
    }
    const Response response = performWithRetries(request);
    if (response.overflow) {
        throw HttpError(url, response.status, false,
                        "the answer is longer than " + std::to_string(maxBytes) + " bytes");
    }
    return std::string(reinterpret_cast<const char*>(response.body.data()), response.body.size());
}

std::string HttpClient::propfind(const std::string& url) const {
    Request request;
    request.url = url;
    request.method = "PROPFIND";
    request.headers = {"Depth: 1", "Content-Type: application/xml; charset=utf-8"};
    request.body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                   "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/>"
                   "<D:getcontentlength/><D:getlastmodified/></D:prop></D:propfind>";
    const Response response = performWithRetries(request);
    if (response.status != 207) {
        throw HttpError(url, response.status, false,
                        "the server answered HTTP " + std::to_string(response.status) +
                            " to a WebDAV folder listing (PROPFIND), not 207 Multi-Status: is "
                            "it a WebDAV folder?");
    }
    return std::string(reinterpret_cast<const char*>(response.body.data()), response.body.size());
}

HttpStatistics HttpClient::statistics() const {
    return HttpStatistics{m_requests.load(), m_bytesReceived.load(), m_retries.load()};
}

} // namespace twins::data::remote
