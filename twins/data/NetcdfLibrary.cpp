#include "twinbench/data/NetcdfLibrary.h"

#include "twinbench/data/DataError.h"

#include <hdf5.h>
#include <netcdf.h>

#include <algorithm>
#include <atomic>
#include <list>
#include <thread>

namespace twins::data {

namespace {

std::mutex stuckFileMutex;
// Files whose library call passed its deadline and has not returned, oldest first; guarded by
// stuckFileMutex. The library is stuck while this is not empty.
std::list<std::string> stuckFiles;
std::atomic<bool> libraryIsStuck{false};

std::string stuckReason(const std::string& file) {
    return "the NetCDF/HDF5 library never returned from reading the corrupt file " + file +
           "; it cannot be used again until that read returns or Twinbench is restarted";
}

void markStuck(const std::string& path) {
    std::lock_guard guard(stuckFileMutex);
    stuckFiles.push_back(path);
    libraryIsStuck = true;
}

void unmarkStuck(const std::string& path) {
    std::lock_guard guard(stuckFileMutex);
    const auto entry = std::find(stuckFiles.begin(), stuckFiles.end(), path);
    if (entry != stuckFiles.end()) {
        stuckFiles.erase(entry);
    }
    libraryIsStuck = !stuckFiles.empty();
}

} // namespace

void LibraryMutex::lock() {
    while (!m_mutex.try_lock_for(std::chrono::milliseconds(100))) {
        if (libraryIsStuck) {
            const std::string file = stuckLibraryFile().value_or("");
            throw DataError(file, "", stuckReason(file));
        }
    }
}

bool LibraryMutex::lockUnlessStuck() {
    while (!m_mutex.try_lock_for(std::chrono::milliseconds(100))) {
        if (libraryIsStuck) {
            return false;
        }
    }
    return true;
}

LibraryMutex& netcdfLibraryMutex() {
    // Never destroyed: a thread stuck inside HDF5 (see LibraryMutex) holds it until the process
    // ends, and destroying a locked mutex at exit is undefined.
    static LibraryMutex* const mutex = new LibraryMutex;
    // A thread stuck inside HDF5 would race with HDF5's own atexit clean-up (H5_term_library
    // frees the cache the loop reads). H5dont_atexit, called before the first HDF5 call, leaves
    // that clean-up to the OS; every file this project writes is closed explicitly before.
    static const bool noAtexit = [] {
        H5dont_atexit();
        return true;
    }();
    (void)noAtexit;
    // NetCDF-C 4.9.0 probes optional HDF5 attributes (e.g. _QuantizeBitRound...) and HDF5's
    // default handler prints a diagnostic stack for each miss and every failure. Errors reach
    // us as status codes and become DataErrors, so the automatic printing is switched off. The
    // thread-safe HDF5 keeps the setting per thread, and every thread takes this mutex before
    // calling the libraries: each is silenced on its first call (test_quiet_libraries).
    thread_local const bool silenced = [] {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        return true;
    }();
    (void)silenced;
    return *mutex;
}

std::optional<std::string> stuckLibraryFile() {
    std::lock_guard guard(stuckFileMutex);
    if (stuckFiles.empty()) {
        return std::nullopt;
    }
    return stuckFiles.front();
}

namespace detail {

void DeadlineWatch::finished() {
    std::lock_guard guard(m_mutex);
    m_finished = true;
    if (m_abandoned) {
        unmarkStuck(m_path); // the call came back late: the library is usable again
    }
}

bool DeadlineWatch::abandon() {
    std::lock_guard guard(m_mutex);
    if (m_finished) {
        return false; // returned between the wait's timeout and now: nothing is stuck
    }
    m_abandoned = true;
    markStuck(m_path);
    return true;
}

void startDetached(std::shared_ptr<DeadlineWatch> watch, std::function<void()> job) {
    // Detached: when the deadline passes the thread may never end, and joining it would hang
    // the caller exactly as the library call would have. The thread owns everything it touches.
    std::thread([watch = std::move(watch), job = std::move(job)] {
        // The thread-safe HDF5 build keeps this per thread (see netcdfLibraryMutex()).
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        job();
        watch->finished();
    }).detach();
}

void throwDeadlinePassed(const std::string& path, std::chrono::milliseconds deadline) {
    throw DataError(path, "",
                    "the NetCDF/HDF5 library did not finish reading this file's metadata in " +
                        std::to_string(deadline.count() / 1000) +
                        " s; the file is probably corrupt (HDF5 1.10 loops forever on some "
                        "corrupt heaps), and Twinbench cannot open NetCDF or HDF5 files again "
                        "until that read returns or Twinbench is restarted");
}

} // namespace detail

void throwIfNetcdfError(int status, const std::string& path, const std::string& variable,
                        const std::string& context) {
    if (status != NC_NOERR) {
        throw DataError(path, variable, context + ": " + nc_strerror(status));
    }
}

} // namespace twins::data
