#include "twinbench/sdk/Csv.h"

#include "twinbench/sdk/AtomicFile.h"
#include "twinbench/sdk/TwinFileError.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace twins::sdk {

namespace {

bool isBlank(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && isBlank(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && isBlank(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

// Splits one line into fields. Outside quotes, blanks around a field are dropped; inside quotes
// everything is kept. Throws for an unterminated quote.
std::vector<std::string> splitFields(std::string_view line, const std::string& where) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;    // inside a quoted section
    bool wasQuoted = false; // the field had a quoted section: keep its blanks
    std::size_t start = 0;  // of the unquoted text of the field
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < line.size() && line[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                    start = i + 1;
                }
            } else {
                field += c;
            }
        } else if (c == '"' && trimmed(line.substr(start, i - start)).empty() && !wasQuoted) {
            quoted = wasQuoted = true;
            field.clear();
        } else if (c == ',') {
            fields.push_back(wasQuoted ? field : std::string(trimmed(field)));
            field.clear();
            wasQuoted = false;
            start = i + 1;
        } else if (!(wasQuoted && isBlank(c))) {
            field += c;
        }
    }
    if (quoted) {
        throw TwinFileError(where, "has a quote that is never closed (quoted fields cannot span "
                                   "lines)");
    }
    fields.push_back(wasQuoted ? field : std::string(trimmed(field)));
    return fields;
}

std::string lineWhere(const std::string& path, std::size_t line) {
    return path + " line " + std::to_string(line);
}

} // namespace

std::optional<std::size_t> CsvTable::findColumn(std::string_view name) const {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) {
            return i;
        }
    }
    return std::nullopt;
}

std::size_t CsvTable::column(std::string_view name, std::string_view expected) const {
    if (const auto found = findColumn(name)) {
        return *found;
    }
    std::string columns;
    for (const std::string& existing : header) {
        columns += (columns.empty() ? "" : ", ") + existing;
    }
    throw TwinFileError(path, "no column '" + std::string(name) + "' (columns: " + columns +
                                  "); expected " + std::string(expected));
}

std::string CsvTable::unitsOf(std::size_t column) const {
    return column < units.size() ? units[column] : std::string();
}

double CsvTable::number(const Row& row, std::size_t column, std::string_view expected,
                        bool allowEmpty) const {
    const std::string& field = row.fields[column];
    if (field.empty() && allowEmpty) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    double value = 0.0;
    const char* begin = field.data();
    // from_chars refuses a leading '+', which spreadsheets write.
    if (!field.empty() && field.front() == '+') {
        ++begin;
    }
    const auto [end, error] = std::from_chars(begin, field.data() + field.size(), value);
    if (field.empty() || error != std::errc() || end != field.data() + field.size() ||
        !std::isfinite(value)) {
        throw TwinFileError(where(row), "column '" + header[column] + "' is '" + field +
                                            "', expected " + std::string(expected));
    }
    return value;
}

const std::string& CsvTable::text(const Row& row, std::size_t column) const {
    return row.fields[column];
}

std::string CsvTable::where(const Row& row) const {
    return lineWhere(path, row.line);
}

CsvTable parseCsv(std::string_view text, const std::string& path, CsvReadOptions options) {
    CsvTable table;
    table.path = path;
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3); // a byte order mark from spreadsheet exports
    }
    std::size_t number = 0;
    bool unitsPending = options.unitsRow;
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (trimmed(line).empty()) {
            continue;
        }
        std::vector<std::string> fields = splitFields(line, lineWhere(path, number));
        if (table.header.empty()) {
            table.header = std::move(fields);
            continue;
        }
        if (fields.size() != table.header.size()) {
            throw TwinFileError(lineWhere(path, number),
                                "has " + std::to_string(fields.size()) + " fields, expected " +
                                    std::to_string(table.header.size()) + " as in the header");
        }
        if (unitsPending) {
            table.units = std::move(fields);
            unitsPending = false;
            continue;
        }
        table.rows.push_back({number, std::move(fields)});
    }
    if (table.header.empty()) {
        throw TwinFileError(path, "is empty; expected a CSV with a header line");
    }
    return table;
}

CsvTable readCsv(const std::string& path, CsvReadOptions options) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw TwinFileError(path, std::string("cannot open: ") + std::strerror(errno));
    }
    std::ostringstream content;
    content << file.rdbuf();
    if (file.bad()) {
        throw TwinFileError(path, std::string("cannot read: ") + std::strerror(errno));
    }
    return parseCsv(content.str(), path, options);
}

std::string formatNumber(double value) {
    if (std::isnan(value)) {
        return "";
    }
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

std::string formatFixed(double value, int decimals) {
    if (std::isnan(value)) {
        return "";
    }
    char text[352]; // the longest fixed double (1e308 with decimals)
    const auto result =
        std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, decimals);
    if (result.ec != std::errc()) {
        return formatNumber(value);
    }
    return std::string(text, result.ptr);
}

std::string csvField(std::string_view text) {
    const bool needsQuotes = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                             (!text.empty() && (isBlank(text.front()) || isBlank(text.back())));
    if (!needsQuotes) {
        return std::string(text);
    }
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + '"';
}

CsvWriter::CsvWriter(const std::vector<std::string>& header) : m_columns(header.size()) {
    for (const std::string& name : header) {
        add(std::string_view(name));
    }
    m_text += '\n';
    m_fieldsInRow = 0;
}

CsvWriter& CsvWriter::add(std::string_view text) {
    if (m_fieldsInRow > 0) {
        m_text += ',';
    }
    m_text += csvField(text);
    ++m_fieldsInRow;
    return *this;
}

CsvWriter& CsvWriter::addRaw(std::string field) {
    return add(std::string_view(field));
}

void CsvWriter::endRow() {
    if (m_fieldsInRow != m_columns) {
        throw std::logic_error("CsvWriter: a row of " + std::to_string(m_fieldsInRow) +
                               " fields for " + std::to_string(m_columns) + " columns");
    }
    m_text += '\n';
    m_fieldsInRow = 0;
    ++m_rows;
}

void CsvWriter::row(std::initializer_list<std::string_view> fields) {
    for (const std::string_view field : fields) {
        add(field);
    }
    endRow();
}

void CsvWriter::writeTo(const std::string& path) const {
    writeFileAtomically(path, m_text);
}

} // namespace twins::sdk
