#include "twinbench/data/CfDecoding.h"

#include <cmath>

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

std::vector<double> decodeCf(const RawArray& raw, const CfPacking& packing) {
    std::vector<double> values = raw.toDoubles(packing.reinterpretUnsigned);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const bool checkPackedRange = !packing.validRangeIsUnpacked;
    const bool unpack = packing.hasScale || packing.hasOffset;
    for (double& value : values) {
        bool masked = checkPackedRange && (value < packing.validMin || value > packing.validMax);
        for (double maskedValue : packing.maskedValues) {
            masked = masked || value == maskedValue;
        }
        if (masked) {
            value = nan;
            continue;
        }
        if (unpack) {
            value = value * packing.scale + packing.offset;
        }
        if (!checkPackedRange && (value < packing.validMin || value > packing.validMax)) {
            value = nan;
        }
    }
    return values;
}

} // namespace twins::data
