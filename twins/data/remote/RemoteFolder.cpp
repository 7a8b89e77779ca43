#include "twinbench/data/remote/RemoteFolder.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/remote/RemoteUrl.h"

#include <QUrl>
#include <QXmlStreamReader>

#include <algorithm>

namespace twins::data::remote {

namespace {

struct ListPage {
    std::vector<DavEntry> entries;
    std::string nextToken; // empty: the last page
};

// One ListBucketResult page: <Contents><Key/><Size/><LastModified/></Contents> and
// <CommonPrefixes><Prefix/></CommonPrefixes>, in S3's namespace or none (some servers).
ListPage parseListing(const std::string& body, const std::string& bucketUrl,
                      const std::string& prefix, const std::string& url) {
    QXmlStreamReader xml(QByteArray::fromStdString(body));
    ListPage page;
    bool sawResult = false;
    bool truncated = false;
    DavEntry current;
    bool inContents = false;
    bool inPrefixes = false;
    while (!xml.atEnd()) {
        xml.readNext();
        const QStringView name = xml.name();
        if (xml.isEndElement()) {
            if ((name == QLatin1String("Contents") && inContents) ||
                (name == QLatin1String("CommonPrefixes") && inPrefixes)) {
                if (!current.name.empty()) {
                    page.entries.push_back(current);
                }
                current = DavEntry{};
                inContents = inPrefixes = false;
            }
            continue;
        }
        if (!xml.isStartElement()) {
            continue;
        }
        if (name == QLatin1String("ListBucketResult")) {
            sawResult = true;
        } else if (name == QLatin1String("Contents")) {
            inContents = true;
        } else if (name == QLatin1String("CommonPrefixes")) {
            inPrefixes = true;
            current.folder = true;
        } else if ((name == QLatin1String("Key") && inContents) ||
                   (name == QLatin1String("Prefix") && inPrefixes)) {
            const std::string key = xml.readElementText().toStdString();
            std::string rest = key.substr(std::min(prefix.size(), key.size()));
            while (!rest.empty() && rest.back() == '/') {
                rest.pop_back();
            }
            current.name = rest;
            current.url =
                bucketUrl +
                QString::fromStdString(key).toUtf8().toPercentEncoding("/-._~").toStdString();
        } else if (name == QLatin1String("Size") && inContents) {
            current.size = xml.readElementText().toULongLong();
        } else if (name == QLatin1String("LastModified") && inContents) {
            current.lastModified = xml.readElementText().toStdString();
        } else if (name == QLatin1String("IsTruncated")) {
            truncated = xml.readElementText().trimmed() == QLatin1String("true");
        } else if (name == QLatin1String("NextContinuationToken")) {
            page.nextToken = xml.readElementText().toStdString();
        }
    }
    if (xml.hasError() || !sawResult) {
        throw DataError(url, "", "the S3 listing is not a ListBucketResult document");
    }
    if (!truncated) {
        page.nextToken.clear();
    }
    return page;
}

std::string queryValue(const std::string& text) {
    return QByteArray::fromStdString(text).toPercentEncoding("-._~").toStdString();
}

} // namespace

std::vector<DavEntry> listS3Folder(const HttpClient& client, std::string folderUrl) {
    if (folderUrl.empty() || folderUrl.back() != '/') {
        folderUrl += '/';
    }
    // s3://BUCKET/PREFIX/ -> BUCKET, PREFIX/ (no prefix at the bucket's top).
    const std::string path = folderUrl.substr(5);
    const std::size_t slash = path.find('/');
    const std::string bucket = path.substr(0, slash);
    const std::string prefix =
        QUrl::fromPercentEncoding(QByteArray::fromStdString(path.substr(slash + 1))).toStdString();
    const std::string bucketUrl = "s3://" + bucket + "/";
    std::vector<DavEntry> entries;
    std::string token;
    for (int pages = 0; pages < 1000; ++pages) {
        std::string url = bucketUrl + "?list-type=2&delimiter=%2F&prefix=" + queryValue(prefix);
        if (!token.empty()) {
            url += "&continuation-token=" + queryValue(token);
        }
        ListPage page = parseListing(client.getText(url), bucketUrl, prefix, folderUrl);
        for (DavEntry& entry : page.entries) {
            if (!entry.name.empty()) {
                entries.push_back(std::move(entry));
            }
        }
        token = page.nextToken;
        if (token.empty()) {
            break;
        }
    }
    std::sort(entries.begin(), entries.end(), [](const DavEntry& a, const DavEntry& b) {
        return a.folder != b.folder ? a.folder : a.name < b.name;
    });
    return entries;
}

std::vector<DavEntry> listRemoteFolder(const HttpClient& client, const std::string& folderUrl) {
    return isS3Url(folderUrl) ? listS3Folder(client, folderUrl) : listDavFolder(client, folderUrl);
}

} // namespace twins::data::remote
