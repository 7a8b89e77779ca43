#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace twins::sdk {

// The CSV files of every twin and of the GUI's result readers: comma-separated, RFC 4180
// quoting ("a,b" for a field with a comma, "" for a quote inside quotes), one record per line
// (quoted line breaks are refused, so every message can name a line), blank lines skipped,
// fields trimmed of spaces and tabs outside quotes, an optional UTF-8 byte order mark ignored.
struct CsvTable {
    std::string path; // for messages
    std::vector<std::string> header;
    // The line after the header when read with CsvReadOptions::unitsRow (IBTrACS puts each
    // column's units there); empty otherwise.
    std::vector<std::string> units;
    struct Row {
        std::size_t line = 0; // 1-based line number in the file
        std::vector<std::string> fields;
    };
    std::vector<Row> rows;

    // Index of a column (exact, case-sensitive), or nullopt.
    std::optional<std::size_t> findColumn(std::string_view name) const;
    // Throws TwinFileError "<path>: no column 'X' (columns: ...); expected <expected>".
    std::size_t column(std::string_view name, std::string_view expected) const;
    // The units of a column from the units row; empty without one.
    std::string unitsOf(std::size_t column) const;

    // Field of a row as a number. Throws TwinFileError "<path> line N: column 'X' is '...',
    // expected <expected>". An empty field gives NaN when allowEmpty.
    double number(const Row& row, std::size_t column, std::string_view expected,
                  bool allowEmpty = false) const;
    const std::string& text(const Row& row, std::size_t column) const;
    // "<path> line N", for a caller's own messages about a row.
    std::string where(const Row& row) const;
};

struct CsvReadOptions {
    bool unitsRow = false; // the line after the header holds units, not data
};

// Reads a CSV whose first non-blank line is the header. Throws TwinFileError for a missing or
// unreadable file, an empty file, an unterminated quote, or a row whose field count differs
// from the header's.
CsvTable readCsv(const std::string& path, CsvReadOptions options = {});
// The same for text already in memory; `path` is only used in messages.
CsvTable parseCsv(std::string_view text, const std::string& path, CsvReadOptions options = {});

// Shortest decimal text that reads back to exactly the same double (std::to_chars: the fixed or
// scientific form, whichever is shorter, e.g. "12.5", "0.1", "1e-05", "6.02214076e+23");
// NaN gives the empty field, infinities "inf" / "-inf". The same on every machine.
std::string formatNumber(double value);
// `decimals` digits after the point ("%.*f"), for files whose readers expect a fixed layout
// (IBTrACS: one decimal for winds); NaN gives the empty field.
std::string formatFixed(double value, int decimals);

// Builds a CSV file's text row by row; write it with writeFileAtomically (AtomicFile.h) or
// writeTo(). Text fields are quoted only when they need it.
class CsvWriter {
public:
    explicit CsvWriter(const std::vector<std::string>& header);

    // Fields of the current row, in column order; endRow() checks the count.
    CsvWriter& add(double value) { return addRaw(formatNumber(value)); }
    CsvWriter& add(std::int64_t value) { return addRaw(std::to_string(value)); }
    CsvWriter& add(int value) { return add(static_cast<std::int64_t>(value)); }
    CsvWriter& add(std::size_t value) { return addRaw(std::to_string(value)); }
    CsvWriter& add(std::string_view text);
    CsvWriter& add(const char* text) { return add(std::string_view(text)); }
    CsvWriter& add(const std::string& text) { return add(std::string_view(text)); }
    // A field already formatted (formatFixed); quoted if it needs it.
    CsvWriter& addFixed(double value, int decimals) { return addRaw(formatFixed(value, decimals)); }
    // Ends the row. Throws std::logic_error when it has another number of fields than the
    // header: a programming error, not a user's.
    void endRow();
    // A whole row of text fields (e.g. IBTrACS's units line).
    void row(std::initializer_list<std::string_view> fields);

    const std::string& text() const { return m_text; }
    std::size_t rows() const { return m_rows; }
    // writeFileAtomically(path, text()).
    void writeTo(const std::string& path) const;

private:
    CsvWriter& addRaw(std::string field);

    std::string m_text;
    std::size_t m_columns = 0;
    std::size_t m_fieldsInRow = 0;
    std::size_t m_rows = 0;
};

// One field as it appears in a CSV line: quoted when it holds a comma, a quote, a line break or
// leading/trailing blanks.
std::string csvField(std::string_view text);

} // namespace twins::sdk
