#include "twinbench/data/PartialPath.h"

#include <random>

namespace twins::data {

std::string partialPathFor(const std::string& path) {
    std::random_device device;
    return path + ".partial-" + std::to_string(device() % 1000000);
}

} // namespace twins::data
