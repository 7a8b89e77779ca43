#include "twinbench/data/DatasetSummary.h"

#include "twinbench/data/CfTime.h"
#include "twinbench/data/DataError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>

namespace twins::data {

namespace {

// Calls visit(start, count) for consecutive hyperslabs covering the variable in storage order,
// each holding at most maxValues values (at least one). The split axis is the outermost one
// whose trailing block fits: whole blocks of it are read at once and the axes before it are
// stepped one index at a time.
void forEachSlab(const VariableInfo& info, std::size_t maxValues,
                 const std::function<void(const std::vector<std::size_t>&,
                                          const std::vector<std::size_t>&)>& visit) {
    const std::size_t rank = info.rank();
    if (rank == 0) {
        visit({}, {});
        return;
    }
    if (info.valueCount() == 0) {
        return;
    }
    maxValues = std::max<std::size_t>(maxValues, 1);
    std::size_t axis = 0;
    std::size_t inner = 1; // values per index of `axis`
    for (; axis < rank; ++axis) {
        inner = 1;
        for (std::size_t trailing = axis + 1; trailing < rank; ++trailing) {
            inner *= info.shape[trailing];
        }
        if (inner <= maxValues) {
            break;
        }
    }
    const std::size_t step = std::max<std::size_t>(1, maxValues / inner);

    std::vector<std::size_t> start(rank, 0);
    std::vector<std::size_t> count(info.shape);
    for (std::size_t outer = 0; outer < axis; ++outer) {
        count[outer] = 1;
    }
    while (true) {
        for (std::size_t index = 0; index < info.shape[axis]; index += step) {
            start[axis] = index;
            count[axis] = std::min(step, info.shape[axis] - index);
            visit(start, count);
        }
        // Advance the odometer over the axes before the split axis.
        std::size_t outer = axis;
        while (outer > 0) {
            --outer;
            if (++start[outer] < info.shape[outer]) {
                break;
            }
            start[outer] = 0;
            if (outer == 0) {
                return;
            }
        }
        if (axis == 0) {
            return;
        }
    }
}

// Neumaier's compensated sum keeps the mean exact to a few ulps over billions of values.
class CompensatedSum {
public:
    void add(double value) {
        const double next = m_sum + value;
        if (std::fabs(m_sum) >= std::fabs(value)) {
            m_compensation += (m_sum - next) + value;
        } else {
            m_compensation += (value - next) + m_sum;
        }
        m_sum = next;
    }
    double value() const { return m_sum + m_compensation; }

private:
    double m_sum = 0.0;
    double m_compensation = 0.0;
};

VariableSummary summarizeVariable(const NetcdfFile& file, const VariableInfo& info,
                                  const SummaryOptions& options) {
    VariableSummary summary;
    summary.name = info.name;
    summary.dtype = info.typeName;
    summary.dimensions = info.dimensions;
    summary.shape = info.shape;
    summary.attributes = info.attributes;
    summary.storage = info.storage;
    summary.chunkSizes = info.chunkSizes;
    if (const Attribute* units = info.attribute("units"); units != nullptr && units->isText) {
        summary.units = units->text;
    }
    if (const Attribute* name = info.attribute("long_name"); name != nullptr && name->isText) {
        summary.longName = name->text;
    }
    if (const Attribute* fill = info.attribute("_FillValue");
        fill != nullptr && !fill->isText && !fill->numbers.empty()) {
        summary.fillValue = fill->numbers.front();
    }
    if (const Attribute* missing = info.attribute("missing_value");
        missing != nullptr && !missing->isText) {
        summary.missingValues = missing->numbers;
    }
    if (!info.isNumeric()) {
        return summary;
    }

    ValueStatistics statistics;
    statistics.count = info.valueCount();
    double minimum = std::numeric_limits<double>::infinity();
    double maximum = -std::numeric_limits<double>::infinity();
    CompensatedSum sum;
    std::optional<double> firstValue;
    std::optional<double> lastValue;
    const std::size_t maxValues = options.slabBytes / sizeof(double);
    forEachSlab(info, maxValues,
                [&](const std::vector<std::size_t>& start, const std::vector<std::size_t>& count) {
                    const std::vector<double> values = file.readDecoded(info.name, start, count);
                    for (double value : values) {
                        if (std::isnan(value)) {
                            ++statistics.maskedCount;
                            continue;
                        }
                        if (!std::isfinite(value)) {
                            continue;
                        }
                        ++statistics.validCount;
                        minimum = std::min(minimum, value);
                        maximum = std::max(maximum, value);
                        sum.add(value);
                        if (!firstValue) {
                            firstValue = value;
                        }
                        lastValue = value;
                    }
                });
    if (statistics.validCount > 0) {
        statistics.minimum = minimum;
        statistics.maximum = maximum;
        statistics.mean = sum.value() / static_cast<double>(statistics.validCount);
    }
    summary.statistics = statistics;

    if (isTimeCoordinate(info)) {
        TimeSummary time;
        time.units = info.units();
        time.calendar = info.text("calendar");
        try {
            const CfTimeDecoder decoder = CfTimeDecoder::forVariable(info, file.path());
            time.calendar = cfCalendarName(decoder.calendar());
            if (firstValue) {
                time.first = formatCfDateTime(decoder.decode(*firstValue));
                time.last = formatCfDateTime(decoder.decode(*lastValue));
            }
        } catch (const DataError& error) {
            time.first.reset();
            time.last.reset();
            time.error = error.reason();
        }
        summary.time = time;
    }
    return summary;
}

// ---- JSON -------------------------------------------------------------------------------------

QString toQString(const std::string& text) {
    return QString::fromStdString(text);
}

QJsonValue number(double value) {
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonValue attributeValue(const Attribute& attribute) {
    if (attribute.isText) {
        return toQString(attribute.text);
    }
    if (attribute.numbers.size() == 1) {
        return number(attribute.numbers.front());
    }
    QJsonArray values;
    for (double value : attribute.numbers) {
        values.append(number(value));
    }
    return values;
}

QJsonObject attributesObject(const std::vector<Attribute>& attributes) {
    QJsonObject object;
    for (const Attribute& attribute : attributes) {
        object.insert(toQString(attribute.name), attributeValue(attribute));
    }
    return object;
}

QJsonArray sizesArray(const std::vector<std::size_t>& sizes) {
    QJsonArray array;
    for (std::size_t size : sizes) {
        array.append(static_cast<qint64>(size));
    }
    return array;
}

QJsonValue optionalText(const std::optional<std::string>& text) {
    return text ? QJsonValue(toQString(*text)) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalNumber(const std::optional<double>& value) {
    return value ? number(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject variableObject(const VariableSummary& variable) {
    QJsonObject object;
    object.insert("name", toQString(variable.name));
    object.insert("dtype", toQString(variable.dtype));
    QJsonArray dimensions;
    for (const std::string& dimension : variable.dimensions) {
        dimensions.append(toQString(dimension));
    }
    object.insert("dimensions", dimensions);
    object.insert("shape", sizesArray(variable.shape));
    object.insert("units", optionalText(variable.units));
    object.insert("long_name", optionalText(variable.longName));
    object.insert("_FillValue", optionalNumber(variable.fillValue));
    QJsonArray missing;
    for (double value : variable.missingValues) {
        missing.append(number(value));
    }
    object.insert("missing_value", missing);
    object.insert("storage", variable.storage.empty() ? QJsonValue(QJsonValue::Null)
                                                      : QJsonValue(toQString(variable.storage)));
    object.insert("chunking", variable.storage == "chunked"
                                  ? QJsonValue(sizesArray(variable.chunkSizes))
                                  : QJsonValue(QJsonValue::Null));
    object.insert("attributes", attributesObject(variable.attributes));
    if (variable.statistics) {
        const ValueStatistics& statistics = *variable.statistics;
        QJsonObject values;
        values.insert("count", static_cast<qint64>(statistics.count));
        values.insert("valid_count", static_cast<qint64>(statistics.validCount));
        values.insert("masked_count", static_cast<qint64>(statistics.maskedCount));
        values.insert("min", optionalNumber(statistics.minimum));
        values.insert("max", optionalNumber(statistics.maximum));
        values.insert("mean", optionalNumber(statistics.mean));
        object.insert("statistics", values);
    } else {
        object.insert("statistics", QJsonValue(QJsonValue::Null));
    }
    if (variable.time) {
        const TimeSummary& time = *variable.time;
        QJsonObject decoded;
        decoded.insert("units", toQString(time.units));
        decoded.insert("calendar", toQString(time.calendar));
        decoded.insert("first", optionalText(time.first));
        decoded.insert("last", optionalText(time.last));
        decoded.insert("error", time.error.empty() ? QJsonValue(QJsonValue::Null)
                                                   : QJsonValue(toQString(time.error)));
        object.insert("time", decoded);
    } else {
        object.insert("time", QJsonValue(QJsonValue::Null));
    }
    return object;
}

// ---- text -------------------------------------------------------------------------------------

std::string formatNumber(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string text;
    for (std::size_t index = 0; index < parts.size(); ++index) {
        text += (index > 0 ? separator : "") + parts[index];
    }
    return text;
}

std::string sizesText(const std::vector<std::size_t>& sizes) {
    std::vector<std::string> parts;
    for (std::size_t size : sizes) {
        parts.push_back(std::to_string(size));
    }
    return joined(parts, "x");
}

std::string attributeText(const Attribute& attribute) {
    if (attribute.isText) {
        return "\"" + attribute.text + "\"";
    }
    std::vector<std::string> parts;
    for (double value : attribute.numbers) {
        parts.push_back(formatNumber(value));
    }
    return joined(parts, ", ");
}

} // namespace

DatasetSummary summarizeDataset(const NetcdfFile& file, const SummaryOptions& options) {
    DatasetSummary summary;
    summary.path = file.path();
    summary.format = file.formatName();
    summary.globalAttributes = file.globalAttributes();
    summary.dimensions = file.dimensions();
    for (const VariableInfo& info : file.variables()) {
        summary.variables.push_back(summarizeVariable(file, info, options));
    }
    return summary;
}

std::string summaryJson(const DatasetSummary& summary) {
    QJsonObject root;
    root.insert("schema", QStringLiteral("twinbench-inspect/1"));
    root.insert("path", toQString(summary.path));
    root.insert("format", toQString(summary.format));
    root.insert("global_attributes", attributesObject(summary.globalAttributes));
    QJsonArray dimensions;
    for (const Dimension& dimension : summary.dimensions) {
        QJsonObject object;
        object.insert("name", toQString(dimension.name));
        object.insert("length", static_cast<qint64>(dimension.length));
        object.insert("unlimited", dimension.unlimited);
        dimensions.append(object);
    }
    root.insert("dimensions", dimensions);
    QJsonArray variables;
    for (const VariableSummary& variable : summary.variables) {
        variables.append(variableObject(variable));
    }
    root.insert("variables", variables);
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

std::string summaryText(const DatasetSummary& summary) {
    std::string text = summary.path + " (" + summary.format + ")\n";
    text += "dimensions:\n";
    for (const Dimension& dimension : summary.dimensions) {
        text += "  " + dimension.name + " = " + std::to_string(dimension.length) +
                (dimension.unlimited ? " (unlimited)" : "") + "\n";
    }
    text += "variables:\n";
    for (const VariableSummary& variable : summary.variables) {
        text += "  " + variable.dtype + " " + variable.name;
        if (!variable.dimensions.empty()) {
            text += "(" + joined(variable.dimensions, ", ") + ")";
        }
        if (!variable.shape.empty()) {
            text += "  shape " + sizesText(variable.shape);
        }
        if (variable.storage == "chunked") {
            text += "  chunks " + sizesText(variable.chunkSizes);
        } else if (!variable.storage.empty()) {
            text += "  " + variable.storage;
        }
        text += "\n";
        for (const Attribute& attribute : variable.attributes) {
            text += "    " + attribute.name + " = " + attributeText(attribute) + "\n";
        }
        if (variable.statistics) {
            const ValueStatistics& statistics = *variable.statistics;
            text += "    decoded: ";
            if (statistics.validCount > 0) {
                text += "min " + formatNumber(*statistics.minimum) + ", max " +
                        formatNumber(*statistics.maximum) + ", mean " +
                        formatNumber(*statistics.mean);
            } else {
                text += "no valid values";
            }
            text += "; " + std::to_string(statistics.maskedCount) + " of " +
                    std::to_string(statistics.count) + " masked\n";
        }
        if (variable.time) {
            const TimeSummary& time = *variable.time;
            text += "    time (" + time.calendar + "): ";
            if (!time.error.empty()) {
                text += "cannot decode: " + time.error;
            } else if (time.first) {
                text += *time.first + " .. " + *time.last;
            } else {
                text += "no valid values";
            }
            text += "\n";
        }
    }
    if (!summary.globalAttributes.empty()) {
        text += "global attributes:\n";
        for (const Attribute& attribute : summary.globalAttributes) {
            text += "  " + attribute.name + " = " + attributeText(attribute) + "\n";
        }
    }
    return text;
}

} // namespace twins::data
