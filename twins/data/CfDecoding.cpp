#include "twinbench/data/CfDecoding.h"

#include <cmath>
#include <cstdint>
#include <cstring>

namespace twins::data {

namespace {

double unsignedWrap(DataType type) {
    switch (type) {
    case DataType::Int8:
        return 256.0;
    case DataType::Int16:
        return 65536.0;
    case DataType::Int32:
        return 4294967296.0;
    case DataType::Int64:
        return 18446744073709551616.0;
    default:
        return 0.0;
    }
}

const Attribute* numericAttribute(const VariableInfo& variable, std::string_view name) {
    const Attribute* attribute = variable.attribute(name);
    if (attribute == nullptr || attribute->isText || attribute->numbers.empty()) {
        return nullptr;
    }
    return attribute;
}

} // namespace

CfPacking cfPackingOf(const VariableInfo& variable, DataType type, bool maskNetcdfDefaultFill) {
    CfPacking packing;
    packing.reinterpretUnsigned =
        isIntegral(type) && unsignedWrap(type) > 0.0 && variable.text("_Unsigned") == "true";
    const double wrap = packing.reinterpretUnsigned ? unsignedWrap(type) : 0.0;
    auto toStored = [&](double value) {
        return (wrap > 0.0 && value < 0.0) ? value + wrap : value;
    };

    const Attribute* fill = numericAttribute(variable, "_FillValue");
    if (fill != nullptr) {
        packing.maskedValues.push_back(toStored(fill->numbers.front()));
    } else if (maskNetcdfDefaultFill && type == DataType::Float32) {
        packing.maskedValues.push_back(static_cast<double>(9.9692099683868690e+36f));
    } else if (maskNetcdfDefaultFill && type == DataType::Float64) {
        packing.maskedValues.push_back(9.9692099683868690e+36);
    }
    if (const Attribute* missing = numericAttribute(variable, "missing_value")) {
        for (double value : missing->numbers) {
            packing.maskedValues.push_back(toStored(value));
        }
    }

    const Attribute* scale = numericAttribute(variable, "scale_factor");
    const Attribute* offset = numericAttribute(variable, "add_offset");
    packing.hasScale = scale != nullptr;
    packing.hasOffset = offset != nullptr;
    packing.scale = scale ? scale->numbers.front() : 1.0;
    packing.offset = offset ? offset->numbers.front() : 0.0;

    const Attribute* range = numericAttribute(variable, "valid_range");
    const Attribute* minimum = numericAttribute(variable, "valid_min");
    const Attribute* maximum = numericAttribute(variable, "valid_max");
    if (range != nullptr && range->numbers.size() == 2) {
        packing.validMin = toStored(range->numbers[0]);
        packing.validMax = toStored(range->numbers[1]);
    }
    if (minimum != nullptr) {
        packing.validMin = toStored(minimum->numbers.front());
    }
    if (maximum != nullptr) {
        packing.validMax = toStored(maximum->numbers.front());
    }
    const Attribute* limit = range ? range : (minimum ? minimum : maximum);
    const Attribute* packer = scale ? scale : offset;
    packing.validRangeIsUnpacked =
        limit != nullptr && packer != nullptr && !limit->typeName.empty() &&
        limit->typeName != dataTypeName(type) && limit->typeName == packer->typeName;
    return packing;
}

namespace {

// One pass from the stored values to decoded doubles, no intermediate array: on a 1440 x 721
// field the earlier convert-then-decode took two passes and an extra 8 MB buffer, and looped
// over the masked values per element, and was most of a read's time (perf, LargeFileBench).
// Unpack, and masks of at most one value (the common _FillValue-only case), are template
// parameters so the loop has no per-element branches the compiler cannot hoist.
template <class T, bool Unpack, bool SingleMask>
void decodeAll(const std::byte* bytes, std::size_t count, const CfPacking& packing, double* out) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const bool checkPackedRange = !packing.validRangeIsUnpacked;
    const double low = packing.validMin;
    const double high = packing.validMax;
    const double scale = packing.scale;
    const double offset = packing.offset;
    const double onlyMask = packing.maskedValues.empty() ? nan : packing.maskedValues.front();
    for (std::size_t index = 0; index < count; ++index) {
        T stored;
        std::memcpy(&stored, bytes + index * sizeof(T), sizeof(T)); // no alignment assumption
        double value = static_cast<double>(stored);
        bool masked = checkPackedRange && (value < low || value > high);
        if constexpr (SingleMask) {
            masked = masked || value == onlyMask; // NaN mask (none) never matches
        } else {
            for (double maskedValue : packing.maskedValues) {
                masked = masked || value == maskedValue;
            }
        }
        if constexpr (Unpack) {
            value = value * scale + offset;
        }
        if (!checkPackedRange) {
            masked = masked || value < low || value > high;
        }
        out[index] = masked ? nan : value;
    }
}

template <class T> void decodeTyped(const RawArray& raw, const CfPacking& packing, double* out) {
    const bool unpack = packing.hasScale || packing.hasOffset;
    const bool single = packing.maskedValues.size() <= 1;
    const std::size_t count = raw.size();
    if (unpack) {
        single ? decodeAll<T, true, true>(raw.bytes.data(), count, packing, out)
               : decodeAll<T, true, false>(raw.bytes.data(), count, packing, out);
    } else {
        single ? decodeAll<T, false, true>(raw.bytes.data(), count, packing, out)
               : decodeAll<T, false, false>(raw.bytes.data(), count, packing, out);
    }
}

} // namespace

std::vector<double> decodeCf(const RawArray& raw, const CfPacking& packing) {
    std::vector<double> values(raw.size());
    double* out = values.data();
    const bool asUnsigned = packing.reinterpretUnsigned;
    switch (raw.type) {
    case DataType::Int8:
        asUnsigned ? decodeTyped<std::uint8_t>(raw, packing, out)
                   : decodeTyped<std::int8_t>(raw, packing, out);
        break;
    case DataType::UInt8:
    case DataType::Char:
        decodeTyped<std::uint8_t>(raw, packing, out);
        break;
    case DataType::Int16:
        asUnsigned ? decodeTyped<std::uint16_t>(raw, packing, out)
                   : decodeTyped<std::int16_t>(raw, packing, out);
        break;
    case DataType::UInt16:
        decodeTyped<std::uint16_t>(raw, packing, out);
        break;
    case DataType::Int32:
        asUnsigned ? decodeTyped<std::uint32_t>(raw, packing, out)
                   : decodeTyped<std::int32_t>(raw, packing, out);
        break;
    case DataType::UInt32:
        decodeTyped<std::uint32_t>(raw, packing, out);
        break;
    case DataType::Int64:
        asUnsigned ? decodeTyped<std::uint64_t>(raw, packing, out)
                   : decodeTyped<std::int64_t>(raw, packing, out);
        break;
    case DataType::UInt64:
        decodeTyped<std::uint64_t>(raw, packing, out);
        break;
    case DataType::Float32:
        decodeTyped<float>(raw, packing, out);
        break;
    case DataType::Float64:
        decodeTyped<double>(raw, packing, out);
        break;
    case DataType::String:
    case DataType::Other:
        break; // never read as numbers (Dataset refuses them): zeros
    }
    return values;
}

} // namespace twins::data
