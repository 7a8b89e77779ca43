#include "twinbench/sdk/AtomicFile.h"

#include "twinbench/sdk/TwinFileError.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace twins::sdk {

namespace {

std::string systemReason(int error) {
    return std::strerror(error);
}

// Closes a descriptor on every path out of a scope.
class Descriptor {
public:
    explicit Descriptor(int fd) : m_fd(fd) {}
    ~Descriptor() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return m_fd; }
    // close() reports deferred write errors (NFS): they must not be lost.
    int release() {
        const int result = ::close(m_fd);
        m_fd = -1;
        return result;
    }

private:
    int m_fd;
};

// "<dir>/.<name>.<pid>.<n>.part": hidden, in the target's directory, unique per process and
// call. Created with open(O_EXCL, 0666) rather than mkstemp (0600), so the process's umask
// applies as to any file the worker writes (the GUI and other users of a shared cluster read
// outputs), without changing the umask, which other threads may be using.
std::string createTemporary(const std::string& path, int* fd) {
    static std::atomic<unsigned> counter{0};
    const std::filesystem::path target(path);
    const std::filesystem::path directory =
        target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::string name =
            (directory / ("." + target.filename().string() + "." + std::to_string(::getpid()) +
                          "." + std::to_string(counter++) + ".part"))
                .string();
        *fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (*fd >= 0) {
            return name;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    throw TwinFileError(path, "cannot create a temporary file beside it: " + systemReason(errno));
}

void fsyncDirectoryOf(const std::string& path) {
    const std::filesystem::path target(path);
    const std::string directory =
        target.has_parent_path() ? target.parent_path().string() : std::string(".");
    const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        // Some file systems (e.g. certain FUSE mounts) refuse fsync on a directory; the rename
        // has happened either way, so that is not a failure of the write.
        ::fsync(fd);
        ::close(fd);
    }
}

// fsync + close `fd` of `temporary`, rename it over `path`, fsync the directory.
void commit(const std::string& path, const std::string& temporary, Descriptor& fd) {
    if (::fsync(fd.get()) != 0) {
        throw TwinFileError(path, "cannot flush to disk: " + systemReason(errno));
    }
    if (fd.release() != 0) {
        throw TwinFileError(path, "cannot write: " + systemReason(errno));
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        throw TwinFileError(path, "cannot replace the file: " + systemReason(errno));
    }
    fsyncDirectoryOf(path);
}

} // namespace

void writeFileAtomically(const std::string& path, std::string_view content) {
    int raw = -1;
    const std::string temporary = createTemporary(path, &raw);
    Descriptor fd(raw);
    try {
        const char* data = content.data();
        std::size_t left = content.size();
        while (left > 0) {
            const ssize_t written = ::write(fd.get(), data, left);
            if (written < 0) {
                if (errno == EINTR) {
                    continue;
                }
                throw TwinFileError(path, "cannot write: " + systemReason(errno));
            }
            data += written;
            left -= static_cast<std::size_t>(written);
        }
        commit(path, temporary, fd);
    } catch (...) {
        ::unlink(temporary.c_str());
        throw;
    }
}

void publishFileAtomically(const std::string& temporaryPath, const std::string& path) {
    Descriptor fd(::open(temporaryPath.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        throw TwinFileError(path, "the temporary file " + temporaryPath +
                                      " vanished while being written: " + systemReason(errno));
    }
    commit(path, temporaryPath, fd);
}

void writeFileAtomically(const std::string& path,
                         const std::function<void(const std::string& temporaryPath)>& write) {
    int raw = -1;
    const std::string temporary = createTemporary(path, &raw);
    ::close(raw); // the library opens the file by name itself
    try {
        write(temporary);
        publishFileAtomically(temporary, path);
    } catch (...) {
        ::unlink(temporary.c_str());
        throw;
    }
}

} // namespace twins::sdk
