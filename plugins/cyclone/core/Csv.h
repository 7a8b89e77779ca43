#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cyclone {

// The plain comma-separated files of this twin (no quoting: none of the fields contains a comma,
// and IBTrACS CSVs have none either). Reading keeps line numbers so errors can point at them.
struct CsvTable {
    std::string path;
    std::vector<std::string> header;
    struct Row {
        std::size_t line = 0; // 1-based line number in the file
        std::vector<std::string> fields;
    };
    std::vector<Row> rows;

    // Index of a column (exact, case-sensitive), or nullopt.
    std::optional<std::size_t> findColumn(std::string_view name) const;
    // Throws CycloneError "<path>: no column 'X' (columns: ...); expected <what>".
    std::size_t column(std::string_view name, std::string_view expected) const;

    // Field of a row as a number. Throws CycloneError "<path> line N: column 'X' is '...',
    // expected <expected>". An empty field gives NaN when allowEmpty.
    double number(const Row& row, std::size_t column, std::string_view expected,
                  bool allowEmpty = false) const;
    const std::string& text(const Row& row, std::size_t column) const;
};

// Reads a CSV whose first line is the header; blank lines are skipped. Throws CycloneError for a
// missing or unreadable file, an empty file, or a row whose field count differs from the header.
CsvTable readCsv(const std::string& path);

// Writes `content` to `path` through a temporary file in the same directory and a rename, so a
// reader never sees a half-written file. Throws CycloneError naming the path.
void writeFileAtomically(const std::string& path, const std::string& content);

// Shortest decimal text that reads back to the same double ("%.17g" trimmed by trying fewer
// digits), so CSV round trips are exact without printing 17 digits for 12.5.
std::string formatNumber(double value);

} // namespace cyclone
