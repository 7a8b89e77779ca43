#pragma once

#include "twinbench/data/CfTime.h"

#include <string>
#include <string_view>
#include <vector>

namespace cyclone {

using twins::data::CfCalendar;
using twins::data::CfDateTime;

// The 6-hourly time axis of a generated scenario: 00, 06, 12 and 18 UTC of every day from the
// first to the last date, in a CF calendar, as "hours since <first year>-01-01 00:00:00".
struct SixHourlyAxis {
    CfCalendar calendar = CfCalendar::Standard;
    int referenceYear = 2000;
    std::vector<CfDateTime> times;
    std::vector<double> hours; // since the reference

    std::string units() const;
};

// period: "YYYY-MM-DD/YYYY-MM-DD" (a date_range parameter; a time part, if any, is ignored:
// the axis always covers whole days). Throws CycloneError naming 'period' for a malformed
// range, a date the calendar does not have (2017-02-29; 2016-02-29 in noleap) or an end before
// the start.
SixHourlyAxis sixHourlyAxis(std::string_view period, CfCalendar calendar);

// Hours from `reference`'s year-start to `time`, in `calendar`.
double hoursSinceYearStart(CfCalendar calendar, int referenceYear, const CfDateTime& time);
// Day of the year, 1 on 1 January 00:00, with the time of day as a fraction.
double dayOfYear(CfCalendar calendar, const CfDateTime& time);

// "YYYY-MM-DD HH:MM:SS", the IBTrACS ISO_TIME form.
std::string isoTime(const CfDateTime& time);
// Reads "YYYY-MM-DD HH:MM[:SS]" or with 'T' in place of the space. Throws CycloneError naming
// `where` and quoting the text.
CfDateTime parseIsoTime(std::string_view text, const std::string& where);

} // namespace cyclone
