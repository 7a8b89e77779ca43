#include "twinbench/data/NetcdfLibrary.h"

#include "twinbench/data/DataError.h"

#include <hdf5.h>
#include <netcdf.h>

#include <atomic>
#include <future>
#include <thread>

namespace twins::data {

namespace {

std::mutex stuckFileMutex;
std::optional<std::string> stuckFile; // guarded by stuckFileMutex
std::atomic<bool> libraryIsStuck{false};

std::string stuckReason(const std::string& file) {
    return "the NetCDF/HDF5 library never returned from reading the corrupt file " + file +
           "; it cannot be used again until Twinbench is restarted";
}

void markStuck(const std::string& path) {
    std::lock_guard guard(stuckFileMutex);
    if (!stuckFile) {
        stuckFile = path;
    }
    libraryIsStuck = true;
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
    // default handler prints a diagnostic stack for each miss. Errors reach us as status codes
    // and become DataErrors, so the automatic printing is switched off once.
    static const bool silenced = [] {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        return true;
    }();
    (void)silenced;
    return *mutex;
}

std::optional<std::string> stuckLibraryFile() {
    std::lock_guard guard(stuckFileMutex);
    return stuckFile;
}

void runWithLibraryDeadline(const std::string& path, std::chrono::milliseconds deadline,
                            const std::function<void()>& open) {
    auto task = std::make_shared<std::packaged_task<void()>>(open);
    std::future<void> done = task->get_future();
    // Detached: when the deadline passes the thread may never end, and joining it would hang
    // the caller exactly as the library call would have.
    std::thread([task] { (*task)(); }).detach();
    if (done.wait_for(deadline) == std::future_status::timeout) {
        markStuck(path);
        throw DataError(path, "",
                        "the NetCDF/HDF5 library did not finish reading this file's metadata in " +
                            std::to_string(deadline.count() / 1000) +
                            " s; the file is probably corrupt (HDF5 1.10 loops forever on some "
                            "corrupt heaps), and Twinbench must be restarted before it can open "
                            "NetCDF or HDF5 files again");
    }
    done.get(); // rethrows what open threw
}

void throwIfNetcdfError(int status, const std::string& path, const std::string& variable,
                        const std::string& context) {
    if (status != NC_NOERR) {
        throw DataError(path, variable, context + ": " + nc_strerror(status));
    }
}

} // namespace twins::data
