#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace twins::data {

// The lock every call into NetCDF-C and HDF5 holds (see netcdfLibraryMutex()). It is a
// recursive timed mutex with one addition: HDF5 1.10.8 (Debian 12) can loop forever inside a
// call on some corrupt files (a zero-size free-space object in a global heap collection makes
// H5HG__cache_heap_deserialize stop advancing; libFuzzer found such a file). A thread inside
// that loop holds this lock for good and cannot be interrupted, so openWithDeadline() gives up
// waiting for it and marks the library stuck; from then on lock() throws a DataError naming
// the corrupt file instead of blocking every later reader, writer and destructor forever.
class LibraryMutex {
public:
    void lock(); // throws DataError when the library is stuck in another thread
    void unlock() { m_mutex.unlock(); }
    bool try_lock() { return m_mutex.try_lock(); }
    // For destructors, which must not throw: false (and not locked) when the library is stuck,
    // in which case the caller leaks its handle rather than call into the library.
    bool lockUnlessStuck();

private:
    std::recursive_timed_mutex m_mutex;
};

// NetCDF-C (and the HDF5 library under it) is not thread-safe. Every call into nc_* and H5* in
// this project holds this lock; readers run on worker threads so the GUI never waits on I/O,
// and the lock serialises them.
LibraryMutex& netcdfLibraryMutex();

// The file a library call never returned from (see LibraryMutex), when there is one.
std::optional<std::string> stuckLibraryFile();

// Runs `open` (which takes netcdfLibraryMutex() itself) on a helper thread and waits at most
// `deadline` for it. When the deadline passes, the helper thread is left running (nothing can
// stop a thread inside HDF5), the library is marked stuck on `path`, and a DataError says so.
// Exceptions from `open` are rethrown here.
void runWithLibraryDeadline(const std::string& path, std::chrono::milliseconds deadline,
                            const std::function<void()>& open);

// Throws DataError(path, variable, context + ": " + nc_strerror(status)) when status != NC_NOERR.
void throwIfNetcdfError(int status, const std::string& path, const std::string& variable,
                        const std::string& context);

} // namespace twins::data
