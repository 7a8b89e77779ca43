#include "twinbench/data/FileProbeCache.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>

#include <algorithm>
#include <mutex>
#include <sys/stat.h>

namespace twins::data {

namespace {

// Serialises this process's threads; the lock file serialises processes.
std::mutex cacheMutex;

bool statFile(const QString& path, qint64& size, qint64& modifiedNs) {
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0) {
        return false;
    }
    size = static_cast<qint64>(info.st_size);
    modifiedNs = static_cast<qint64>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
    return true;
}

QJsonObject readEntries(const QString& file) {
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(input.readAll()).object();
}

bool sameIdentity(const QJsonObject& entry, const FileIdentity& identity) {
    return entry.value(QStringLiteral("path")).toString() == identity.path &&
           entry.value(QStringLiteral("size")).toInteger(-1) == identity.size &&
           entry.value(QStringLiteral("files")).toInteger(-1) == identity.files &&
           entry.value(QStringLiteral("modified_ns")).toInteger(-1) == identity.modifiedNs;
}

} // namespace

FileIdentity identifyFile(const QString& path) {
    FileIdentity identity;
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    if (canonical.isEmpty()) {
        return identity;
    }
    if (!info.isDir()) {
        if (statFile(canonical, identity.size, identity.modifiedNs)) {
            identity.path = canonical;
        }
        return identity;
    }
    identity.files = 0;
    QDirIterator walk(canonical, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                      QDirIterator::Subdirectories);
    while (walk.hasNext()) {
        qint64 size = 0;
        qint64 modifiedNs = 0;
        if (statFile(walk.next(), size, modifiedNs)) {
            ++identity.files;
            identity.size += size;
            identity.modifiedNs = std::max(identity.modifiedNs, modifiedNs);
        }
    }
    identity.path = canonical;
    return identity;
}

bool FileProbeCache::isKnownGood(const FileIdentity& identity) const {
    if (identity.path.isEmpty()) {
        return false;
    }
    std::lock_guard guard(cacheMutex);
    const QJsonArray entries = readEntries(m_file).value(QStringLiteral("files")).toArray();
    return std::any_of(entries.begin(), entries.end(), [&](const QJsonValue& value) {
        return sameIdentity(value.toObject(), identity);
    });
}

void FileProbeCache::rememberGood(const FileIdentity& identity) const {
    if (identity.path.isEmpty()) {
        return;
    }
    std::lock_guard guard(cacheMutex);
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QLockFile lock(m_file + QStringLiteral(".lock"));
    if (!lock.tryLock(5000)) {
        return;
    }
    QJsonArray kept;
    for (const QJsonValue& value : readEntries(m_file).value(QStringLiteral("files")).toArray()) {
        if (value.toObject().value(QStringLiteral("path")).toString() != identity.path) {
            kept.append(value);
        }
    }
    kept.append(QJsonObject{{QStringLiteral("path"), identity.path},
                            {QStringLiteral("size"), identity.size},
                            {QStringLiteral("files"), identity.files},
                            {QStringLiteral("modified_ns"), identity.modifiedNs},
                            {QStringLiteral("probed_at"),
                             QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}});
    while (kept.size() > maxEntries) {
        kept.removeFirst(); // oldest first
    }
    QSaveFile output(m_file);
    if (output.open(QIODevice::WriteOnly)) {
        output.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                               {QStringLiteral("files"), kept}})
                         .toJson(QJsonDocument::Compact));
        output.commit();
    }
}

} // namespace twins::data
