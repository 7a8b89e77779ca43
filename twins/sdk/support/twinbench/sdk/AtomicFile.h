#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace twins::sdk {

// The one way a twin writes a file into a run's outputs/: the content goes to a temporary file
// in the same directory (same file system, so the rename is atomic), which is fsynced, renamed
// over `path`, and the directory fsynced. A reader therefore sees the previous file or the new
// one, never half of one, and after a crash or power loss a file that exists is complete.
// Throws TwinFileError naming `path` and the system's reason ("No space left on device"); the
// temporary file is removed on every failure.
void writeFileAtomically(const std::string& path, std::string_view content);

// The same for a file that a library writes itself by path (torch::save, a NetCDF writer):
// `write` is called with the temporary file's path and must create it there. Whatever `write`
// throws is passed on unchanged after the temporary file is removed.
void writeFileAtomically(const std::string& path,
                         const std::function<void(const std::string& temporaryPath)>& write);

// The last step of both, for a writer that builds its file incrementally beside `path` (the
// NetCDF and HDF5 writers, PartialPath.h): fsyncs the finished `temporaryPath`, renames it over
// `path` and fsyncs the directory. Throws TwinFileError naming `path`; the temporary file is
// left for the caller to discard.
void publishFileAtomically(const std::string& temporaryPath, const std::string& path);

} // namespace twins::sdk
