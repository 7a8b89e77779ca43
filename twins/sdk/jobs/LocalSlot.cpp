#include "twinbench/jobs/LocalSlot.h"

#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <utility>

namespace twins::jobs {

LocalSlot::LocalSlot(int fd, int index, QString path)
    : m_fd(fd), m_index(index), m_path(std::move(path)) {}

LocalSlot::LocalSlot(LocalSlot&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_index(other.m_index), m_path(std::move(other.m_path)) {
}

LocalSlot& LocalSlot::operator=(LocalSlot&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = std::exchange(other.m_fd, -1);
        m_index = other.m_index;
        m_path = std::move(other.m_path);
    }
    return *this;
}

LocalSlot::~LocalSlot() {
    if (m_fd >= 0) {
        ::close(m_fd); // releases the flock
    }
}

std::optional<LocalSlot> LocalSlot::tryAcquire(const QString& directory, int maxSlots) {
    if (!QDir().mkpath(directory)) {
        throw sdk::SdkError(directory, QStringLiteral("cannot create the local slot directory"));
    }
    for (int index = 0; index < maxSlots; ++index) {
        const QString path = QDir(directory).filePath(QStringLiteral("slot-%1.lock").arg(index));
        // O_CLOEXEC: a program the action starts must not inherit (and so keep) the slot.
        const int fd =
            ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) {
            throw sdk::SdkError(path, QStringLiteral("cannot open local slot lock file: %1")
                                          .arg(QString::fromLocal8Bit(std::strerror(errno))));
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            return LocalSlot(fd, index, path);
        }
        const int error = errno;
        ::close(fd);
        if (error != EWOULDBLOCK && error != EINTR) {
            throw sdk::SdkError(path, QStringLiteral("cannot lock local slot: %1")
                                          .arg(QString::fromLocal8Bit(std::strerror(error))));
        }
    }
    return std::nullopt;
}

} // namespace twins::jobs
