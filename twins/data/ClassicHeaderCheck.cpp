// Follows "The NetCDF Classic Format Specification" (Unidata, netCDF-C documentation): the
// grammar of header = magic numrecs dim_list gatt_list var_list, with 4-byte big-endian counts in
// CDF-1/CDF-2 and 8-byte counts in CDF-5. Written here because NetCDF-C offers no way to
// inspect a header without first allocating what it claims.
#include "twinbench/data/ClassicHeaderCheck.h"

#include "twinbench/data/DataError.h"

#include <netcdf.h>

#include <cstdint>
#include <fstream>
#include <vector>

namespace twins::data {

namespace {

constexpr std::uint32_t tagAbsent = 0;
constexpr std::uint32_t tagDimension = 0x0A;
constexpr std::uint32_t tagVariable = 0x0B;
constexpr std::uint32_t tagAttribute = 0x0C;

class HeaderReader {
public:
    HeaderReader(const std::string& path, std::uint64_t fileSize, int version)
        : m_path(path), m_stream(path, std::ios::binary), m_fileSize(fileSize),
          m_wide(version == 5), m_version(version) {}

    std::uint64_t remaining() const { return m_fileSize - m_offset; }

    std::uint64_t readUnsigned(int bytes, const char* what) {
        need(static_cast<std::uint64_t>(bytes), what);
        unsigned char buffer[8] = {};
        m_stream.read(reinterpret_cast<char*>(buffer), bytes);
        if (!m_stream) {
            fail(std::string("cannot read ") + what);
        }
        m_offset += static_cast<std::uint64_t>(bytes);
        std::uint64_t value = 0;
        for (int i = 0; i < bytes; ++i) {
            value = (value << 8) | buffer[i];
        }
        return value;
    }
    std::uint32_t tag(const char* what) {
        return static_cast<std::uint32_t>(readUnsigned(4, what));
    }
    std::uint64_t count(const char* what) { return readUnsigned(m_wide ? 8 : 4, what); }

    void skip(std::uint64_t bytes, const char* what) {
        need(bytes, what);
        m_stream.seekg(static_cast<std::streamoff>(bytes), std::ios::cur);
        m_offset += bytes;
    }

    // A count of items each needing at least `minimumBytes` of header must fit in the file.
    void checkCount(std::uint64_t items, std::uint64_t minimumBytes, const char* what) {
        if (items != 0 && (items > remaining() / minimumBytes)) {
            fail("the header claims " + std::to_string(items) + " " + what + ", but only " +
                 std::to_string(remaining()) + " bytes of the file are left");
        }
    }

    // NetCDF-C reads any name length but later copies names into NC_MAX_NAME + 1 buffers
    // (nc_inq_dim and friends strncpy the stored length), so a longer name in a corrupt file
    // overflows the caller's stack buffer. The format allows at most NC_MAX_NAME bytes.
    void name(const char* what) {
        const std::uint64_t length = count(what);
        if (length > NC_MAX_NAME) {
            fail(std::string(what) + " is " + std::to_string(length) +
                 " bytes long; names have at most " + std::to_string(NC_MAX_NAME) + " bytes");
        }
        skip(padded(length), what);
    }

    [[noreturn]] void fail(const std::string& reason) const {
        throw DataError(m_path, "", "corrupt or truncated netCDF-3 header: " + reason);
    }

    static std::uint64_t padded(std::uint64_t length) {
        return length > UINT64_MAX - 3 ? UINT64_MAX : (length + 3) / 4 * 4;
    }

    bool wide() const { return m_wide; }
    int version() const { return m_version; }

private:
    void need(std::uint64_t bytes, const char* what) const {
        if (bytes > remaining()) {
            fail(std::string(what) + " needs " + std::to_string(bytes) + " bytes at offset " +
                 std::to_string(m_offset) + ", past the end of the file (" +
                 std::to_string(m_fileSize) + " bytes)");
        }
    }

    const std::string& m_path;
    std::ifstream m_stream;
    std::uint64_t m_fileSize;
    std::uint64_t m_offset = 0;
    bool m_wide;
    int m_version;
};

std::uint64_t typeSize(std::uint32_t type) {
    switch (type) {
    case 1: // byte
    case 2: // char
    case 7: // ubyte
        return 1;
    case 3: // short
    case 8: // ushort
        return 2;
    case 4: // int
    case 5: // float
    case 9: // uint
        return 4;
    case 6:  // double
    case 10: // int64
    case 11: // uint64
        return 8;
    default:
        return 0;
    }
}

// The size of a value of `type`, which must be one the file's format version has: the six
// classic types, plus the unsigned and 64-bit ones in CDF-5. NetCDF-C 4.9.0 does not check a
// variable's type before it divides by the type's size (NC_check_vlen): a variable declared
// NC_STRING (12) in a classic file was a division by zero found by fuzz_dataset_open.
std::uint64_t checkedTypeSize(const HeaderReader& reader, std::uint32_t type, const char* what) {
    const std::uint64_t size = typeSize(type);
    if (size == 0 || (type > 6 && reader.version() != 5)) {
        reader.fail(std::string(what) + " has the type " + std::to_string(type) +
                    ", which netCDF-3 format version " + std::to_string(reader.version()) +
                    " does not have");
    }
    return size;
}

void checkAttributeList(HeaderReader& reader, const char* what) {
    const std::uint32_t listTag = reader.tag(what);
    const std::uint64_t items = reader.count(what);
    if (listTag == tagAbsent && items == 0) {
        return;
    }
    if (listTag != tagAttribute) {
        reader.fail(std::string(what) + " has tag " + std::to_string(listTag) +
                    ", expected an attribute list");
    }
    // name length + at least 4 name bytes + type + value count
    reader.checkCount(items, reader.wide() ? 24 : 16, what);
    for (std::uint64_t i = 0; i < items; ++i) {
        reader.name("an attribute name");
        const std::uint32_t type = reader.tag("an attribute type");
        const std::uint64_t size = checkedTypeSize(reader, type, "an attribute");
        const std::uint64_t values = reader.count("an attribute's value count");
        reader.checkCount(values, size, "attribute values");
        reader.skip(HeaderReader::padded(values * size), "attribute values");
    }
}

} // namespace

void checkClassicHeader(const std::string& path) {
    std::ifstream probe(path, std::ios::binary | std::ios::ate);
    if (!probe) {
        return; // NetCDF-C reports the unreadable file in its own words
    }
    const auto fileSize = static_cast<std::uint64_t>(probe.tellg());
    probe.seekg(0);
    char magic[4] = {};
    probe.read(magic, 4);
    if (!probe || magic[0] != 'C' || magic[1] != 'D' || magic[2] != 'F' ||
        (magic[3] != 1 && magic[3] != 2 && magic[3] != 5)) {
        return;
    }
    HeaderReader reader(path, fileSize, magic[3]);
    reader.skip(4, "the magic number");
    reader.count("the record count");

    const std::uint32_t dimensionTag = reader.tag("the dimension list");
    const std::uint64_t dimensions = reader.count("the dimension list");
    if (!(dimensionTag == tagAbsent && dimensions == 0)) {
        if (dimensionTag != tagDimension) {
            reader.fail("the dimension list has tag " + std::to_string(dimensionTag));
        }
        reader.checkCount(dimensions, reader.wide() ? 16 : 12, "dimensions");
        for (std::uint64_t i = 0; i < dimensions; ++i) {
            reader.name("a dimension name");
            reader.count("a dimension length");
        }
    }
    checkAttributeList(reader, "global attributes");

    const std::uint32_t variableTag = reader.tag("the variable list");
    const std::uint64_t variables = reader.count("the variable list");
    if (variableTag == tagAbsent && variables == 0) {
        return;
    }
    if (variableTag != tagVariable) {
        reader.fail("the variable list has tag " + std::to_string(variableTag));
    }
    reader.checkCount(variables, reader.wide() ? 48 : 28, "variables");
    for (std::uint64_t i = 0; i < variables; ++i) {
        reader.name("a variable name");
        const std::uint64_t rank = reader.count("a variable's dimension count");
        const std::uint64_t idBytes = reader.wide() ? 8 : 4;
        reader.checkCount(rank, idBytes, "dimension ids of a variable");
        reader.skip(rank * idBytes, "a variable's dimension ids");
        checkAttributeList(reader, "attributes of a variable");
        checkedTypeSize(reader, reader.tag("a variable's type"), "a variable");
        reader.count("a variable's size");
        reader.skip(reader.version() == 1 ? 4 : 8, "a variable's data offset");
    }
}

} // namespace twins::data
