#pragma once

#include <QString>

#include <optional>

namespace twins::jobs {

// One of the N slots of the local executor's concurrency limit: an exclusive flock() on
// DIR/slot-<i>.lock, held for as long as this object lives. The kernel drops a flock when the
// process holding it dies, however it dies (crash, SIGKILL, OOM killer), so a crashed job can
// never leak a slot and no clean-up pass is needed.
class LocalSlot {
public:
    // Creates DIR and the lock files as needed, then tries slot-0 .. slot-(maxSlots-1) without
    // blocking. Returns nullopt when every slot is held. Throws SdkError naming the file when a
    // lock file cannot be created or opened.
    static std::optional<LocalSlot> tryAcquire(const QString& directory, int maxSlots);

    LocalSlot(LocalSlot&& other) noexcept;
    LocalSlot& operator=(LocalSlot&& other) noexcept;
    LocalSlot(const LocalSlot&) = delete;
    LocalSlot& operator=(const LocalSlot&) = delete;
    ~LocalSlot();

    int index() const { return m_index; }
    const QString& path() const { return m_path; }

private:
    LocalSlot(int fd, int index, QString path);

    int m_fd = -1;
    int m_index = -1;
    QString m_path;
};

} // namespace twins::jobs
