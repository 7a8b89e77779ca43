#include "twinbench/federation/DetachedProcess.h"

#include "twinbench/federation/FederationError.h"

#include <QByteArray>
#include <QList>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace twins::federation {

namespace {

// Reads exactly `size` bytes unless the other end closes first; returns the count read.
ssize_t readFully(int fd, void* buffer, size_t size) {
    size_t done = 0;
    while (done < size) {
        const ssize_t got = ::read(fd, static_cast<char*>(buffer) + done, size - done);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        done += static_cast<size_t>(got);
    }
    return static_cast<ssize_t>(done);
}

void writeFully(int fd, const void* buffer, size_t size) {
    // Only async-signal-safe calls are allowed between fork and exec: plain write(2).
    size_t done = 0;
    while (done < size) {
        const ssize_t put = ::write(fd, static_cast<const char*>(buffer) + done, size - done);
        if (put < 0 && errno == EINTR) {
            continue;
        }
        if (put <= 0) {
            return;
        }
        done += static_cast<size_t>(put);
    }
}

} // namespace

pid_t startDetachedProcess(const QString& program, const QStringList& arguments,
                           const QString& workingDirectory, const QString& outputPath) {
    // Everything the children need is prepared before fork: after fork in a multi-threaded
    // process only async-signal-safe functions may run (no allocation, no Qt).
    QList<QByteArray> argumentBytes;
    argumentBytes << program.toLocal8Bit();
    for (const QString& argument : arguments) {
        argumentBytes << argument.toLocal8Bit();
    }
    std::vector<char*> argv;
    for (QByteArray& bytes : argumentBytes) {
        argv.push_back(bytes.data());
    }
    argv.push_back(nullptr);
    const QByteArray directory = workingDirectory.toLocal8Bit();

    const int output = ::open(outputPath.toLocal8Bit().constData(),
                              O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (output < 0) {
        throw FederationError(QStringLiteral("cannot open %1 for the worker's output: %2")
                                  .arg(outputPath, QString::fromLocal8Bit(std::strerror(errno))));
    }
    // pidPipe carries the grandchild's pid; errorPipe carries errno if exec fails and is closed
    // by a successful exec (O_CLOEXEC), which is how the caller learns the outcome.
    int pidPipe[2];
    int errorPipe[2];
    if (::pipe2(pidPipe, O_CLOEXEC) != 0) {
        ::close(output);
        throw FederationError(QStringLiteral("cannot create a pipe to start %1").arg(program));
    }
    if (::pipe2(errorPipe, O_CLOEXEC) != 0) {
        ::close(output);
        ::close(pidPipe[0]);
        ::close(pidPipe[1]);
        throw FederationError(QStringLiteral("cannot create a pipe to start %1").arg(program));
    }

    const pid_t child = ::fork();
    if (child < 0) {
        const int error = errno;
        for (int fd : {output, pidPipe[0], pidPipe[1], errorPipe[0], errorPipe[1]}) {
            ::close(fd);
        }
        throw FederationError(QStringLiteral("cannot fork to start %1: %2")
                                  .arg(program, QString::fromLocal8Bit(std::strerror(error))));
    }
    if (child == 0) {
        const pid_t grandchild = ::fork();
        if (grandchild == 0) {
            // The program leads its own session and process group (pgid == pid), so a cancel
            // can signal it together with anything it started.
            ::setsid();
            const int input = ::open("/dev/null", O_RDONLY);
            ::dup2(input, STDIN_FILENO);
            ::dup2(output, STDOUT_FILENO);
            ::dup2(output, STDERR_FILENO);
            // Every other descriptor closes on exec; errorPipe[1] is among them on purpose.
            ::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
            int error = 0;
            if (!directory.isEmpty() && ::chdir(directory.constData()) != 0) {
                error = errno;
            } else {
                ::execv(argv[0], argv.data());
                error = errno;
            }
            writeFully(errorPipe[1], &error, sizeof error);
            ::_exit(127);
        }
        writeFully(pidPipe[1], &grandchild, sizeof grandchild);
        ::_exit(grandchild > 0 ? 0 : 1);
    }

    ::close(output);
    ::close(pidPipe[1]);
    ::close(errorPipe[1]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    pid_t grandchild = -1;
    const ssize_t pidBytes = readFully(pidPipe[0], &grandchild, sizeof grandchild);
    ::close(pidPipe[0]);
    int execError = 0;
    const ssize_t errorBytes = readFully(errorPipe[0], &execError, sizeof execError);
    ::close(errorPipe[0]);
    if (pidBytes != sizeof grandchild || grandchild <= 0) {
        throw FederationError(QStringLiteral("cannot fork to start %1").arg(program));
    }
    if (errorBytes == sizeof execError) {
        throw FederationError(QStringLiteral("cannot execute %1: %2")
                                  .arg(program, QString::fromLocal8Bit(std::strerror(execError))));
    }
    return grandchild;
}

} // namespace twins::federation
