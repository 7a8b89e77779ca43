#include "Csv.h"

#include "CycloneError.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace cyclone {

namespace {

std::vector<std::string> splitFields(std::string_view line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        std::string_view field = line.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) {
            field.remove_prefix(1);
        }
        while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) {
            field.remove_suffix(1);
        }
        fields.emplace_back(field);
        if (comma == std::string_view::npos) {
            return fields;
        }
        start = comma + 1;
    }
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
    throw CycloneError(path, "no column '" + std::string(name) + "' (columns: " + columns +
                                 "); expected " + std::string(expected));
}

double CsvTable::number(const Row& row, std::size_t column, std::string_view expected,
                        bool allowEmpty) const {
    const std::string& field = row.fields[column];
    if (field.empty() && allowEmpty) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    double value = 0.0;
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (error != std::errc() || end != field.data() + field.size() || !std::isfinite(value)) {
        throw CycloneError(path + " line " + std::to_string(row.line),
                           "column '" + header[column] + "' is '" + field + "', expected " +
                               std::string(expected));
    }
    return value;
}

const std::string& CsvTable::text(const Row& row, std::size_t column) const {
    return row.fields[column];
}

CsvTable readCsv(const std::string& path) {
    std::ifstream file(path);
    if (!file) {
        throw CycloneError(path, std::string("cannot open: ") + std::strerror(errno));
    }
    CsvTable table;
    table.path = path;
    std::string line;
    std::size_t number = 0;
    while (std::getline(file, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.find_first_not_of(" \t") == std::string::npos) {
            continue;
        }
        std::vector<std::string> fields = splitFields(line);
        if (table.header.empty()) {
            table.header = std::move(fields);
            continue;
        }
        if (fields.size() != table.header.size()) {
            throw CycloneError(path + " line " + std::to_string(number),
                               "has " + std::to_string(fields.size()) + " fields, expected " +
                                   std::to_string(table.header.size()) + " as in the header");
        }
        table.rows.push_back({number, std::move(fields)});
    }
    if (table.header.empty()) {
        throw CycloneError(path, "is empty; expected a CSV with a header line");
    }
    return table;
}

void writeFileAtomically(const std::string& path, const std::string& content) {
    const std::string temporary = path + ".part";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file) {
            throw CycloneError(path, std::string("cannot create: ") + std::strerror(errno));
        }
        file << content;
        file.flush();
        if (!file) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            throw CycloneError(path, "cannot write (disk full?)");
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        throw CycloneError(path, "cannot rename the finished file into place");
    }
}

std::string formatNumber(double value) {
    if (std::isnan(value)) {
        return "";
    }
    char text[40];
    for (int digits = 6; digits <= 17; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, value);
        if (std::strtod(text, nullptr) == value) {
            break;
        }
    }
    return text;
}

} // namespace cyclone
