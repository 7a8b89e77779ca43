#include "twinbench/data/remote/DavFolder.h"

#include "twinbench/data/DataError.h"

#include <QUrl>
#include <QXmlStreamReader>

#include <algorithm>

namespace twins::data::remote {

namespace {

constexpr char davNamespace[] = "DAV:";

struct Response {
    QString href;
    bool collection = false;
    std::uint64_t size = 0;
    QString lastModified;
};

// The <D:response> elements of a multistatus body; properties from any propstat (the server
// puts missing ones under a 404 propstat, which carry no text).
std::vector<Response> parseMultistatus(const std::string& body, const std::string& url) {
    QXmlStreamReader xml(QByteArray::fromStdString(body));
    std::vector<Response> responses;
    bool sawMultistatus = false;
    Response* current = nullptr;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement() || xml.namespaceUri() != QLatin1String(davNamespace)) {
            continue;
        }
        const QStringView name = xml.name();
        if (name == QLatin1String("multistatus")) {
            sawMultistatus = true;
        } else if (name == QLatin1String("response")) {
            responses.emplace_back();
            current = &responses.back();
        } else if (current == nullptr) {
            continue;
        } else if (name == QLatin1String("href")) {
            current->href = xml.readElementText().trimmed();
        } else if (name == QLatin1String("collection")) {
            current->collection = true;
        } else if (name == QLatin1String("getcontentlength")) {
            current->size = xml.readElementText().trimmed().toULongLong();
        } else if (name == QLatin1String("getlastmodified")) {
            current->lastModified = xml.readElementText().trimmed();
        }
    }
    if (xml.hasError() || !sawMultistatus) {
        throw DataError(
            url, "",
            "the WebDAV folder listing is not a multistatus document" +
                (xml.hasError() ? " (" + xml.errorString().toStdString() + ")" : std::string()));
    }
    return responses;
}

} // namespace

std::vector<DavEntry> listDavFolder(const HttpClient& client, std::string folderUrl) {
    if (folderUrl.empty() || folderUrl.back() != '/') {
        folderUrl += '/';
    }
    const std::vector<Response> responses = parseMultistatus(client.propfind(folderUrl), folderUrl);
    // hrefs are absolute paths (or absolute URLs): resolved against the folder's URL, whose
    // scheme (dav, davs) the entries keep.
    const QUrl folder(QString::fromStdString(folderUrl));
    std::vector<DavEntry> entries;
    for (const Response& response : responses) {
        const QUrl resolved = folder.resolved(QUrl(response.href));
        if (resolved.path(QUrl::FullyDecoded) == folder.path(QUrl::FullyDecoded) ||
            resolved.path(QUrl::FullyDecoded) + '/' == folder.path(QUrl::FullyDecoded)) {
            continue; // the folder itself
        }
        QUrl url = folder;
        url.setPath(resolved.path(QUrl::FullyEncoded), QUrl::TolerantMode);
        QString path = resolved.path(QUrl::FullyDecoded);
        while (path.endsWith('/')) {
            path.chop(1);
        }
        DavEntry entry;
        entry.name = path.section('/', -1).toStdString();
        entry.url = url.toString(QUrl::FullyEncoded).toStdString();
        entry.folder = response.collection;
        entry.size = response.collection ? 0 : response.size;
        entry.lastModified = response.lastModified.toStdString();
        entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(), [](const DavEntry& a, const DavEntry& b) {
        return a.folder != b.folder ? a.folder : a.name < b.name;
    });
    return entries;
}

} // namespace twins::data::remote
