#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace twins::data {

// The lock every call into NetCDF-C and HDF5 holds (see netcdfLibraryMutex()). It is a
// recursive timed mutex with one addition: HDF5 1.10.8 (Debian 12) can loop forever inside a
// call on some corrupt files (a zero-size free-space object in a global heap collection makes
// H5HG__cache_heap_deserialize stop advancing; libFuzzer found such a file). A thread inside
// that loop holds this lock for good and cannot be interrupted, so runWithLibraryDeadline()
// gives up waiting for it and marks the library stuck; from then on, until that call returns (a
// slow network file system may let it), lock() throws a DataError naming the file instead of
// blocking every later reader, writer and destructor forever.
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

// The file a library call has not returned from after its deadline (see LibraryMutex), when
// there is one.
std::optional<std::string> stuckLibraryFile();

namespace detail {

// What a deadline-bounded library call and the caller waiting for it share. Owned jointly (a
// shared_ptr) by the caller and the helper thread, so whichever lets go last frees it: after a
// deadline the caller unwinds and the thread, when the library call finally returns, writes
// only into this state, never into the caller's (by then dead) stack frame.
class DeadlineWatch {
public:
    explicit DeadlineWatch(std::string path) : m_path(std::move(path)) {}
    const std::string& path() const { return m_path; }
    // Called by the thread when the call returned: clears the stuck mark it caused, if any.
    void finished();
    // Called by the caller when the deadline passed: false when the call returned meanwhile
    // (nothing marked); true when the call is abandoned and the library marked stuck.
    bool abandon();

private:
    std::mutex m_mutex;
    bool m_finished = false;
    bool m_abandoned = false;
    const std::string m_path;
};

// Starts `job` on a detached thread that owns it and `watch` (see runWithLibraryDeadline).
void startDetached(std::shared_ptr<DeadlineWatch> watch, std::function<void()> job);
[[noreturn]] void throwDeadlinePassed(const std::string& path, std::chrono::milliseconds deadline);

} // namespace detail

// Runs `work` (which takes netcdfLibraryMutex() itself) on a helper thread, waits at most
// `deadline` for it and returns what it returned; exceptions from `work` are rethrown here.
// When the deadline passes, the helper thread is left running (nothing can stop a thread inside
// HDF5), the library is marked stuck on `path` until the call returns (see LibraryMutex), and a
// DataError says so. `work`, its captures and its result live in state the thread owns jointly
// with this call, so the caller may unwind at the deadline: `work` must capture by value only
// (no [&]; a reference into the caller's frame would dangle once the caller has thrown) and
// hand its result back by returning it.
template <typename Result>
Result runWithLibraryDeadline(const std::string& path, std::chrono::milliseconds deadline,
                              std::function<Result()> work) {
    auto task = std::make_shared<std::packaged_task<Result()>>(std::move(work));
    std::future<Result> result = task->get_future();
    auto watch = std::make_shared<detail::DeadlineWatch>(path);
    // The future's shared state (the result, or the exception) is heap-owned by both `task` and
    // `result`: a late result lands there and is destroyed with the thread's copy of `task`.
    detail::startDetached(watch, [task] { (*task)(); });
    if (result.wait_for(deadline) == std::future_status::timeout && watch->abandon()) {
        detail::throwDeadlinePassed(path, deadline);
    }
    return result.get();
}

// Throws DataError(path, variable, context + ": " + nc_strerror(status)) when status != NC_NOERR.
void throwIfNetcdfError(int status, const std::string& path, const std::string& variable,
                        const std::string& context);

} // namespace twins::data
