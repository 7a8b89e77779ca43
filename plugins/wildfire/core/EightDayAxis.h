#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace wildfire {

// SeasFire's time axis: in every year, steps start on 1 January and every 8 days after, 46 a
// year (the last one, from day 361, is 5 or 6 days long and ends on 31 December). Times are the
// steps' start dates, as "days since 2001-01-01 00:00:00" in the proleptic Gregorian calendar.
struct EightDayStep {
    int year = 0;
    int dayOfYear = 1;           // of the first day, 1-based
    int days = 8;                // length of the step
    double daysSinceEpoch = 0.0; // start, days since 2001-01-01
};

class EightDayAxis {
public:
    static constexpr int stepsPerYear = 46;
    static constexpr int stepDays = 8;
    static constexpr const char* units = "days since 2001-01-01 00:00:00";
    static constexpr const char* calendar = "proleptic_gregorian";

    // Every step of the years firstYear..lastYear. Throws WildfireError naming 'first_year' and
    // 'last_year' when they are reversed or outside 1950..2300.
    EightDayAxis(int firstYear, int lastYear);

    const std::vector<EightDayStep>& steps() const { return m_steps; }
    std::size_t size() const { return m_steps.size(); }

    // Days from 2001-01-01 to year-01-01.
    static long daysToYear(int year);
    static int daysInYear(int year);

private:
    std::vector<EightDayStep> m_steps;
};

} // namespace wildfire
