#pragma once

#include <QString>

namespace twins::jobs {

// A few kilobytes of disk held in the run directory while a job runs, given back just before the
// job records its final state. A run that fills the disk (or shares it with something that
// does) must still be able to say that it failed and why: status.json is replaced atomically
// (a new file, then a rename) and the log grows, and both need free blocks. Without the reserve
// the job ended without a final word and the executor could only report that the worker
// "ended without reporting a result". Creating the reserve is best effort: a disk already full
// when the job starts fails the job in its first status write, which is reported as usual.
class SpaceReserve {
public:
    SpaceReserve(QString path, qint64 bytes);
    ~SpaceReserve();
    SpaceReserve(const SpaceReserve&) = delete;
    SpaceReserve& operator=(const SpaceReserve&) = delete;

    bool held() const { return m_held; }
    // Deletes the file (its blocks are free again); later calls do nothing.
    void release();

private:
    QString m_path;
    bool m_held = false;
};

} // namespace twins::jobs
