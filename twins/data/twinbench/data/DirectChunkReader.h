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
#include <optional>
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
    // normal way. Throws DataError for a chunk that inflates to fewer bytes than a chunk holds:
    // HDF5 1.10's own read then copies whatever lies beyond its buffer into the values (found
    // by fuzz_hdf5: silent garbage without a sanitizer, a heap over-read with one).
    bool read(const std::string& datasetPath, std::size_t elementBytes,
              const std::vector<std::size_t>& shape, const std::vector<std::size_t>& chunk,
              const std::vector<std::size_t>& start, std::byte* out, std::size_t outBytes);

    // Checks that every stored chunk of the dataset touching the slab (start, count and stride
    // per axis; stride empty for 1) inflates to a whole chunk, before HDF5's own read is
    // trusted with it (H5Dread, directly or through NetCDF-C). Datasets with other pipelines
    // are not checked. Throws DataError naming the chunk.
    void verifyChunks(const std::string& datasetPath, std::size_t elementBytes,
                      const std::vector<std::size_t>& start, const std::vector<std::size_t>& count,
                      const std::vector<std::size_t>& stride);

private:
    struct Layout;
    DirectChunkReader(std::int64_t file, std::string path);
    // Inflates the stored chunk at `offset` into the scratch buffer; the bytes produced, or
    // nullopt when the chunk is not stored or not ours to decode.
    std::optional<std::size_t> inflatedSize(const Layout& layout,
                                            const std::vector<unsigned long long>& offset);
    [[noreturn]] void refuseShortChunk(const std::string& datasetPath,
                                       const std::vector<unsigned long long>& offset,
                                       std::size_t produced, std::size_t expected) const;
    const Layout& layout(const std::string& datasetPath, std::size_t elementBytes);

    std::int64_t m_file;
    std::string m_path;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace twins::data
