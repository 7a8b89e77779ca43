#include "twinbench/insitu/LiveEndpoint.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace twins::insitu {

namespace {

// One connection attempt to one address, bounded by timeoutMs; empty when accepted.
QString tryConnect(const addrinfo& address, int timeoutMs) {
    const int socket = ::socket(
        address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, address.ai_protocol);
    if (socket < 0) {
        return QString::fromLocal8Bit(std::strerror(errno));
    }
    QString problem;
    if (::connect(socket, address.ai_addr, address.ai_addrlen) != 0) {
        if (errno != EINPROGRESS) {
            problem = QString::fromLocal8Bit(std::strerror(errno));
        } else {
            pollfd waiting{socket, POLLOUT, 0};
            const int ready = ::poll(&waiting, 1, timeoutMs);
            int error = 0;
            socklen_t length = sizeof error;
            if (ready == 0) {
                problem = QStringLiteral("no answer within %1 s").arg(timeoutMs / 1000.0);
            } else if (ready < 0 ||
                       ::getsockopt(socket, SOL_SOCKET, SO_ERROR, &error, &length) != 0) {
                problem = QString::fromLocal8Bit(std::strerror(errno));
            } else if (error != 0) {
                problem = QString::fromLocal8Bit(std::strerror(error));
            }
        }
    }
    ::close(socket);
    return problem;
}

} // namespace

QString liveEndpointProblem(const QString& hostPort, int timeoutMs) {
    // HOST:PORT, HOST may be a bracketed IPv6 address ([::1]:22222).
    const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
    QString host = hostPort.left(colon);
    const QString port = hostPort.mid(colon + 1);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
    }
    bool numeric = false;
    const int portNumber = port.toInt(&numeric);
    if (colon <= 0 || !numeric || portNumber <= 0 || portNumber > 65535) {
        return QStringLiteral("not HOST:PORT");
    }
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* addresses = nullptr;
    if (const int status = ::getaddrinfo(host.toLocal8Bit().constData(),
                                         port.toLocal8Bit().constData(), &hints, &addresses);
        status != 0) {
        return QStringLiteral("host '%1': %2")
            .arg(host, QString::fromLocal8Bit(gai_strerror(status)));
    }
    QString problem = QStringLiteral("no address");
    for (const addrinfo* address = addresses; address != nullptr; address = address->ai_next) {
        problem = tryConnect(*address, timeoutMs);
        if (problem.isEmpty()) {
            break;
        }
    }
    ::freeaddrinfo(addresses);
    return problem;
}

} // namespace twins::insitu
