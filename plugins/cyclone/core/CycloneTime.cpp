#include "CycloneTime.h"

#include "CycloneError.h"

#include <charconv>
#include <cstdio>

namespace cyclone {

namespace {

bool readNumber(std::string_view text, std::size_t position, std::size_t length, int& value) {
    if (position + length > text.size()) {
        return false;
    }
    const char* first = text.data() + position;
    const auto [end, error] = std::from_chars(first, first + length, value);
    return error == std::errc() && end == first + length;
}

// Parses the date part "YYYY-MM-DD" at the start of `text`.
bool readDate(std::string_view text, CfDateTime& date) {
    return text.size() >= 10 && text[4] == '-' && text[7] == '-' &&
           readNumber(text, 0, 4, date.year) && readNumber(text, 5, 2, date.month) &&
           readNumber(text, 8, 2, date.day);
}

} // namespace

std::string SixHourlyAxis::units() const {
    char text[48];
    std::snprintf(text, sizeof text, "hours since %04d-01-01 00:00:00", referenceYear);
    return text;
}

double hoursSinceYearStart(CfCalendar calendar, int referenceYear, const CfDateTime& time) {
    const auto days = twins::data::cfDayNumber(calendar, time.year, time.month, time.day) -
                      twins::data::cfDayNumber(calendar, referenceYear, 1, 1);
    return static_cast<double>(days) * 24.0 + time.hour + time.minute / 60.0 + time.second / 3600.0;
}

double dayOfYear(CfCalendar calendar, const CfDateTime& time) {
    return 1.0 + hoursSinceYearStart(calendar, time.year, time) / 24.0;
}

SixHourlyAxis sixHourlyAxis(std::string_view period, CfCalendar calendar) {
    const std::string where = "parameter 'period'";
    const auto slash = period.find('/');
    CfDateTime first;
    CfDateTime last;
    if (slash == std::string_view::npos || !readDate(period.substr(0, slash), first) ||
        !readDate(period.substr(slash + 1), last)) {
        throw CycloneError(where, "is '" + std::string(period) +
                                      "'; expected an ISO 8601 date range YYYY-MM-DD/YYYY-MM-DD");
    }
    for (const CfDateTime* date : {&first, &last}) {
        if (!twins::data::isValidCfDate(calendar, date->year, date->month, date->day)) {
            throw CycloneError(where, isoTime(*date).substr(0, 10) + " does not exist in the " +
                                          twins::data::cfCalendarName(calendar) + " calendar");
        }
    }
    const auto firstDay = twins::data::cfDayNumber(calendar, first.year, first.month, first.day);
    const auto lastDay = twins::data::cfDayNumber(calendar, last.year, last.month, last.day);
    if (lastDay < firstDay) {
        throw CycloneError(where, "ends before it starts ('" + std::string(period) + "')");
    }
    SixHourlyAxis axis;
    axis.calendar = calendar;
    axis.referenceYear = first.year;
    for (auto day = firstDay; day <= lastDay; ++day) {
        CfDateTime date = twins::data::cfDateFromDayNumber(calendar, day);
        for (int hour = 0; hour < 24; hour += 6) {
            date.hour = hour;
            axis.times.push_back(date);
            axis.hours.push_back(hoursSinceYearStart(calendar, axis.referenceYear, date));
        }
    }
    return axis;
}

std::string isoTime(const CfDateTime& time) {
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", time.year, time.month,
                  time.day, time.hour, time.minute, time.second);
    return text;
}

CfDateTime parseIsoTime(std::string_view text, const std::string& where) {
    CfDateTime time;
    const bool hasTime = text.size() >= 16 && (text[10] == ' ' || text[10] == 'T') &&
                         text[13] == ':' && readNumber(text, 11, 2, time.hour) &&
                         readNumber(text, 14, 2, time.minute);
    const bool seconds = text.size() == 16 || (text.size() >= 19 && text[16] == ':' &&
                                               readNumber(text, 17, 2, time.second));
    if (!readDate(text, time) || !hasTime || !seconds || time.month < 1 || time.month > 12 ||
        time.day < 1 || time.day > 31 || time.hour > 23 || time.minute > 59 || time.second > 59) {
        throw CycloneError(where, "time '" + std::string(text) +
                                      "' is not of the form YYYY-MM-DD HH:MM:SS");
    }
    return time;
}

} // namespace cyclone
