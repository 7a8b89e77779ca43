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

// Reads the CF-decoded hyperslab [start, start + count) of the variable being summarised.
using SlabReader = std::function<std::vector<double>(const std::vector<std::size_t>&,
                                                     const std::vector<std::size_t>&)>;

VariableSummary summarizeVariable(const std::string& path, const VariableInfo& info,
                                  const SlabReader& read, const SummaryOptions& options) {
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
                    const std::vector<double> values = read(start, count);
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
            const CfTimeDecoder decoder = CfTimeDecoder::forVariable(info, path);
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

QJsonArray dimensionsArray(const std::vector<Dimension>& dimensions) {
    QJsonArray array;
    for (const Dimension& dimension : dimensions) {
        QJsonObject object;
        object.insert("name", toQString(dimension.name));
        object.insert("length", static_cast<qint64>(dimension.length));
        object.insert("unlimited", dimension.unlimited);
        array.append(object);
    }
    return array;
}

QJsonArray groupsArray(const std::vector<DatasetGroupSummary>& groups) {
    QJsonArray array;
    for (const DatasetGroupSummary& group : groups) {
        QJsonObject object;
        object.insert("name", toQString(group.name));
        object.insert("path", toQString(group.path));
        object.insert("attributes", attributesObject(group.attributes));
        object.insert("dimensions", dimensionsArray(group.dimensions));
        QJsonArray variables;
        for (const VariableSummary& variable : group.variables) {
            variables.append(variableObject(variable));
        }
        object.insert("variables", variables);
        object.insert("groups", groupsArray(group.groups));
        array.append(object);
    }
    return array;
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
        const SlabReader read = [&](const std::vector<std::size_t>& start,
                                    const std::vector<std::size_t>& count) {
            return file.readDecoded(info.name, start, count);
        };
        summary.variables.push_back(summarizeVariable(file.path(), info, read, options));
    }
    return summary;
}

namespace {

DatasetGroupSummary summarizeGroup(const Dataset& dataset, const DatasetGroup& group,
                                   const SummaryOptions& options) {
    DatasetGroupSummary summary;
    summary.name = group.name;
    summary.path = group.path;
    summary.attributes = group.attributes;
    summary.dimensions = group.dimensions;
    for (const DatasetVariable& variable : group.variables) {
        const SlabReader read = [&](const std::vector<std::size_t>& start,
                                    const std::vector<std::size_t>& count) {
            return dataset.readDecoded(variable, Hyperslab{start, count, {}});
        };
        summary.variables.push_back(summarizeVariable(dataset.path(), variable, read, options));
    }
    for (const DatasetGroup& child : group.groups) {
        summary.groups.push_back(summarizeGroup(dataset, child, options));
    }
    return summary;
}

} // namespace

DatasetSummary summarizeDataset(const Dataset& dataset, const SummaryOptions& options) {
    DatasetGroupSummary root = summarizeGroup(dataset, dataset.root(), options);
    DatasetSummary summary;
    summary.path = dataset.path();
    summary.format = dataset.formatName();
    summary.globalAttributes = std::move(root.attributes);
    summary.dimensions = std::move(root.dimensions);
    summary.variables = std::move(root.variables);
    summary.groups = std::move(root.groups);
    return summary;
}

std::string summaryJson(const DatasetSummary& summary) {
    QJsonObject root;
    root.insert("schema", QStringLiteral("twinbench-inspect/1"));
    root.insert("path", toQString(summary.path));
    root.insert("format", toQString(summary.format));
    root.insert("global_attributes", attributesObject(summary.globalAttributes));
    root.insert("dimensions", dimensionsArray(summary.dimensions));
    root.insert("groups", groupsArray(summary.groups));
    QJsonArray variables;
    for (const VariableSummary& variable : summary.variables) {
        variables.append(variableObject(variable));
    }
    root.insert("variables", variables);
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

namespace {

void appendVariables(std::string& text, const std::vector<VariableSummary>& variables,
                     const std::string& indent) {
    for (const VariableSummary& variable : variables) {
        text += indent + "  " + variable.dtype + " " + variable.name;
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
            text += indent + "    " + attribute.name + " = " + attributeText(attribute) + "\n";
        }
        if (variable.statistics) {
            const ValueStatistics& statistics = *variable.statistics;
            text += indent + "    decoded: ";
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
            text += indent + "    time (" + time.calendar + "): ";
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
}

void appendGroups(std::string& text, const std::vector<DatasetGroupSummary>& groups,
                  const std::string& indent) {
    for (const DatasetGroupSummary& group : groups) {
        text += indent + "group " + group.path + ":\n";
        for (const Dimension& dimension : group.dimensions) {
            text += indent + "  dimension " + dimension.name + " = " +
                    std::to_string(dimension.length) + (dimension.unlimited ? " (unlimited)" : "") +
                    "\n";
        }
        for (const Attribute& attribute : group.attributes) {
            text += indent + "  :" + attribute.name + " = " + attributeText(attribute) + "\n";
        }
        appendVariables(text, group.variables, indent);
        appendGroups(text, group.groups, indent + "  ");
    }
}

} // namespace

std::string summaryText(const DatasetSummary& summary) {
    std::string text = summary.path + " (" + summary.format + ")\n";
    text += "dimensions:\n";
    for (const Dimension& dimension : summary.dimensions) {
        text += "  " + dimension.name + " = " + std::to_string(dimension.length) +
                (dimension.unlimited ? " (unlimited)" : "") + "\n";
    }
    text += "variables:\n";
    appendVariables(text, summary.variables, "");
    if (!summary.globalAttributes.empty()) {
        text += "global attributes:\n";
        for (const Attribute& attribute : summary.globalAttributes) {
            text += "  " + attribute.name + " = " + attributeText(attribute) + "\n";
        }
    }
    if (!summary.groups.empty()) {
        text += "groups:\n";
        appendGroups(text, summary.groups, "  ");
    }
    return text;
}

} // namespace twins::data
