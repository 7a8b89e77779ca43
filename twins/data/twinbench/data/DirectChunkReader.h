#pragma once

// Whole chunks of an HDF5 dataset (a netCDF-4 variable is one) read as stored with
// H5Dread_chunk and decoded here: inflated with libdeflate and unshuffled, instead of through
// HDF5's filter pipeline. Why: inflating is most of an animation step's read. Measured on the
// map bench's 1440 x 721 float32 step (deflate level 1 with shuffle, 2.1 MB stored), zlib's
// inflate took 16.7 ms and libdeflate's 5.0 ms on the same bytes. HDF5 1.10 will not let
// libdeflate replace its deflate filter (H5Zregister refuses the predefined filter ids), so the
// chunk is fetched raw and decoded by us. Only the pipelines we decode exactly (deflate,
// shuffle, both, or none) in the machine's byte order are taken; anything else, and any chunk
// we cannot decode, is left to the caller's normal read, which then reports errors as always.
//
// Not thread-safe: callers hold the NetCDF/HDF5 library mutex (NetcdfLibrary.h).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace twins::data {

class DirectChunkReader {
public:
    // Opens `file` (already open through NetCDF-C, read-only) a second time through HDF5.
    // nullptr when HDF5 cannot (then every read takes the normal path).
    static std::unique_ptr<DirectChunkReader> open(const std::string& file);
    ~DirectChunkReader();
    DirectChunkReader(const DirectChunkReader&) = delete;
    DirectChunkReader& operator=(const DirectChunkReader&) = delete;

    // Reads the chunk starting at `start` (element coordinates, a chunk boundary) of the dataset
    // at `datasetPath`, expected with this shape and chunk shape, into out (exactly one chunk
    // of elementBytes-sized values, inside the shape). False when this dataset or chunk is not
    // one we decode (other filters, byte order, type, shape or chunking; a chunk never written;
    // one that does not inflate to its size): out is then unspecified and the caller reads the
    // normal way.
    bool read(const std::string& datasetPath, std::size_t elementBytes,
              const std::vector<std::size_t>& shape, const std::vector<std::size_t>& chunk,
              const std::vector<std::size_t>& start, std::byte* out, std::size_t outBytes);

private:
    struct Layout;
    explicit DirectChunkReader(std::int64_t file);
    const Layout& layout(const std::string& datasetPath, std::size_t elementBytes);

    std::int64_t m_file;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace twins::data
