#include "twinbench/data/remote/ClassicRangeBackend.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/DatasetBackend.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace twins::data::remote {

namespace {

constexpr std::uint32_t tagDimension = 0x0A;
constexpr std::uint32_t tagVariable = 0x0B;
constexpr std::uint32_t tagAttribute = 0x0C;

DataType typeOf(std::uint32_t ncType) {
    switch (ncType) {
    case 1:
        return DataType::Int8;
    case 2:
        return DataType::Char;
    case 3:
        return DataType::Int16;
    case 4:
        return DataType::Int32;
    case 5:
        return DataType::Float32;
    case 6:
        return DataType::Float64;
    case 7:
        return DataType::UInt8;
    case 8:
        return DataType::UInt16;
    case 9:
        return DataType::UInt32;
    case 10:
        return DataType::Int64;
    case 11:
        return DataType::UInt64;
    default:
        return DataType::Other;
    }
}

// Big-endian (the format's byte order) to this machine's, in place.
void toNative(std::byte* data, std::size_t count, std::size_t elementBytes) {
    if (elementBytes < 2) {
        return;
    }
    for (std::size_t i = 0; i < count; ++i) {
        std::reverse(data + i * elementBytes, data + (i + 1) * elementBytes);
    }
}

double numberAt(const std::byte* data, DataType type) {
    switch (type) {
#define TWINBENCH_CLASSIC_NUMBER(kind, ctype)                                                      \
    case DataType::kind: {                                                                         \
        ctype value;                                                                               \
        std::memcpy(&value, data, sizeof value);                                                   \
        return static_cast<double>(value);                                                         \
    }
        TWINBENCH_CLASSIC_NUMBER(Int8, std::int8_t)
        TWINBENCH_CLASSIC_NUMBER(UInt8, std::uint8_t)
        TWINBENCH_CLASSIC_NUMBER(Int16, std::int16_t)
        TWINBENCH_CLASSIC_NUMBER(UInt16, std::uint16_t)
        TWINBENCH_CLASSIC_NUMBER(Int32, std::int32_t)
        TWINBENCH_CLASSIC_NUMBER(UInt32, std::uint32_t)
        TWINBENCH_CLASSIC_NUMBER(Int64, std::int64_t)
        TWINBENCH_CLASSIC_NUMBER(UInt64, std::uint64_t)
        TWINBENCH_CLASSIC_NUMBER(Float32, float)
        TWINBENCH_CLASSIC_NUMBER(Float64, double)
#undef TWINBENCH_CLASSIC_NUMBER
    default:
        return 0.0;
    }
}

// Reads the header item by item through the object's block cache.
class HeaderReader {
public:
    explicit HeaderReader(const RemoteFile& file) : m_file(file) {}

    void setVersion(int version) { m_version = version; }
    std::uint64_t position() const { return m_position; }

    std::vector<std::byte> bytes(std::uint64_t count) {
        if (count > m_file.size() || m_position > m_file.size() - count) {
            fail("it claims more bytes than the object has");
        }
        std::vector<std::byte> out(static_cast<std::size_t>(count));
        m_file.read(m_position, out.size(), out.data());
        m_position += count;
        return out;
    }
    std::uint64_t unsignedOf(std::size_t width) {
        const std::vector<std::byte> raw = bytes(width);
        std::uint64_t value = 0;
        for (std::byte b : raw) {
            value = (value << 8) | std::to_integer<std::uint64_t>(b);
        }
        return value;
    }
    std::uint32_t word() { return static_cast<std::uint32_t>(unsignedOf(4)); }
    // NON_NEG: counts and lengths, 8 bytes in CDF-5.
    std::uint64_t count() { return unsignedOf(m_version == 5 ? 8 : 4); }
    // OFFSET: 4 bytes in CDF-1, 8 in CDF-2 and CDF-5.
    std::uint64_t offset() { return unsignedOf(m_version == 1 ? 4 : 8); }
    std::string name() {
        const std::uint64_t length = count();
        const std::vector<std::byte> raw = bytes(padded(length));
        return std::string(reinterpret_cast<const char*>(raw.data()),
                           static_cast<std::size_t>(length));
    }
    static std::uint64_t padded(std::uint64_t length) { return (length + 3) / 4 * 4; }

    [[noreturn]] void fail(const std::string& why) const {
        throw DataError(m_file.url(), "",
                        "not a readable netCDF-3 header at byte " + std::to_string(m_position) +
                            ": " + why);
    }

private:
    const RemoteFile& m_file;
    int m_version = 1;
    std::uint64_t m_position = 0;
};

std::vector<Attribute> readAttributeList(HeaderReader& header) {
    std::vector<Attribute> attributes;
    const std::uint32_t tag = header.word();
    const std::uint64_t count = header.count();
    if (tag == 0 && count == 0) {
        return attributes; // ABSENT
    }
    if (tag != tagAttribute) {
        header.fail("expected an attribute list");
    }
    for (std::uint64_t i = 0; i < count; ++i) {
        Attribute attribute;
        attribute.name = header.name();
        const DataType type = typeOf(header.word());
        const std::uint64_t length = header.count();
        const std::size_t element = dataTypeSize(type);
        if (element == 0) {
            header.fail("attribute " + attribute.name + " has an unknown type");
        }
        std::vector<std::byte> values = header.bytes(HeaderReader::padded(length * element));
        attribute.typeName = dataTypeName(type);
        if (type == DataType::Char) {
            attribute.isText = true;
            attribute.text.assign(reinterpret_cast<const char*>(values.data()),
                                  static_cast<std::size_t>(length));
            // Some writers include the C terminator in the length (as NetcdfMetadata.cpp).
            while (!attribute.text.empty() && attribute.text.back() == '\0') {
                attribute.text.pop_back();
            }
        } else {
            toNative(values.data(), static_cast<std::size_t>(length), element);
            for (std::uint64_t k = 0; k < length; ++k) {
                attribute.numbers.push_back(numberAt(values.data() + k * element, type));
            }
        }
        attributes.push_back(std::move(attribute));
    }
    return attributes;
}

class ClassicRangeBackend final : public DatasetBackend {
public:
    explicit ClassicRangeBackend(std::shared_ptr<RemoteFile> file) : m_file(std::move(file)) {
        HeaderReader header(*m_file);
        const std::vector<std::byte> magic = header.bytes(4);
        const int version = std::to_integer<int>(magic[3]);
        if (std::memcmp(magic.data(), "CDF", 3) != 0 ||
            (version != 1 && version != 2 && version != 5)) {
            header.fail("no CDF magic");
        }
        header.setVersion(version);
        m_formatName = version == 1   ? "netCDF-3 classic"
                       : version == 2 ? "netCDF-3 64-bit offset"
                                      : "netCDF-3 CDF5";
        const std::uint64_t records = header.count();
        const bool streaming = records == (version == 5 ? ~std::uint64_t(0) : 0xFFFFFFFFu);
        m_root.path = "/";
        readDimensions(header, records);
        m_root.attributes = readAttributeList(header);
        readVariables(header);
        if (streaming) {
            header.fail("a file still being written (streaming record count)");
        }
    }

    std::string formatName() const override { return m_formatName; }
    const DatasetGroup& root() const override { return m_root; }

    RawArray read(const DatasetVariable& variable, const Hyperslab& slab) const override {
        const Layout& layout = m_layouts.at(variable.path);
        const std::size_t element = dataTypeSize(variable.type);
        const std::size_t rank = variable.rank();
        RawArray out;
        out.type = variable.type;
        out.shape = slab.count;
        std::size_t total = 1;
        for (std::size_t count : slab.count) {
            total *= count;
        }
        out.bytes.resize(total * element);
        if (total == 0) {
            return out;
        }
        const auto strideOf = [&](std::size_t axis) {
            return slab.stride.empty() ? std::size_t(1) : slab.stride[axis];
        };
        // Elements between neighbours along each axis, within one record for record variables
        // (whose records lie m_recordBytes apart).
        std::vector<std::uint64_t> pitch(rank, 1);
        for (std::size_t axis = rank; axis-- > 1;) {
            pitch[axis - 1] = pitch[axis] * variable.shape[axis];
        }
        // The slab is read as runs over the axes [runAxis, rank): a run is contiguous when every
        // axis after runAxis is read whole (strided along runAxis itself, the span is read and
        // thinned). A run never crosses records.
        const std::size_t firstRunAxis = layout.record ? 1 : 0;
        const auto whole = [&](std::size_t axis) {
            return strideOf(axis) == 1 && slab.start[axis] == 0 &&
                   slab.count[axis] == variable.shape[axis];
        };
        std::size_t runAxis = rank;
        if (rank > firstRunAxis) {
            runAxis = rank - 1;
            while (runAxis > firstRunAxis && whole(runAxis)) {
                --runAxis;
            }
        }
        const bool singleElement = runAxis == rank;
        const std::uint64_t block = singleElement ? 1 : pitch[runAxis];
        const std::uint64_t runCount = singleElement ? 1 : slab.count[runAxis];
        const std::size_t runStride = singleElement ? 1 : strideOf(runAxis);
        std::vector<std::size_t> index(runAxis, 0); // over the axes before runAxis
        std::vector<std::byte> span;
        std::byte* target = out.bytes.data();
        while (true) {
            std::uint64_t offset = layout.begin;
            for (std::size_t axis = 0; axis < runAxis; ++axis) {
                const std::uint64_t at = slab.start[axis] + index[axis] * strideOf(axis);
                offset +=
                    (layout.record && axis == 0) ? at * m_recordBytes : at * pitch[axis] * element;
            }
            if (!singleElement) {
                offset += std::uint64_t(slab.start[runAxis]) * pitch[runAxis] * element;
            }
            const std::size_t runBytes = static_cast<std::size_t>(runCount * block * element);
            if (runStride == 1) {
                m_file->read(offset, runBytes, target);
            } else {
                span.resize(
                    static_cast<std::size_t>(((runCount - 1) * runStride + 1) * block * element));
                m_file->read(offset, span.size(), span.data());
                for (std::size_t k = 0; k < runCount; ++k) {
                    std::memcpy(target + k * block * element,
                                span.data() + k * runStride * block * element, block * element);
                }
            }
            target += runBytes;
            // Next run: an odometer over the axes before runAxis.
            std::size_t axis = runAxis;
            while (axis > 0 && ++index[axis - 1] == slab.count[axis - 1]) {
                index[axis - 1] = 0;
                --axis;
            }
            if (axis == 0) {
                break;
            }
        }
        toNative(out.bytes.data(), total, element);
        return out;
    }

private:
    struct Layout {
        std::uint64_t begin = 0;
        bool record = false;
    };

    void readDimensions(HeaderReader& header, std::uint64_t records) {
        const std::uint32_t tag = header.word();
        const std::uint64_t count = header.count();
        if (tag == 0 && count == 0) {
            return;
        }
        if (tag != tagDimension) {
            header.fail("expected a dimension list");
        }
        for (std::uint64_t i = 0; i < count; ++i) {
            Dimension dimension;
            dimension.name = header.name();
            dimension.length = static_cast<std::size_t>(header.count());
            if (dimension.length == 0) {
                dimension.unlimited = true;
                dimension.length = static_cast<std::size_t>(records);
            }
            m_root.dimensions.push_back(dimension);
        }
    }

    void readVariables(HeaderReader& header) {
        const std::uint32_t tag = header.word();
        const std::uint64_t count = header.count();
        if (tag == 0 && count == 0) {
            return;
        }
        if (tag != tagVariable) {
            header.fail("expected a variable list");
        }
        std::vector<std::uint64_t> recordSizes;
        for (std::uint64_t i = 0; i < count; ++i) {
            DatasetVariable variable;
            variable.name = header.name();
            variable.path = "/" + variable.name;
            const std::uint64_t rank = header.count();
            Layout layout;
            for (std::uint64_t axis = 0; axis < rank; ++axis) {
                const std::uint64_t id = header.count();
                if (id >= m_root.dimensions.size()) {
                    header.fail("variable " + variable.name + " names an unknown dimension");
                }
                const Dimension& dimension = m_root.dimensions[static_cast<std::size_t>(id)];
                if (dimension.unlimited && axis != 0) {
                    header.fail("the unlimited dimension is not first in " + variable.name);
                }
                layout.record = layout.record || dimension.unlimited;
                variable.dimensions.push_back(dimension.name);
                variable.shape.push_back(dimension.length);
            }
            variable.attributes = readAttributeList(header);
            variable.type = typeOf(header.word());
            if (variable.type == DataType::Other) {
                header.fail("variable " + variable.name + " has an unknown type");
            }
            variable.typeName = dataTypeName(variable.type);
            const std::uint64_t vsize = header.count();
            layout.begin = header.offset();
            if (layout.record) {
                std::uint64_t bytes = dataTypeSize(variable.type);
                for (std::size_t axis = 1; axis < variable.rank(); ++axis) {
                    bytes *= variable.shape[axis];
                }
                recordSizes.push_back(vsize == 0 ? bytes : vsize);
                m_unpaddedRecord = bytes;
            }
            m_layouts.emplace(variable.path, layout);
            m_root.variables.push_back(std::move(variable));
        }
        // One record holds each record variable's slice in turn; with a single record variable
        // there is no padding (the format's special case).
        m_recordBytes = 0;
        for (std::uint64_t size : recordSizes) {
            m_recordBytes += size;
        }
        if (recordSizes.size() == 1) {
            m_recordBytes = m_unpaddedRecord;
        }
    }

    std::shared_ptr<RemoteFile> m_file;
    std::string m_formatName;
    DatasetGroup m_root;
    std::map<std::string, Layout> m_layouts;
    std::uint64_t m_recordBytes = 0;
    std::uint64_t m_unpaddedRecord = 0;
};

} // namespace

std::unique_ptr<DatasetBackend> openClassicRangeBackend(std::shared_ptr<RemoteFile> file) {
    return std::make_unique<ClassicRangeBackend>(std::move(file));
}

} // namespace twins::data::remote
