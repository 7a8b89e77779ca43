#include "EightDayAxis.h"

#include "WildfireError.h"

namespace wildfire {

namespace {

// Days from 1970-01-01 to year-01-01 in the proleptic Gregorian calendar (H. Hinnant's
// days_from_civil for 1 January).
long daysFromCivil(int year) {
    const int y = year - 1; // January and February belong to the previous "March year"
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (1 + 9) + 2) / 5; // 1 January, counted from 1 March
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool isLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

} // namespace

int EightDayAxis::daysInYear(int year) {
    return isLeap(year) ? 366 : 365;
}

long EightDayAxis::daysToYear(int year) {
    return daysFromCivil(year) - daysFromCivil(2001);
}

EightDayAxis::EightDayAxis(int firstYear, int lastYear) {
    if (firstYear < 1950 || lastYear > 2300) {
        throw WildfireError("parameters 'first_year' (" + std::to_string(firstYear) +
                            ") and 'last_year' (" + std::to_string(lastYear) +
                            "): years must lie in 1950..2300");
    }
    if (firstYear > lastYear) {
        throw WildfireError("parameters 'first_year' (" + std::to_string(firstYear) +
                            ") and 'last_year' (" + std::to_string(lastYear) +
                            ") are reversed: the first year must not be after the last");
    }
    for (int year = firstYear; year <= lastYear; ++year) {
        const long start = daysToYear(year);
        for (int k = 0; k < stepsPerYear; ++k) {
            EightDayStep step;
            step.year = year;
            step.dayOfYear = 1 + k * stepDays;
            step.days = k + 1 < stepsPerYear ? stepDays : daysInYear(year) - k * stepDays;
            step.daysSinceEpoch = static_cast<double>(start + k * stepDays);
            m_steps.push_back(step);
        }
    }
}

} // namespace wildfire
