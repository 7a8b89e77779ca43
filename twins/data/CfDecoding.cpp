#include "twinbench/data/CfDecoding.h"

#include "twinbench/data/HugePages.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>

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
// parameters so the loop has no per-element branches the compiler cannot hoist. Out is double
// (decodeCf) or float (decodeCfToFloat, which also gathers the finite range in the same pass:
// a map's animation decodes every step straight into the float field it draws).
template <class T, class Out, bool Unpack, bool SingleMask>
void decodeAll(const std::byte* bytes, std::size_t count, const CfPacking& packing, Out* out,
               FiniteRange* range) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const bool checkPackedRange = !packing.validRangeIsUnpacked;
    const double low = packing.validMin;
    const double high = packing.validMax;
    const double scale = packing.scale;
    const double offset = packing.offset;
    const double onlyMask = packing.maskedValues.empty() ? nan : packing.maskedValues.front();
    double minimum = range ? range->minimum : 0.0;
    double maximum = range ? range->maximum : 0.0;
    std::size_t finite = 0;
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
        value = masked ? nan : value;
        out[index] = static_cast<Out>(value);
        if constexpr (std::is_same_v<Out, float>) {
            // Selects, not branches: value - value is 0 for finite values, NaN otherwise.
            const bool isFinite = value - value == 0.0;
            minimum = isFinite && value < minimum ? value : minimum;
            maximum = isFinite && value > maximum ? value : maximum;
            finite += isFinite ? 1 : 0;
        }
    }
    if (range != nullptr) {
        range->minimum = minimum;
        range->maximum = maximum;
        range->count += finite;
    }
}

template <class T, class Out>
void decodeTyped(const RawArray& raw, std::size_t first, std::size_t count,
                 const CfPacking& packing, Out* out, FiniteRange* range) {
    const bool unpack = packing.hasScale || packing.hasOffset;
    const bool single = packing.maskedValues.size() <= 1;
    const std::byte* bytes = raw.bytes.data() + first * sizeof(T);
    if (unpack) {
        single ? decodeAll<T, Out, true, true>(bytes, count, packing, out, range)
               : decodeAll<T, Out, true, false>(bytes, count, packing, out, range);
    } else {
        single ? decodeAll<T, Out, false, true>(bytes, count, packing, out, range)
               : decodeAll<T, Out, false, false>(bytes, count, packing, out, range);
    }
}

// Dispatches on the stored type (and _Unsigned).
template <class Out>
void decodeStored(const RawArray& raw, std::size_t first, std::size_t count,
                  const CfPacking& packing, Out* out, FiniteRange* range) {
    const bool asUnsigned = packing.reinterpretUnsigned;
    switch (raw.type) {
    case DataType::Int8:
        asUnsigned ? decodeTyped<std::uint8_t>(raw, first, count, packing, out, range)
                   : decodeTyped<std::int8_t>(raw, first, count, packing, out, range);
        break;
    case DataType::UInt8:
    case DataType::Char:
        decodeTyped<std::uint8_t>(raw, first, count, packing, out, range);
        break;
    case DataType::Int16:
        asUnsigned ? decodeTyped<std::uint16_t>(raw, first, count, packing, out, range)
                   : decodeTyped<std::int16_t>(raw, first, count, packing, out, range);
        break;
    case DataType::UInt16:
        decodeTyped<std::uint16_t>(raw, first, count, packing, out, range);
        break;
    case DataType::Int32:
        asUnsigned ? decodeTyped<std::uint32_t>(raw, first, count, packing, out, range)
                   : decodeTyped<std::int32_t>(raw, first, count, packing, out, range);
        break;
    case DataType::UInt32:
        decodeTyped<std::uint32_t>(raw, first, count, packing, out, range);
        break;
    case DataType::Int64:
        asUnsigned ? decodeTyped<std::uint64_t>(raw, first, count, packing, out, range)
                   : decodeTyped<std::int64_t>(raw, first, count, packing, out, range);
        break;
    case DataType::UInt64:
        decodeTyped<std::uint64_t>(raw, first, count, packing, out, range);
        break;
    case DataType::Float32:
        decodeTyped<float>(raw, first, count, packing, out, range);
        break;
    case DataType::Float64:
        decodeTyped<double>(raw, first, count, packing, out, range);
        break;
    case DataType::String:
    case DataType::Other:
        // Never read as numbers (Dataset refuses them): zeros.
        std::fill(out, out + count, Out(0));
        break;
    }
}

} // namespace

std::vector<double> decodeCf(const RawArray& raw, const CfPacking& packing) {
    std::vector<double> values;
    values.reserve(raw.size()); // allocated, not yet touched: advise before the first write
    adviseHugePages(values.data(), raw.size() * sizeof(double));
    values.resize(raw.size());
    decodeStored<double>(raw, 0, raw.size(), packing, values.data(), nullptr);
    return values;
}

void decodeCfToFloat(const RawArray& raw, std::size_t first, std::size_t count,
                     const CfPacking& packing, float* out, FiniteRange& range) {
    if (first > raw.size() || count > raw.size() - first) {
        throw std::out_of_range("decodeCfToFloat: elements " + std::to_string(first) + "+" +
                                std::to_string(count) + " outside an array of " +
                                std::to_string(raw.size()));
    }
    decodeStored<float>(raw, first, count, packing, out, &range);
}

} // namespace twins::data
