#include "twinbench/data/RawArray.h"

namespace twins::data {

std::size_t dataTypeSize(DataType type) {
    switch (type) {
    case DataType::Int8:
    case DataType::UInt8:
    case DataType::Char:
        return 1;
    case DataType::Int16:
    case DataType::UInt16:
        return 2;
    case DataType::Int32:
    case DataType::UInt32:
    case DataType::Float32:
        return 4;
    case DataType::Int64:
    case DataType::UInt64:
    case DataType::Float64:
        return 8;
    case DataType::String:
    case DataType::Other:
        return 0;
    }
    return 0;
}

std::string dataTypeName(DataType type) {
    switch (type) {
    case DataType::Int8:
        return "byte";
    case DataType::UInt8:
        return "ubyte";
    case DataType::Int16:
        return "short";
    case DataType::UInt16:
        return "ushort";
    case DataType::Int32:
        return "int";
    case DataType::UInt32:
        return "uint";
    case DataType::Int64:
        return "int64";
    case DataType::UInt64:
        return "uint64";
    case DataType::Float32:
        return "float";
    case DataType::Float64:
        return "double";
    case DataType::Char:
        return "char";
    case DataType::String:
        return "string";
    case DataType::Other:
        return "user-defined";
    }
    return "user-defined";
}

DataType dataTypeFromName(const std::string& name) {
    for (DataType type : {DataType::Int8, DataType::UInt8, DataType::Int16, DataType::UInt16,
                          DataType::Int32, DataType::UInt32, DataType::Int64, DataType::UInt64,
                          DataType::Float32, DataType::Float64, DataType::Char, DataType::String}) {
        if (dataTypeName(type) == name) {
            return type;
        }
    }
    return DataType::Other;
}

bool isNumeric(DataType type) {
    return type != DataType::Char && type != DataType::String && type != DataType::Other;
}

bool isIntegral(DataType type) {
    return isNumeric(type) && type != DataType::Float32 && type != DataType::Float64;
}

std::size_t RawArray::size() const {
    const std::size_t element = dataTypeSize(type);
    return element == 0 ? 0 : bytes.size() / element;
}

namespace {
template <class T> double load(const std::byte* bytes, std::size_t index) {
    T value;
    std::memcpy(&value, bytes + index * sizeof(T), sizeof(T));
    return static_cast<double>(value);
}

double loadAs(DataType type, const std::byte* bytes, std::size_t index) {
    switch (type) {
    case DataType::Int8:
        return load<std::int8_t>(bytes, index);
    case DataType::UInt8:
    case DataType::Char:
        return load<std::uint8_t>(bytes, index);
    case DataType::Int16:
        return load<std::int16_t>(bytes, index);
    case DataType::UInt16:
        return load<std::uint16_t>(bytes, index);
    case DataType::Int32:
        return load<std::int32_t>(bytes, index);
    case DataType::UInt32:
        return load<std::uint32_t>(bytes, index);
    case DataType::Int64:
        return load<std::int64_t>(bytes, index);
    case DataType::UInt64:
        return load<std::uint64_t>(bytes, index);
    case DataType::Float32:
        return load<float>(bytes, index);
    case DataType::Float64:
        return load<double>(bytes, index);
    case DataType::String:
    case DataType::Other:
        break;
    }
    return 0.0;
}

DataType unsignedOf(DataType type) {
    switch (type) {
    case DataType::Int8:
        return DataType::UInt8;
    case DataType::Int16:
        return DataType::UInt16;
    case DataType::Int32:
        return DataType::UInt32;
    case DataType::Int64:
        return DataType::UInt64;
    default:
        return type;
    }
}
} // namespace

double RawArray::valueAt(std::size_t index) const {
    return loadAs(type, bytes.data(), index);
}

namespace {
template <class T> void convertAll(const std::byte* bytes, std::vector<double>& values) {
    for (std::size_t index = 0; index < values.size(); ++index) {
        values[index] = load<T>(bytes, index);
    }
}
} // namespace

std::vector<double> RawArray::toDoubles(bool reinterpretUnsigned) const {
    const DataType as = reinterpretUnsigned ? unsignedOf(type) : type;
    std::vector<double> values(size());
    // One switch per array, not per element: this loop is on every read path.
    switch (as) {
    case DataType::Int8:
        convertAll<std::int8_t>(bytes.data(), values);
        break;
    case DataType::UInt8:
    case DataType::Char:
        convertAll<std::uint8_t>(bytes.data(), values);
        break;
    case DataType::Int16:
        convertAll<std::int16_t>(bytes.data(), values);
        break;
    case DataType::UInt16:
        convertAll<std::uint16_t>(bytes.data(), values);
        break;
    case DataType::Int32:
        convertAll<std::int32_t>(bytes.data(), values);
        break;
    case DataType::UInt32:
        convertAll<std::uint32_t>(bytes.data(), values);
        break;
    case DataType::Int64:
        convertAll<std::int64_t>(bytes.data(), values);
        break;
    case DataType::UInt64:
        convertAll<std::uint64_t>(bytes.data(), values);
        break;
    case DataType::Float32:
        convertAll<float>(bytes.data(), values);
        break;
    case DataType::Float64:
        convertAll<double>(bytes.data(), values);
        break;
    case DataType::String:
    case DataType::Other:
        break;
    }
    return values;
}

} // namespace twins::data
