#include "twinbench/data/Units.h"

#include "twinbench/data/DataError.h"

#include <mutex>
#include <udunits2.h>

namespace twins::data {

namespace {

std::mutex& udunitsMutex() {
    static std::mutex mutex;
    return mutex;
}

// Caller holds udunitsMutex(). Loaded once; udunits2 prints warnings about its own XML
// database to stderr, which would reach the user for nothing, so its handler is silenced.
ut_system* unitSystem(const std::string& path, const std::string& variable) {
    static ut_system* system = [] {
        ut_set_error_message_handler(ut_ignore);
        return ut_read_xml(nullptr);
    }();
    if (system == nullptr) {
        throw DataError(path, variable,
                        "cannot load the udunits2 unit database (libudunits2-data installed?)");
    }
    return system;
}

} // namespace

Units::Units(std::string text, std::shared_ptr<void> unit, std::string path, std::string variable)
    : m_text(std::move(text)), m_unit(std::move(unit)), m_path(std::move(path)),
      m_variable(std::move(variable)) {}

Units Units::parse(const std::string& text, const std::string& path, const std::string& variable) {
    std::lock_guard lock(udunitsMutex());
    ut_system* system = unitSystem(path, variable);
    // udunits2 rejects surrounding blanks; CF files often have them.
    const std::size_t first = text.find_first_not_of(" \t");
    const std::size_t last = text.find_last_not_of(" \t");
    const std::string trimmed =
        first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
    ut_unit* unit = ut_parse(system, trimmed.c_str(), UT_UTF8);
    if (unit == nullptr) {
        throw DataError(path, variable, "unknown unit '" + text + "' (udunits2 cannot parse it)");
    }
    std::shared_ptr<void> owned(unit, [](void* pointer) {
        std::lock_guard lock(udunitsMutex());
        ut_free(static_cast<ut_unit*>(pointer));
    });
    return Units(text, std::move(owned), path, variable);
}

bool Units::isConvertibleTo(const Units& other) const {
    std::lock_guard lock(udunitsMutex());
    return ut_are_convertible(static_cast<const ut_unit*>(m_unit.get()),
                              static_cast<const ut_unit*>(other.m_unit.get())) != 0;
}

void Units::convert(std::vector<double>& values, const Units& target) const {
    std::lock_guard lock(udunitsMutex());
    cv_converter* converter = ut_get_converter(static_cast<ut_unit*>(m_unit.get()),
                                               static_cast<ut_unit*>(target.m_unit.get()));
    if (converter == nullptr) {
        throw DataError(m_path, m_variable,
                        "cannot convert '" + m_text + "' to '" + target.m_text +
                            "': the units are not convertible");
    }
    cv_convert_doubles(converter, values.data(), values.size(), values.data());
    cv_free(converter);
}

double Units::convert(double value, const Units& target) const {
    std::vector<double> values{value};
    convert(values, target);
    return values.front();
}

} // namespace twins::data
