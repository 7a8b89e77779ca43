#include "twinbench/data/CfTime.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/NetcdfFile.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <regex>
#include <tuple>

namespace twins::data {

namespace {

constexpr std::int64_t microsecondsPerSecond = 1'000'000;
constexpr std::int64_t microsecondsPerDay = 86'400 * microsecondsPerSecond;

// Day numbers of the switch in the standard calendar (Julian Day Numbers): Julian 1582-10-04
// is followed by Gregorian 1582-10-15.
constexpr std::int64_t lastJulianDay = 2'299'160;
constexpr std::int64_t firstGregorianDay = 2'299'161;
// Julian Day Numbers of 0001-01-01 in each calendar, which make the two year-based countings
// below line up: JDN 2451545 is Gregorian 2000-01-01, JDN 2299160 Julian 1582-10-04.
constexpr std::int64_t gregorianEpochJdn = 1'721'426;
constexpr std::int64_t julianEpochJdn = 1'721'424;

constexpr std::array<int, 12> commonMonthLengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// Floor division and the matching non-negative remainder, for negative years and times.
std::int64_t floorDivide(std::int64_t numerator, std::int64_t denominator) {
    std::int64_t quotient = numerator / denominator;
    if ((numerator % denominator != 0) && ((numerator < 0) != (denominator < 0))) {
        --quotient;
    }
    return quotient;
}

std::string lowercase(std::string_view text) {
    std::string result(text);
    for (char& character : result) {
        character = static_cast<char>(std::tolower(static_cast<unsigned char>(character)));
    }
    return result;
}

std::string trimmed(std::string_view text) {
    const auto isSpace = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && isSpace(text[begin])) {
        ++begin;
    }
    while (end > begin && isSpace(text[end - 1])) {
        --end;
    }
    return std::string(text.substr(begin, end - begin));
}

bool isGregorianLeapYear(std::int64_t year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool isJulianLeapYear(std::int64_t year) {
    return year % 4 == 0;
}

bool isLeapYear(CfCalendar calendar, std::int64_t year) {
    switch (calendar) {
    case CfCalendar::Standard:
        // 1582 is not a leap year under either rule, so the switch year needs no special case.
        return year < 1582 ? isJulianLeapYear(year) : isGregorianLeapYear(year);
    case CfCalendar::ProlepticGregorian:
        return isGregorianLeapYear(year);
    case CfCalendar::Julian:
        return isJulianLeapYear(year);
    case CfCalendar::NoLeap:
        return false;
    case CfCalendar::AllLeap:
        return true;
    case CfCalendar::Day360:
        return false;
    }
    return false;
}

// Days from 0001-01-01 to the first of January of `year` (negative before year 1), counting
// with the Gregorian (or, with julianRule, the Julian) leap-year rule.
std::int64_t daysBeforeYear(std::int64_t year, bool julianRule) {
    const std::int64_t previous = year - 1;
    std::int64_t leapDays = floorDivide(previous, 4);
    if (!julianRule) {
        leapDays += floorDivide(previous, 400) - floorDivide(previous, 100);
    }
    return 365 * previous + leapDays;
}

// Days from the first of January to the first of `month`.
int daysBeforeMonth(CfCalendar calendar, std::int64_t year, int month) {
    int days = 0;
    for (int index = 1; index < month; ++index) {
        days += commonMonthLengths[static_cast<std::size_t>(index - 1)];
    }
    if (month > 2 && isLeapYear(calendar, year)) {
        ++days;
    }
    return days;
}

// Day number in the calendar's own year-based counting (see cfDayNumber).
std::int64_t yearBasedDayNumber(CfCalendar calendar, std::int64_t year, int month, int day) {
    const std::int64_t dayOfYear = daysBeforeMonth(calendar, year, month) + day - 1;
    switch (calendar) {
    case CfCalendar::ProlepticGregorian:
        return gregorianEpochJdn + daysBeforeYear(year, false) + dayOfYear;
    case CfCalendar::Julian:
        return julianEpochJdn + daysBeforeYear(year, true) + dayOfYear;
    case CfCalendar::NoLeap:
        return 365 * year + dayOfYear;
    case CfCalendar::AllLeap:
        return 366 * year + dayOfYear;
    default:
        return 0; // Standard and Day360 are handled by the callers
    }
}

// First day number of `year` in the calendar's counting.
std::int64_t firstDayOfYear(CfCalendar calendar, std::int64_t year) {
    return yearBasedDayNumber(calendar, year, 1, 1);
}

CfDateTime yearBasedDate(CfCalendar calendar, std::int64_t dayNumber) {
    double averageYear = 365.0;
    std::int64_t origin = 0;
    switch (calendar) {
    case CfCalendar::ProlepticGregorian:
        averageYear = 365.2425;
        origin = gregorianEpochJdn - 365; // so that the estimate lands near the right year
        break;
    case CfCalendar::Julian:
        averageYear = 365.25;
        origin = julianEpochJdn - 365;
        break;
    case CfCalendar::AllLeap:
        averageYear = 366.0;
        break;
    default:
        break;
    }
    // Estimate, then correct: the estimate is off by at most one year either way.
    std::int64_t year = static_cast<std::int64_t>(
        std::floor(static_cast<double>(dayNumber - origin) / averageYear));
    while (firstDayOfYear(calendar, year) > dayNumber) {
        --year;
    }
    while (firstDayOfYear(calendar, year + 1) <= dayNumber) {
        ++year;
    }
    int dayOfYear = static_cast<int>(dayNumber - firstDayOfYear(calendar, year));
    CfDateTime date;
    date.year = static_cast<int>(year);
    date.month = 1;
    while (date.month < 12) {
        const int length = cfDaysInMonth(calendar, date.year, date.month);
        if (dayOfYear < length) {
            break;
        }
        dayOfYear -= length;
        ++date.month;
    }
    date.day = dayOfYear + 1;
    return date;
}

std::int64_t parseInteger(const std::string& digits) {
    return std::stoll(digits);
}

std::int64_t microsecondsFromFraction(const std::string& fraction) {
    // ".5" -> 500000, ".0000015" -> 1 (truncated beyond microseconds)
    std::string padded = fraction.substr(0, 6);
    padded.resize(6, '0');
    return std::stoll(padded);
}

} // namespace

CfCalendar parseCfCalendar(std::string_view name, const std::string& path,
                           const std::string& variable) {
    const std::string key = lowercase(trimmed(name));
    if (key.empty() || key == "standard" || key == "gregorian") {
        return CfCalendar::Standard;
    }
    if (key == "proleptic_gregorian") {
        return CfCalendar::ProlepticGregorian;
    }
    if (key == "julian") {
        return CfCalendar::Julian;
    }
    if (key == "noleap" || key == "365_day") {
        return CfCalendar::NoLeap;
    }
    if (key == "all_leap" || key == "366_day") {
        return CfCalendar::AllLeap;
    }
    if (key == "360_day") {
        return CfCalendar::Day360;
    }
    throw DataError(path, variable,
                    "unknown calendar '" + std::string(name) +
                        "' (CF calendars: standard, gregorian, proleptic_gregorian, julian, "
                        "noleap, 365_day, all_leap, 366_day, 360_day)");
}

std::string cfCalendarName(CfCalendar calendar) {
    switch (calendar) {
    case CfCalendar::Standard:
        return "standard";
    case CfCalendar::ProlepticGregorian:
        return "proleptic_gregorian";
    case CfCalendar::Julian:
        return "julian";
    case CfCalendar::NoLeap:
        return "noleap";
    case CfCalendar::AllLeap:
        return "all_leap";
    case CfCalendar::Day360:
        return "360_day";
    }
    return "standard";
}

CfTimeUnits parseCfTimeUnits(std::string_view units, const std::string& path,
                             const std::string& variable) {
    const std::string text(units);
    const auto fail = [&](const std::string& why) -> DataError {
        return DataError(path, variable, "cannot parse time units '" + text + "': " + why);
    };

    static const std::regex form(R"(^\s*([A-Za-z_]+)\s+since\s+(.*?)\s*$)", std::regex::icase);
    std::smatch parts;
    if (!std::regex_match(text, parts, form)) {
        throw fail("expected '<unit> since <reference date>'");
    }

    CfTimeUnits result;
    const std::string unit = lowercase(parts[1].str());
    struct UnitName {
        const char* canonical;
        std::int64_t microseconds;
        std::array<const char*, 5> spellings;
    };
    static const std::array<UnitName, 6> unitNames = {{
        {"days", microsecondsPerDay, {"days", "day", "d", nullptr, nullptr}},
        {"hours", 3600 * microsecondsPerSecond, {"hours", "hour", "hrs", "hr", "h"}},
        {"minutes", 60 * microsecondsPerSecond, {"minutes", "minute", "mins", "min", nullptr}},
        {"seconds", microsecondsPerSecond, {"seconds", "second", "secs", "sec", "s"}},
        {"milliseconds", 1000, {"milliseconds", "millisecond", "msecs", "msec", "ms"}},
        {"microseconds", 1, {"microseconds", "microsecond", "usecs", "usec", "us"}},
    }};
    for (const UnitName& candidate : unitNames) {
        for (const char* spelling : candidate.spellings) {
            if (spelling != nullptr && unit == spelling) {
                result.unit = candidate.canonical;
                result.microsecondsPerUnit = candidate.microseconds;
            }
        }
    }
    if (result.microsecondsPerUnit == 0) {
        if (unit == "months" || unit == "month" || unit == "years" || unit == "year") {
            throw fail("'" + parts[1].str() +
                       "' is not a fixed length of time; CF recommends days or smaller units");
        }
        throw fail("unknown time unit '" + parts[1].str() +
                   "' (expected days, hours, minutes, seconds, milliseconds or microseconds)");
    }

    static const std::regex reference(
        R"(^([+-]?\d{1,6})-(\d{1,2})-(\d{1,2}))"
        R"((?:(?:T|\s+)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?)?)"
        R"(\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?$)",
        std::regex::icase);
    const std::string referenceText = parts[2].str();
    std::smatch fields;
    if (!std::regex_match(referenceText, fields, reference)) {
        throw fail("cannot read the reference date-time '" + referenceText +
                   "' (expected e.g. 1970-01-01, 1850-1-1 00:00:00 or 2000-01-01T12:00:00Z)");
    }
    CfDateTime& date = result.reference;
    date.year = static_cast<int>(parseInteger(fields[1].str()));
    date.month = static_cast<int>(parseInteger(fields[2].str()));
    date.day = static_cast<int>(parseInteger(fields[3].str()));
    if (fields[4].matched) {
        date.hour = static_cast<int>(parseInteger(fields[4].str()));
        date.minute = static_cast<int>(parseInteger(fields[5].str()));
    }
    if (fields[6].matched) {
        date.second = static_cast<int>(parseInteger(fields[6].str()));
    }
    if (fields[7].matched && fields[7].length() > 0) {
        date.microsecond = static_cast<int>(microsecondsFromFraction(fields[7].str()));
    }
    if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) {
        throw fail("the reference date '" + referenceText + "' has no such month or day");
    }
    if (date.hour > 23 || date.minute > 59 || date.second > 59) {
        throw fail("the reference time in '" + referenceText + "' is out of range");
    }
    if (fields[8].matched) {
        const std::string zone = lowercase(fields[8].str());
        if (zone != "z" && zone != "utc" && zone != "gmt") {
            const int sign = zone[0] == '-' ? -1 : 1;
            std::string digits;
            for (char c : zone.substr(1)) {
                if (c != ':') {
                    digits += c;
                }
            }
            // "6" or "06" are hours; "0530" or "530" are hours and minutes.
            int hours = 0;
            int minutes = 0;
            if (digits.size() <= 2) {
                hours = std::stoi(digits);
            } else {
                hours = std::stoi(digits.substr(0, digits.size() - 2));
                minutes = std::stoi(digits.substr(digits.size() - 2));
            }
            if (hours > 23 || minutes > 59) {
                throw fail("the time zone offset '" + fields[8].str() + "' is out of range");
            }
            result.zoneOffsetMinutes = sign * (hours * 60 + minutes);
        }
    }
    return result;
}

int cfDaysInMonth(CfCalendar calendar, int year, int month) {
    if (month < 1 || month > 12) {
        return 0;
    }
    if (calendar == CfCalendar::Day360) {
        return 30;
    }
    if (month == 2 && isLeapYear(calendar, year)) {
        return 29;
    }
    return commonMonthLengths[static_cast<std::size_t>(month - 1)];
}

bool isValidCfDate(CfCalendar calendar, int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1 || day > cfDaysInMonth(calendar, year, month)) {
        return false;
    }
    // The ten days skipped by the Gregorian reform do not exist in the standard calendar.
    return !(calendar == CfCalendar::Standard && year == 1582 && month == 10 && day > 4 &&
             day < 15);
}

std::int64_t cfDayNumber(CfCalendar calendar, int year, int month, int day) {
    switch (calendar) {
    case CfCalendar::Standard: {
        const bool gregorian = std::make_tuple(year, month, day) >= std::make_tuple(1582, 10, 15);
        return yearBasedDayNumber(gregorian ? CfCalendar::ProlepticGregorian : CfCalendar::Julian,
                                  year, month, day);
    }
    case CfCalendar::Day360:
        return 360 * static_cast<std::int64_t>(year) + 30 * (month - 1) + (day - 1);
    default:
        return yearBasedDayNumber(calendar, year, month, day);
    }
}

CfDateTime cfDateFromDayNumber(CfCalendar calendar, std::int64_t dayNumber) {
    switch (calendar) {
    case CfCalendar::Standard:
        return yearBasedDate(dayNumber >= firstGregorianDay ? CfCalendar::ProlepticGregorian
                                                            : CfCalendar::Julian,
                             dayNumber);
    case CfCalendar::Day360: {
        CfDateTime date;
        const std::int64_t year = floorDivide(dayNumber, 360);
        const std::int64_t dayOfYear = dayNumber - 360 * year;
        date.year = static_cast<int>(year);
        date.month = static_cast<int>(dayOfYear / 30) + 1;
        date.day = static_cast<int>(dayOfYear % 30) + 1;
        return date;
    }
    default:
        return yearBasedDate(calendar, dayNumber);
    }
}

CfTimeDecoder::CfTimeDecoder(std::string_view units, std::string_view calendar, std::string path,
                             std::string variable)
    : m_calendar(parseCfCalendar(calendar, path, variable)),
      m_units(parseCfTimeUnits(units, path, variable)), m_path(std::move(path)),
      m_variable(std::move(variable)) {
    static_assert(lastJulianDay + 1 == firstGregorianDay);
    const CfDateTime& reference = m_units.reference;
    if (!isValidCfDate(m_calendar, reference.year, reference.month, reference.day)) {
        throw DataError(m_path, m_variable,
                        "the reference date of the time units '" + std::string(units) +
                            "' does not exist in the " + cfCalendarName(m_calendar) + " calendar");
    }
    m_referenceDay = cfDayNumber(m_calendar, reference.year, reference.month, reference.day);
    m_referenceMicroseconds =
        ((reference.hour * 60LL + reference.minute) * 60LL + reference.second) *
            microsecondsPerSecond +
        reference.microsecond - m_units.zoneOffsetMinutes * 60LL * microsecondsPerSecond;
}

CfTimeDecoder CfTimeDecoder::forVariable(const VariableInfo& variable, const std::string& path) {
    return CfTimeDecoder(variable.units(), variable.text("calendar"), path, variable.name);
}

CfDateTime CfTimeDecoder::decode(double value) const {
    if (!std::isfinite(value)) {
        throw DataError(m_path, m_variable, "cannot decode a non-finite time value");
    }
    const double offset = value * static_cast<double>(m_units.microsecondsPerUnit);
    // int64 microseconds reach about 292000 years; keep a margin for the reference time.
    if (std::fabs(offset) > 9.0e18) {
        throw DataError(m_path, m_variable,
                        "time value " + std::to_string(value) + " " + m_units.unit +
                            " is too far from the reference date to decode");
    }
    const std::int64_t total = std::llround(offset) + m_referenceMicroseconds;
    const std::int64_t days = floorDivide(total, microsecondsPerDay);
    std::int64_t timeOfDay = total - days * microsecondsPerDay;

    CfDateTime result = cfDateFromDayNumber(m_calendar, m_referenceDay + days);
    result.hour = static_cast<int>(timeOfDay / (3600 * microsecondsPerSecond));
    timeOfDay -= result.hour * 3600 * microsecondsPerSecond;
    result.minute = static_cast<int>(timeOfDay / (60 * microsecondsPerSecond));
    timeOfDay -= result.minute * 60 * microsecondsPerSecond;
    result.second = static_cast<int>(timeOfDay / microsecondsPerSecond);
    result.microsecond = static_cast<int>(timeOfDay - result.second * microsecondsPerSecond);
    return result;
}

std::string formatCfDateTime(const CfDateTime& dateTime) {
    char buffer[96];
    const char* sign = dateTime.year < 0 ? "-" : "";
    const long long year = dateTime.year < 0 ? -static_cast<long long>(dateTime.year)
                                             : static_cast<long long>(dateTime.year);
    std::snprintf(buffer, sizeof buffer, "%s%04lld-%02d-%02d %02d:%02d:%02d", sign, year,
                  dateTime.month, dateTime.day, dateTime.hour, dateTime.minute, dateTime.second);
    std::string text = buffer;
    if (dateTime.microsecond != 0) {
        std::snprintf(buffer, sizeof buffer, ".%06d", dateTime.microsecond);
        std::string fraction = buffer;
        while (fraction.back() == '0') {
            fraction.pop_back();
        }
        text += fraction;
    }
    return text;
}

bool isTimeCoordinate(const VariableInfo& variable) {
    if (!variable.isNumeric()) {
        return false;
    }
    const std::string units = lowercase(trimmed(variable.units()));
    const std::size_t since = units.find(" since ");
    return since != std::string::npos && since > 0 && since + 7 < units.size();
}

} // namespace twins::data
