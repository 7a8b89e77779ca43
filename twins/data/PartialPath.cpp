#include "twinbench/data/PartialPath.h"

#include <filesystem>
#include <random>

namespace twins::data {

std::string partialPathFor(const std::string& path) {
    std::random_device device;
    return path + ".partial-" + std::to_string(device() % 1000000);
}

void discardPartialFile(const std::string& partialPath) {
    std::error_code ignored;
    std::filesystem::resize_file(partialPath, 0, ignored);
    std::filesystem::remove(partialPath, ignored);
}

} // namespace twins::data
