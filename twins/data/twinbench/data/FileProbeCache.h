#pragma once

#include <QString>
#include <QtGlobal>

namespace twins::data {

// What identifies a file's content for FileProbe without reading it: the canonical path, the
// size and the modification time in nanoseconds. For a directory (a Zarr store): the number of
// files below it, their total size and the newest modification time among them.
struct FileIdentity {
    QString path; // canonical; empty when the path does not exist
    qint64 size = 0;
    qint64 files = 1;
    qint64 modifiedNs = 0;

    bool operator==(const FileIdentity&) const = default;
};

FileIdentity identifyFile(const QString& path);

// The files FileProbe has probed without a crash or hang, in a JSON file shared by every
// Twinbench process (writes are atomic and serialised by a lock file beside it). Keeps the
// newest maxEntries files. Files that crashed are not remembered: they are probed again (a
// probe killed by something else, e.g. the out-of-memory killer, must not brand a file).
class FileProbeCache {
public:
    static constexpr int maxEntries = 5000;

    explicit FileProbeCache(QString file) : m_file(std::move(file)) {}

    // True when exactly this identity (same path, size, files and mtime) passed a probe.
    bool isKnownGood(const FileIdentity& identity) const;
    // Remembers that `identity` passed, replacing whatever was remembered for the same path. A
    // cache that cannot be written is not an error: the file is probed again next time.
    void rememberGood(const FileIdentity& identity) const;

private:
    QString m_file;
};

} // namespace twins::data
