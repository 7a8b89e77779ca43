#pragma once

#include <stdexcept>
#include <string>

namespace twins::data {

// Every failure of the data layer is a DataError whose message names the file, the variable
// (when there is one) and what went wrong, so the GUI and CLI can show it to the user as is.
class DataError : public std::runtime_error {
public:
    DataError(std::string path, std::string variable, std::string reason);

    const std::string& path() const { return m_path; }
    const std::string& variable() const { return m_variable; }
    const std::string& reason() const { return m_reason; }

private:
    std::string m_path;
    std::string m_variable;
    std::string m_reason;
};

} // namespace twins::data
