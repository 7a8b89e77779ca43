#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace twins::data {

struct VariableInfo;

// CF time coordinates (CF 1.10 section 4.4): numbers counted in a fixed unit since a reference
// date-time, interpreted in one of the CF calendars.
//
// Why no library: udunits2 only knows the mixed Julian/Gregorian calendar, so it cannot decode
// noleap, all_leap or 360_day axes (the norm in climate model output), and cftime, which can,
// is a Python package. The arithmetic is small: every calendar below maps a date to an integer
// day number and back, and times of day are integer microseconds, so decoding is exact (no
// floating-point drift over long axes) apart from the one rounding of value x unit.

enum class CfCalendar {
    Standard,           // "standard" / "gregorian": Julian before 1582-10-15, Gregorian from it
    ProlepticGregorian, // "proleptic_gregorian": Gregorian rules extended to all dates
    Julian,             // "julian": a leap year every 4 years
    NoLeap,             // "noleap" / "365_day": no year has a 29 February
    AllLeap,            // "all_leap" / "366_day": every year has a 29 February
    Day360,             // "360_day": twelve 30-day months
};

// A calendar date and time of day. Years are astronomical (year 0 exists, -1 is 2 BC), as in
// cftime for the non-standard calendars. For the standard calendar, dates before the switch are
// Julian, dates from 1582-10-15 on are Gregorian.
struct CfDateTime {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31 (1..30 in 360_day)
    int hour = 0;   // 0..23
    int minute = 0; // 0..59
    int second = 0; // 0..59
    int microsecond = 0;

    bool operator==(const CfDateTime&) const = default;
};

// The parsed units attribute "<unit> since <reference>".
struct CfTimeUnits {
    std::string unit; // canonical: "days", "hours", ..., "microseconds"
    std::int64_t microsecondsPerUnit = 0;
    CfDateTime reference;      // as written (local to the zone offset)
    int zoneOffsetMinutes = 0; // +05:30 -> 330; "Z", "UTC" or none -> 0
};

// Accepts the CF names case-insensitively; an empty name means "standard" (the CF default).
// Throws DataError(path, variable, ...) quoting the text for an unknown calendar.
CfCalendar parseCfCalendar(std::string_view name, const std::string& path,
                           const std::string& variable);
// The canonical CF name: "standard", "proleptic_gregorian", "julian", "noleap", "all_leap",
// "360_day".
std::string cfCalendarName(CfCalendar calendar);

// Parses "<unit> since <date>[( |T)<time>][ ][<zone>]" where unit is days/day/d,
// hours/hour/hrs/hr/h, minutes/minute/mins/min, seconds/second/secs/sec/s,
// milliseconds/millisecond/msecs/msec/ms or microseconds/microsecond/us (case-insensitive);
// date is Y-M-D with an optional leading minus and 1- or 2-digit month and day; time is
// H:M[:S[.fraction]]; zone is Z, UTC, GMT or +-H[H][[:]MM]. Examples: "days since 1970-01-01",
// "hours since 1850-1-1 00:00:00", "seconds since 2000-01-01T12:00:00Z",
// "minutes since 1990-01-01 00:00:00 -06:00". Months and years are refused (not fixed lengths).
// The reference date is checked against its calendar only by CfTimeDecoder.
// Throws DataError(path, variable, ...) quoting the units text when they cannot be parsed.
CfTimeUnits parseCfTimeUnits(std::string_view units, const std::string& path,
                             const std::string& variable);

// Calendar arithmetic, exposed for tests and for code that steps through dates.
int cfDaysInMonth(CfCalendar calendar, int year, int month);
bool isValidCfDate(CfCalendar calendar, int year, int month, int day);
// A day count that increases by one per calendar day. Standard, julian and proleptic_gregorian
// share one numbering (the Julian Day Number of the date at noon), so differences between them
// are meaningful; the other calendars count from an arbitrary origin of their own. The date must
// be valid.
std::int64_t cfDayNumber(CfCalendar calendar, int year, int month, int day);
// The inverse of cfDayNumber; hour, minute, second and microsecond are 0.
CfDateTime cfDateFromDayNumber(CfCalendar calendar, std::int64_t dayNumber);

// Converts numeric time values of one variable into UTC calendar date-times.
class CfTimeDecoder {
public:
    // Throws DataError(path, variable, ...) for unparsable units, an unknown calendar, or a
    // reference date that does not exist in the calendar (e.g. 1582-10-10 in "standard",
    // 2001-02-29 in "noleap").
    CfTimeDecoder(std::string_view units, std::string_view calendar, std::string path,
                  std::string variable);
    // Uses the variable's "units" and "calendar" attributes.
    static CfTimeDecoder forVariable(const VariableInfo& variable, const std::string& path);

    CfCalendar calendar() const { return m_calendar; }
    const CfTimeUnits& units() const { return m_units; }

    // value x unit after the reference, rounded to the microsecond. Throws DataError for NaN,
    // infinity, or a value beyond about +-290000 years.
    CfDateTime decode(double value) const;

private:
    CfCalendar m_calendar;
    CfTimeUnits m_units;
    std::string m_path;
    std::string m_variable;
    std::int64_t m_referenceDay = 0; // day number of the reference date
    std::int64_t m_referenceMicroseconds =
        0; // reference time of day in UTC; may be < 0 or >= 1 day
};

// "YYYY-MM-DD HH:MM:SS", always with the time part; a fraction of a second is appended
// (".5", ".000125") only when it is not zero. Years outside 0..9999 print with their sign or
// extra digits ("-0044-03-15 ...", "12000-01-01 ...").
std::string formatCfDateTime(const CfDateTime& dateTime);

// True for a numeric variable whose units have the CF time form "<something> since <...>" (CF
// identifies time coordinates from the units alone). Does not validate the units or calendar:
// CfTimeDecoder does, and reports what is wrong.
bool isTimeCoordinate(const VariableInfo& variable);

} // namespace twins::data
