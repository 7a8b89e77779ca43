#include "twinbench/data/remote/RemoteOffline.h"

#include "twinbench/data/remote/RemoteUrl.h"

#include <QDateTime>

#include <mutex>

namespace twins::data::remote {

namespace {

struct Copies {
    std::mutex mutex;
    std::vector<OfflineCopy> copies;
};

Copies& copies() {
    static Copies instance;
    return instance;
}

} // namespace

void noteOfflineCopy(const std::string& url, const HttpObject& object, std::int64_t confirmedAt,
                     const std::string& reason) {
    Copies& shared = copies();
    std::lock_guard lock(shared.mutex);
    const std::string recorded = urlForRecords(url);
    for (const OfflineCopy& copy : shared.copies) {
        if (copy.url == recorded) {
            return;
        }
    }
    shared.copies.push_back({recorded, object, confirmedAt, reason});
}

std::vector<OfflineCopy> offlineCopies() {
    Copies& shared = copies();
    std::lock_guard lock(shared.mutex);
    return shared.copies;
}

std::string utcText(std::int64_t secondsSinceEpoch) {
    return QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, Qt::UTC)
               .toString(QStringLiteral("yyyy-MM-dd HH:mm"))
               .toStdString() +
           " UTC";
}

std::string offlineNotice(const std::string& url) {
    for (const OfflineCopy& copy : offlineCopies()) {
        if (recordedUnder(copy.url, url)) {
            const std::string version = !copy.object.etag.empty()
                                            ? "ETag " + copy.object.etag
                                            : "Last-Modified " + copy.object.lastModified;
            return "Offline: " + urlForRecords(url) +
                   " cannot be reached, so this is the copy in the cache (" + version +
                   ", last confirmed by the server " + utcText(copy.confirmedAt) +
                   "); only what was read before can be shown";
        }
    }
    return {};
}

} // namespace twins::data::remote
