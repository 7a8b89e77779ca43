#pragma once

#include "twinbench/data/HugePages.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

namespace twins::data {

// The element type of a variable as stored, independent of the backend that read it.
enum class DataType {
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float32,
    Float64,
    Char,   // netCDF NC_CHAR / fixed-length HDF5 strings: text, not numbers
    String, // variable-length strings
    Other,  // compound, enum, opaque, ...: listed, never read
};

// Bytes per element (0 for String and Other, which are never read as raw values).
std::size_t dataTypeSize(DataType type);
// CDL names as ncdump prints them: "byte", "ubyte", "short", "ushort", "int", "uint", "int64",
// "uint64", "float", "double", "char", "string", "user-defined". The inspect JSON shows these.
std::string dataTypeName(DataType type);
// The inverse of dataTypeName; unknown names give Other.
DataType dataTypeFromName(const std::string& name);
bool isNumeric(DataType type);
bool isIntegral(DataType type);

// The allocator of RawArray buffers: resize() leaves new bytes uninitialised instead of
// zeroing them. Every buffer is sized and then filled completely by a library read or a copy,
// and zeroing a 4 MB field first was a tenth of a read's time (perf, LargeFileBench). Large
// buffers get huge pages (see HugePages.h).
template <class T> struct UninitialisedAllocator : std::allocator<T> {
    template <class U> struct rebind { using other = UninitialisedAllocator<U>; };
    UninitialisedAllocator() = default;
    template <class U> UninitialisedAllocator(const UninitialisedAllocator<U>&) noexcept {}
    T* allocate(std::size_t count) {
        T* buffer = std::allocator<T>::allocate(count);
        adviseHugePages(buffer, count * sizeof(T));
        return buffer;
    }
    template <class U> void construct(U* place) noexcept { ::new (static_cast<void*>(place)) U; }
    template <class U, class... Arguments> void construct(U* place, Arguments&&... arguments) {
        ::new (static_cast<void*>(place)) U(std::forward<Arguments>(arguments)...);
    }
};
using ByteBuffer = std::vector<std::byte, UninitialisedAllocator<std::byte>>;

// Values read as stored (no CF decoding), in C order, in their native type. Kept typed (not
// widened to double) so 64-bit integers stay exact and _Unsigned can reinterpret the bits.
struct RawArray {
    DataType type = DataType::Float64;
    std::vector<std::size_t> shape;
    ByteBuffer bytes;

    std::size_t size() const;
    // The element at flat index as a double (64-bit integers may round, as in NumPy).
    double valueAt(std::size_t index) const;
    // All elements as doubles; when reinterpretUnsigned, signed integers are read as the
    // unsigned type of the same width (the netCDF-3 _Unsigned = "true" convention).
    std::vector<double> toDoubles(bool reinterpretUnsigned = false) const;
    template <class T> const T* data() const { return reinterpret_cast<const T*>(bytes.data()); }
};

} // namespace twins::data
