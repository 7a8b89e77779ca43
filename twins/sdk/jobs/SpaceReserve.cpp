#include "twinbench/jobs/SpaceReserve.h"

#include <QFile>

#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace twins::jobs {

SpaceReserve::SpaceReserve(QString path, qint64 bytes) : m_path(std::move(path)) {
    const QByteArray name = QFile::encodeName(m_path);
    const int descriptor = ::open(name.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (descriptor < 0) {
        return;
    }
    // Written, not only sized: a sparse file (ftruncate) holds no blocks to give back.
    const std::vector<char> zeros(static_cast<std::size_t>(bytes), 0);
    const bool written =
        ::write(descriptor, zeros.data(), zeros.size()) == static_cast<ssize_t>(zeros.size()) &&
        ::fsync(descriptor) == 0;
    ::close(descriptor);
    if (written) {
        m_held = true;
    } else {
        ::unlink(name.constData());
    }
}

SpaceReserve::~SpaceReserve() {
    release();
}

void SpaceReserve::release() {
    if (m_held) {
        ::unlink(QFile::encodeName(m_path).constData());
        m_held = false;
    }
}

} // namespace twins::jobs
