#pragma once

// Physical units through udunits2 (the library CF names for its units syntax): parse a units
// attribute, ask whether two units are convertible, convert values (K -> degC, Pa -> hPa).
//
// Threads: udunits2 keeps global state (its error handler, the status of the last call), so
// every call into it holds one process-wide lock; the unit database is read once.

#include <memory>
#include <string>
#include <vector>

namespace twins::data {

class Units {
public:
    // Throws DataError(path, variable, ...) quoting the text when udunits2 cannot parse it, or
    // when its unit database cannot be loaded. path and variable only label the error.
    static Units parse(const std::string& text, const std::string& path = "",
                       const std::string& variable = "");

    const std::string& text() const { return m_text; }
    bool isConvertibleTo(const Units& other) const;
    // Converts in place. Throws DataError (naming both units) when they are not convertible.
    void convert(std::vector<double>& values, const Units& target) const;
    double convert(double value, const Units& target) const;

private:
    Units(std::string text, std::shared_ptr<void> unit, std::string path, std::string variable);
    std::string m_text;
    std::shared_ptr<void> m_unit; // ut_unit*, freed with ut_free
    std::string m_path;
    std::string m_variable;
};

} // namespace twins::data
