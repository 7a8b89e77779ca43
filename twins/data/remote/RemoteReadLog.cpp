#include "twinbench/data/remote/RemoteReadLog.h"

#include "twinbench/data/remote/RemoteOffline.h"
#include "twinbench/data/remote/RemoteUrl.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <map>
#include <mutex>
#include <openssl/evp.h>

namespace twins::data::remote {

namespace {

struct ObjectReads {
    std::string url;
    HttpObject object;
    std::uint64_t fetched = 0;
    std::uint64_t fromCache = 0;
    std::map<std::uint64_t, std::pair<std::uint64_t, std::string>> ranges; // offset -> len, hash
};

struct Log {
    std::mutex mutex;
    std::vector<ObjectReads> objects;
};

Log& log() {
    static Log instance;
    return instance;
}

// OpenSSL's SHA-256 (SHA-NI where the CPU has it): every range read is hashed for provenance,
// and Qt's portable SHA-256 took ~25 ms of a 4 MB chunk's ~45 ms over loopback (measured with
// bench_remote_first_frame's child; OpenSSL ~6 ms).
std::string sha256Hex(const std::byte* data, std::size_t size) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data, size, digest, &length, EVP_sha256(), nullptr) != 1) {
        return QCryptographicHash::hash(QByteArrayView(reinterpret_cast<const char*>(data),
                                                       static_cast<qsizetype>(size)),
                                        QCryptographicHash::Sha256)
            .toHex()
            .toStdString();
    }
    return QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length))
        .toHex()
        .toStdString();
}

std::string
manifestSha256(const std::map<std::uint64_t, std::pair<std::uint64_t, std::string>>& ranges) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const auto& [offset, range] : ranges) {
        hash.addData(QByteArray::fromStdString(std::to_string(offset) + " " +
                                               std::to_string(range.first) + " " + range.second +
                                               "\n"));
    }
    return hash.result().toHex().toStdString();
}

QJsonObject typed(const QString& value, const char* type) {
    return QJsonObject{{QStringLiteral("$"), value}, {QStringLiteral("type"), QLatin1String(type)}};
}

} // namespace

void noteRemoteRead(const std::string& url, const HttpObject& object, std::uint64_t offset,
                    const std::vector<std::byte>& bytes, bool fromCache) {
    if (bytes.empty()) {
        return;
    }
    const std::string hash = sha256Hex(bytes.data(), bytes.size()); // outside the lock
    Log& shared = log();
    std::lock_guard lock(shared.mutex);
    ObjectReads* reads = nullptr;
    for (ObjectReads& candidate : shared.objects) {
        if (candidate.url == url && candidate.object.etag == object.etag &&
            candidate.object.size == object.size) {
            reads = &candidate;
        }
    }
    if (reads == nullptr) {
        shared.objects.push_back(ObjectReads{url, object, 0, 0, {}});
        reads = &shared.objects.back();
    }
    (fromCache ? reads->fromCache : reads->fetched) += bytes.size();
    reads->ranges.emplace(offset, std::make_pair(std::uint64_t(bytes.size()), hash));
}

std::vector<RemoteReadRecord> remoteReadRecords() {
    Log& shared = log();
    std::lock_guard lock(shared.mutex);
    std::vector<RemoteReadRecord> records;
    for (const ObjectReads& reads : shared.objects) {
        RemoteReadRecord record;
        record.url = urlForRecords(reads.url);
        record.object = reads.object;
        record.bytesFetched = reads.fetched;
        record.bytesFromCache = reads.fromCache;
        for (const auto& [offset, range] : reads.ranges) {
            record.ranges.emplace_back(offset, range.first);
        }
        record.rangesSha256 = manifestSha256(reads.ranges);
        records.push_back(std::move(record));
    }
    return records;
}

std::string rangesManifestSha256(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& ranges,
                                 const std::vector<std::byte>& content) {
    std::map<std::uint64_t, std::pair<std::uint64_t, std::string>> manifest;
    for (const auto& [offset, length] : ranges) {
        const std::size_t begin =
            static_cast<std::size_t>(std::min<std::uint64_t>(offset, content.size()));
        const std::size_t size =
            static_cast<std::size_t>(std::min<std::uint64_t>(length, content.size() - begin));
        manifest.emplace(offset, std::make_pair(length, sha256Hex(content.data() + begin, size)));
    }
    return manifestSha256(manifest);
}

namespace {

bool readFromSources(const std::string& recordUrl, const std::vector<std::string>& sources) {
    if (sources.empty()) {
        return true;
    }
    for (const std::string& source : sources) {
        if (recordedUnder(recordUrl, source)) {
            return true;
        }
    }
    return false;
}

} // namespace

std::string remoteReadProvenanceJson(const std::string& activity, const std::string& product,
                                     const std::vector<std::string>& sources) {
    const QString productPath = QFileInfo(QString::fromStdString(product)).absoluteFilePath();
    QString productHash;
    QFile file(productPath);
    if (file.open(QIODevice::ReadOnly)) {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        productHash = QString::fromLatin1(hash.result().toHex());
    }
    const QString activityId =
        QStringLiteral("twinbench:activity/") + QString::fromStdString(activity);
    const QString productId = QStringLiteral("file:") +
                              QString::fromLatin1(QUrl::toPercentEncoding(productPath, "/-._~"));
    QJsonObject entities;
    entities.insert(
        productId,
        QJsonObject{{QStringLiteral("prov:type"), typed("twinbench:File", "prov:QUALIFIED_NAME")},
                    {QStringLiteral("prov:label"), QFileInfo(productPath).fileName()},
                    {QStringLiteral("twinbench:sha256"), productHash},
                    {QStringLiteral("twinbench:byteSize"),
                     typed(QString::number(QFileInfo(productPath).size()), "xsd:long")}});
    QJsonObject used;
    int relation = 0;
    for (const RemoteReadRecord& record : remoteReadRecords()) {
        if (!readFromSources(record.url, sources)) {
            continue;
        }
        const QString url = QString::fromStdString(record.url);
        const QString id = QStringLiteral("twinbench:remote/") +
                           QString::fromLatin1(QUrl::toPercentEncoding(url, "/-._~"));
        QJsonArray ranges;
        for (const auto& [offset, length] : record.ranges) {
            ranges.append(QJsonArray{static_cast<qint64>(offset), static_cast<qint64>(length)});
        }
        QJsonObject entity{
            {QStringLiteral("prov:type"), typed("twinbench:RemoteObject", "prov:QUALIFIED_NAME")},
            {QStringLiteral("prov:location"), typed(url, "xsd:anyURI")},
            {QStringLiteral("twinbench:byteSize"),
             typed(QString::number(record.object.size), "xsd:long")},
            {QStringLiteral("twinbench:bytesFetched"),
             typed(QString::number(record.bytesFetched), "xsd:long")},
            {QStringLiteral("twinbench:bytesFromCache"),
             typed(QString::number(record.bytesFromCache), "xsd:long")},
            {QStringLiteral("twinbench:rangesRead"), ranges},
            {QStringLiteral("twinbench:rangesSha256"), QString::fromStdString(record.rangesSha256)},
            {QStringLiteral("twinbench:rangesSha256Is"),
             QStringLiteral("SHA-256 of the lines 'OFFSET LENGTH SHA256\\n' of the ranges read, "
                            "in offset order")},
            {QStringLiteral("twinbench:fetchedWhole"), false}};
        if (!record.object.etag.empty()) {
            entity.insert(QStringLiteral("twinbench:etag"),
                          QString::fromStdString(record.object.etag));
        }
        if (!record.object.lastModified.empty()) {
            entity.insert(QStringLiteral("twinbench:lastModified"),
                          QString::fromStdString(record.object.lastModified));
        }
        // Read offline, from the cache: the version the server last confirmed, and when.
        for (const OfflineCopy& copy : offlineCopies()) {
            if (copy.url == record.url) {
                entity.insert(QStringLiteral("twinbench:readOffline"), true);
                entity.insert(QStringLiteral("twinbench:versionLastConfirmed"),
                              QString::fromStdString(utcText(copy.confirmedAt)));
            }
        }
        entities.insert(id, entity);
        used.insert(QStringLiteral("_:used%1").arg(++relation),
                    QJsonObject{{QStringLiteral("prov:activity"), activityId},
                                {QStringLiteral("prov:entity"), id}});
    }
    QJsonObject document{
        {QStringLiteral("prefix"),
         QJsonObject{{QStringLiteral("twinbench"), QStringLiteral("urn:twinbench:prov#")},
                     {QStringLiteral("file"), QStringLiteral("file://")}}},
        {QStringLiteral("activity"),
         QJsonObject{{activityId, QJsonObject{{QStringLiteral("prov:label"),
                                               QString::fromStdString(activity)}}}}},
        {QStringLiteral("entity"), entities},
        {QStringLiteral("used"), used},
        {QStringLiteral("wasGeneratedBy"),
         QJsonObject{{QStringLiteral("_:generation1"),
                      QJsonObject{{QStringLiteral("prov:entity"), productId},
                                  {QStringLiteral("prov:activity"), activityId}}}}}};
    return QJsonDocument(document).toJson(QJsonDocument::Indented).toStdString();
}

} // namespace twins::data::remote
