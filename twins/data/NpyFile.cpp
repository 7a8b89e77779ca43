#include "twinbench/data/NpyFile.h"

#include "twinbench/data/DataError.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <fstream>

namespace twins::data {

std::string npyHeader(const std::vector<std::size_t>& shape) {
    std::string dictionary = "{'descr': '<f8', 'fortran_order': False, 'shape': (";
    for (std::size_t axis = 0; axis < shape.size(); ++axis) {
        dictionary += std::to_string(shape[axis]);
        // A one-element tuple needs its trailing comma in Python syntax: (5,).
        dictionary += (shape.size() == 1 || axis + 1 < shape.size()) ? "," : "";
        if (axis + 1 < shape.size()) {
            dictionary += " ";
        }
    }
    dictionary += "), }";
    // Magic (6) + version (2) + header length (2) + dictionary + padding + '\n' is a multiple
    // of 64, as NumPy itself writes it, so the data that follows is aligned.
    const std::size_t unpadded = 10 + dictionary.size() + 1;
    dictionary.append((64 - unpadded % 64) % 64, ' ');
    dictionary += '\n';
    const auto length = static_cast<std::uint16_t>(dictionary.size());
    std::string header("\x93NUMPY\x01\x00", 8);
    header += static_cast<char>(length & 0xff);
    header += static_cast<char>(length >> 8);
    return header + dictionary;
}

void writeNpy(const std::string& path, const std::vector<std::size_t>& shape,
              const std::vector<double>& values) {
    static_assert(std::endian::native == std::endian::little,
                  "writeNpy writes '<f8' by copying doubles as they are in memory");
    std::size_t expected = 1;
    for (std::size_t length : shape) {
        expected *= length;
    }
    if (expected != values.size()) {
        throw DataError(path, "",
                        "cannot write .npy: " + std::to_string(values.size()) +
                            " values for a shape of " + std::to_string(expected));
    }
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    if (!stream) {
        throw DataError(path, "", "cannot create the .npy file (directory missing?)");
    }
    const std::string header = npyHeader(shape);
    stream.write(header.data(), static_cast<std::streamsize>(header.size()));
    stream.write(reinterpret_cast<const char*>(values.data()),
                 static_cast<std::streamsize>(values.size() * sizeof(double)));
    stream.close();
    if (!stream) {
        throw DataError(path, "", "cannot write the .npy file (disk full?)");
    }
}

} // namespace twins::data
