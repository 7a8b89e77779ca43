#include "twinbench/data/DiskSpace.h"

#include <cerrno>
#include <filesystem>
#include <sys/statvfs.h>

namespace twins::data {

std::string noSpaceReason(const std::string& path, int errorNumber) {
    // The file may not exist (its creation failed): ask about the folder that was to hold it.
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    const std::string where = folder.empty() ? std::string(".") : folder.string();
    struct statvfs info {};
    const bool known = ::statvfs(where.c_str(), &info) == 0;
    const unsigned long long freeBytes =
        known ? static_cast<unsigned long long>(info.f_bavail) * info.f_frsize : 0;
    constexpr unsigned long long nearlyFull = 1ULL << 20;
    if (errorNumber != ENOSPC && (!known || freeBytes >= nearlyFull)) {
        return {};
    }
    std::string reason = "no space left on device";
    if (known) {
        reason += " (the file system holding " + where + " has " +
                  std::to_string(freeBytes / 1024) + " KiB free)";
    }
    return reason;
}

} // namespace twins::data
