#pragma once

// Weights written atomically. torch::save serialises into memory here, and the bytes go to the
// target through twins::sdk::writeFileAtomically (temporary file beside it, fsync, rename), so
// a crash, a kill or a full disk during a save leaves the previous weights or the new ones,
// never a truncated file that loads as garbage. Why not torch::save to a file: measured with
// LibTorch 1.13 here, when a write fails (full disk, file-size limit) PyTorchStreamWriter
// throws from its destructor and the process is terminated (SIGABRT), after the previous file
// was already truncated. Include only from files that already include LibTorch.

#include "twinbench/sdk/AtomicFile.h"

#include <torch/serialize.h>

#include <sstream>
#include <string>

namespace twins::ml {

template <typename Value> void saveAtomically(const Value& value, const std::string& path) {
    std::ostringstream bytes(std::ios::binary);
    torch::save(value, bytes);
    twins::sdk::writeFileAtomically(path, std::move(bytes).str());
}

} // namespace twins::ml
