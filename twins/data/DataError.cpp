#include "twinbench/data/DataError.h"

namespace twins::data {

namespace {
std::string composeMessage(const std::string& path, const std::string& variable,
                           const std::string& reason) {
    std::string message = path;
    if (!variable.empty()) {
        message += ", variable '" + variable + "'";
    }
    return message + ": " + reason;
}
} // namespace

DataError::DataError(std::string path, std::string variable, std::string reason)
    : std::runtime_error(composeMessage(path, variable, reason)), m_path(std::move(path)),
      m_variable(std::move(variable)), m_reason(std::move(reason)) {}

} // namespace twins::data
