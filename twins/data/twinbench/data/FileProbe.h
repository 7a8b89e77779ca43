#pragma once

#include <QString>

#include <chrono>

namespace twins::data {

// Untrusted files never take the GUI down: before the GUI reads a file it has not seen, it asks
// FileProbe::check, which runs `twinbench-run probe PATH` (FileContentProbe.h) in a separate,
// short-lived process. That process opens the file and reads every attribute and the first chunk
// of every variable (variable-length data included). If it crashes, the file crashes the
// library and the GUI must not read it; if it does not finish within the deadline, it is killed
// (with everything it started) and the file is reported as hanging the library. A file that
// passed is remembered by (canonical path, size, modification time) in FileProbeCache.h, so
// opening it again skips the probe; a crashed or hung file is probed again each time.
//
// What a probe cannot rule out - the GUI still reads a probed file with its own guards (the
// metadata deadline of NetcdfLibrary.h, the read limits of DatasetOptions):
// - chunks after the first: a corrupt chunk, heap or B-tree node deeper in a variable is only
//   met when the GUI reads that part (the probe reads each variable's first chunk only, and of
//   a very large first chunk only a leading part);
// - reads the GUI makes differently: other hyperslabs, strides and decoding paths than the
//   probe's, e.g. a chunk index walked in another order;
// - the file changing after the probe with the same size and modification time (mtime has
//   nanosecond resolution on local file systems, not on every network file system), or a
//   Zarr store whose chunk files change without any of its files changing size or mtime;
// - bugs that depend on the process's state (memory already in use, other files open), and
//   a hang slower than the deadline but still finite (reported as hanging, possibly wrongly).
class FileProbe {
public:
    enum class Outcome {
        Ok,      // read without a crash (possibly with errors the GUI will also report)
        Crashed, // the probe process died of a signal: the file is not read in-process
        Hung,    // the probe did not finish within the deadline and was killed
        // The probe ran and survived, but the file cannot be opened (no such file, unknown
        // format, a reader's error): safe to open in-process, which reports the same reason.
        Unreadable,
        Failed, // the probe itself could not run or ended abnormally (message says why)
    };
    struct Result {
        Outcome outcome = Outcome::Failed;
        // For the user, naming the file, e.g. "/data/x.nc crashes the HDF5/NetCDF library: it
        // is corrupt". Empty for Ok.
        QString message;
        bool fromCache = false; // known file: no probe process was run
    };

    // Blocks for up to `deadline` (plus process start-up): call it from a worker thread, never
    // from the GUI thread. `workerExecutable` is twinbench-run (federation's
    // findWorkerExecutable()). The cache lives in cachePath() unless `cacheFile` is given.
    static Result check(const QString& workerExecutable, const QString& path,
                        std::chrono::milliseconds deadline, const QString& cacheFile = {});

    // <app data dir>/probed-files.json (QStandardPaths::AppDataLocation).
    static QString cachePath();
};

} // namespace twins::data
