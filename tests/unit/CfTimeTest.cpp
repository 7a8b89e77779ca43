// CF time decoding: units parsing, every CF calendar's arithmetic against known dates, and
// clear errors for bad units and unknown calendars.
#include "twinbench/data/CfTime.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/NetcdfFile.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace twins::data;

namespace {

std::string decoded(const char* units, const char* calendar, double value) {
    const CfTimeDecoder decoder(units, calendar, "test.nc", "time");
    return formatCfDateTime(decoder.decode(value));
}

// The DataError message of constructing a decoder, or "" when it does not throw.
QString constructionError(const char* units, const char* calendar) {
    try {
        CfTimeDecoder decoder(units, calendar, "test.nc", "time");
    } catch (const DataError& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

VariableInfo variableWith(const std::string& type, const std::string& units) {
    VariableInfo info;
    info.name = "t";
    info.typeName = type;
    info.dimensions = {"t"};
    info.shape = {3};
    Attribute attribute;
    attribute.name = "units";
    attribute.text = units;
    attribute.isText = true;
    info.attributes.push_back(attribute);
    return info;
}

} // namespace

class CfTimeTest : public QObject {
    Q_OBJECT

private slots:
    void parsesUnitsAndReferenceForms() {
        const CfTimeUnits days = parseCfTimeUnits("days since 1970-01-01", "f.nc", "time");
        QCOMPARE(days.unit, std::string("days"));
        QCOMPARE(days.microsecondsPerUnit, std::int64_t(86400) * 1000000);
        QCOMPARE(days.reference, (CfDateTime{1970, 1, 1, 0, 0, 0, 0}));

        const CfTimeUnits hours = parseCfTimeUnits("hours since 1850-1-1 00:00:00", "f.nc", "t");
        QCOMPARE(hours.unit, std::string("hours"));
        QCOMPARE(hours.reference, (CfDateTime{1850, 1, 1, 0, 0, 0, 0}));

        const CfTimeUnits zulu = parseCfTimeUnits("seconds since 2000-01-01T12:00:00Z", "", "t");
        QCOMPARE(zulu.unit, std::string("seconds"));
        QCOMPARE(zulu.reference, (CfDateTime{2000, 1, 1, 12, 0, 0, 0}));
        QCOMPARE(zulu.zoneOffsetMinutes, 0);

        const CfTimeUnits zoned =
            parseCfTimeUnits("  Minutes  since 1990-01-01 06:30:15.25 +05:30 ", "", "t");
        QCOMPARE(zoned.unit, std::string("minutes"));
        QCOMPARE(zoned.reference, (CfDateTime{1990, 1, 1, 6, 30, 15, 250000}));
        QCOMPARE(zoned.zoneOffsetMinutes, 330);
        QCOMPARE(parseCfTimeUnits("h since 1990-1-1 0:0:0 -6", "", "t").zoneOffsetMinutes, -360);
        QCOMPARE(parseCfTimeUnits("s since 1990-1-1 00:00 UTC", "", "t").zoneOffsetMinutes, 0);
        QCOMPARE(parseCfTimeUnits("d since 1990-1-1T00:00:00-0130", "", "t").zoneOffsetMinutes,
                 -90);

        // Every unit spelling, plural and abbreviation.
        const std::pair<const char*, std::int64_t> spellings[] = {
            {"days", 86400000000}, {"day", 86400000000}, {"d", 86400000000},
            {"hours", 3600000000}, {"hour", 3600000000}, {"hrs", 3600000000},
            {"hr", 3600000000},    {"h", 3600000000},    {"minutes", 60000000},
            {"minute", 60000000},  {"mins", 60000000},   {"min", 60000000},
            {"seconds", 1000000},  {"second", 1000000},  {"secs", 1000000},
            {"sec", 1000000},      {"s", 1000000},       {"milliseconds", 1000},
            {"millisecond", 1000}, {"msecs", 1000},      {"msec", 1000},
            {"ms", 1000},          {"microseconds", 1},  {"us", 1},
        };
        for (const auto& [spelling, microseconds] : spellings) {
            const std::string units = std::string(spelling) + " since 2000-01-01";
            QCOMPARE(parseCfTimeUnits(units, "", "t").microsecondsPerUnit, microseconds);
        }
    }

    void standardCalendar() {
        QCOMPARE(decoded("days since 1970-01-01", "standard", 0),
                 std::string("1970-01-01 00:00:00"));
        QCOMPARE(decoded("days since 1970-01-01", "gregorian", 10957),
                 std::string("2000-01-01 00:00:00"));
        QCOMPARE(decoded("days since 1970-01-01", "", -1), std::string("1969-12-31 00:00:00"));
        // 2000 is a Gregorian leap year, 1900 is not.
        QCOMPARE(decoded("days since 2000-02-28", "standard", 1),
                 std::string("2000-02-29 00:00:00"));
        QCOMPARE(decoded("days since 1900-02-28", "standard", 1),
                 std::string("1900-03-01 00:00:00"));
        // The Gregorian reform: Thursday 1582-10-04 is followed by Friday 1582-10-15.
        QCOMPARE(decoded("days since 1582-10-04", "standard", 1),
                 std::string("1582-10-15 00:00:00"));
        QCOMPARE(decoded("days since 1582-10-15", "standard", -1),
                 std::string("1582-10-04 00:00:00"));
        QCOMPARE(decoded("days since 1582-10-04 12:00:00", "standard", 0.5),
                 std::string("1582-10-15 00:00:00"));
        // Before the switch, Julian rules: 1500 is a leap year.
        QCOMPARE(decoded("days since 1500-02-28", "standard", 1),
                 std::string("1500-02-29 00:00:00"));
        // Julian Day Numbers: JD 2451545.0 is 2000-01-01 12:00, JD 2299160.5 is 1582-10-15 00:00,
        // counted from noon of 1 January 4713 BC (astronomical year -4712, Julian calendar).
        QCOMPARE(decoded("days since -4712-01-01 12:00:00", "standard", 2451545.0),
                 std::string("2000-01-01 12:00:00"));
        QCOMPARE(decoded("days since -4712-01-01 12:00:00", "standard", 2299160.5),
                 std::string("1582-10-15 00:00:00"));
        QCOMPARE(decoded("days since -4712-01-01 12:00:00", "standard", 2299159.5),
                 std::string("1582-10-04 00:00:00"));
        QCOMPARE(decoded("days since -4712-01-01 12:00:00", "standard", 0),
                 std::string("-4712-01-01 12:00:00"));
        // The skipped days are not valid reference dates.
        QVERIFY(!isValidCfDate(CfCalendar::Standard, 1582, 10, 10));
        QVERIFY(isValidCfDate(CfCalendar::ProlepticGregorian, 1582, 10, 10));
        QVERIFY(isValidCfDate(CfCalendar::Julian, 1582, 10, 10));
        QVERIFY(constructionError("days since 1582-10-10", "standard").contains("1582-10-10"));
    }

    void prolepticGregorianCalendar() {
        QCOMPARE(decoded("days since 1582-10-04", "proleptic_gregorian", 1),
                 std::string("1582-10-05 00:00:00"));
        QCOMPARE(decoded("days since 1970-01-01", "proleptic_gregorian", 10957),
                 std::string("2000-01-01 00:00:00"));
        // 1 January of year 1 is 719162 days before the Unix epoch (proleptic Gregorian).
        QCOMPARE(decoded("days since 1970-01-01", "proleptic_gregorian", -719162),
                 std::string("0001-01-01 00:00:00"));
        QCOMPARE(decoded("days since 1970-01-01", "proleptic_gregorian", -719163),
                 std::string("0000-12-31 00:00:00"));
        QCOMPARE(decoded("days since 1600-02-28", "proleptic_gregorian", 1),
                 std::string("1600-02-29 00:00:00"));
        QCOMPARE(decoded("days since 1500-02-28", "proleptic_gregorian", 1),
                 std::string("1500-03-01 00:00:00"));
        // 400 Gregorian years are 146097 days.
        QCOMPARE(decoded("days since 2000-03-01", "proleptic_gregorian", 146097),
                 std::string("2400-03-01 00:00:00"));
        QCOMPARE(decoded("days since 2000-03-01", "proleptic_gregorian", -146097),
                 std::string("1600-03-01 00:00:00"));
    }

    void julianCalendar() {
        QCOMPARE(decoded("days since 1900-02-28", "julian", 1), std::string("1900-02-29 00:00:00"));
        QCOMPARE(decoded("days since 1900-02-28", "julian", 2), std::string("1900-03-01 00:00:00"));
        QVERIFY(isValidCfDate(CfCalendar::Julian, 1900, 2, 29));
        QVERIFY(!isValidCfDate(CfCalendar::ProlepticGregorian, 1900, 2, 29));
        // Julian 2000-01-01 is Gregorian 2000-01-14: the two day numberings are aligned.
        QCOMPARE(cfDayNumber(CfCalendar::Julian, 2000, 1, 1),
                 cfDayNumber(CfCalendar::ProlepticGregorian, 2000, 1, 14));
        QCOMPARE(cfDayNumber(CfCalendar::ProlepticGregorian, 2000, 1, 1), std::int64_t(2451545));
        // 4 Julian years are 1461 days.
        QCOMPARE(decoded("days since 2001-01-01", "julian", 1461),
                 std::string("2005-01-01 00:00:00"));
    }

    void noLeapCalendar() {
        QCOMPARE(decoded("days since 2000-02-28", "noleap", 1), std::string("2000-03-01 00:00:00"));
        QCOMPARE(decoded("days since 2000-01-01", "365_day", 365),
                 std::string("2001-01-01 00:00:00"));
        QCOMPARE(decoded("days since 2000-01-01", "noleap", 59),
                 std::string("2000-03-01 00:00:00"));
        QCOMPARE(decoded("days since 0001-01-01", "noleap", -1),
                 std::string("0000-12-31 00:00:00"));
        for (int year : {1600, 1900, 2000, 2004}) {
            QVERIFY(!isValidCfDate(CfCalendar::NoLeap, year, 2, 29));
            QCOMPARE(cfDaysInMonth(CfCalendar::NoLeap, year, 2), 28);
        }
        QVERIFY(constructionError("days since 2000-02-29", "noleap").contains("noleap"));
        // Round trip over a few thousand years.
        for (std::int64_t day = -800000; day < 800000; day += 997) {
            const CfDateTime date = cfDateFromDayNumber(CfCalendar::NoLeap, day);
            QCOMPARE(cfDayNumber(CfCalendar::NoLeap, date.year, date.month, date.day), day);
        }
    }

    void allLeapCalendar() {
        QCOMPARE(decoded("days since 2001-02-28", "all_leap", 1),
                 std::string("2001-02-29 00:00:00"));
        QCOMPARE(decoded("days since 2001-01-01", "366_day", 365),
                 std::string("2001-12-31 00:00:00"));
        QCOMPARE(decoded("days since 2001-01-01", "all_leap", 366),
                 std::string("2002-01-01 00:00:00"));
        QCOMPARE(cfDaysInMonth(CfCalendar::AllLeap, 1900, 2), 29);
    }

    void day360Calendar() {
        QCOMPARE(decoded("days since 2000-01-01", "360_day", 359),
                 std::string("2000-12-30 00:00:00"));
        QCOMPARE(decoded("days since 2000-01-01", "360_day", 360),
                 std::string("2001-01-01 00:00:00"));
        QCOMPARE(decoded("days since 2000-01-01", "360_day", 59),
                 std::string("2000-02-30 00:00:00"));
        QCOMPARE(decoded("days since 2000-01-01", "360_day", -1),
                 std::string("1999-12-30 00:00:00"));
        QCOMPARE(decoded("hours since 2000-02-30 00:00:00", "360_day", 24),
                 std::string("2000-03-01 00:00:00"));
        QVERIFY(isValidCfDate(CfCalendar::Day360, 2001, 2, 30));
        QVERIFY(!isValidCfDate(CfCalendar::Day360, 2001, 1, 31));
    }

    void roundTripsEveryCalendar() {
        for (CfCalendar calendar :
             {CfCalendar::Standard, CfCalendar::ProlepticGregorian, CfCalendar::Julian,
              CfCalendar::NoLeap, CfCalendar::AllLeap, CfCalendar::Day360}) {
            const std::int64_t origin = cfDayNumber(calendar, 1, 1, 1);
            std::int64_t previous = 0;
            bool first = true;
            // Walk day by day through years -3..2100 sampled every 7 days.
            for (std::int64_t day = origin - 1500; day < origin + 767000; day += 7) {
                const CfDateTime date = cfDateFromDayNumber(calendar, day);
                QVERIFY(isValidCfDate(calendar, date.year, date.month, date.day));
                const std::int64_t back = cfDayNumber(calendar, date.year, date.month, date.day);
                QCOMPARE(back, day);
                QVERIFY(first || back > previous);
                previous = back;
                first = false;
            }
        }
    }

    void subDayUnitsAndZones() {
        QCOMPARE(decoded("hours since 2000-01-01T12:00:00Z", "standard", 12),
                 std::string("2000-01-02 00:00:00"));
        QCOMPARE(decoded("minutes since 1850-1-1", "standard", 1441),
                 std::string("1850-01-02 00:01:00"));
        QCOMPARE(decoded("seconds since 1970-01-01 00:00:00", "standard", 1e9),
                 std::string("2001-09-09 01:46:40"));
        QCOMPARE(decoded("ms since 1970-01-01", "standard", 1500),
                 std::string("1970-01-01 00:00:01.5"));
        QCOMPARE(decoded("milliseconds since 1970-01-01", "standard", -1),
                 std::string("1969-12-31 23:59:59.999"));
        QCOMPARE(decoded("days since 2000-01-01", "360_day", 0.25),
                 std::string("2000-01-01 06:00:00"));
        // Times are returned in UTC: local midnight at +01:00 is 23:00 the day before.
        QCOMPARE(decoded("seconds since 1970-01-01 00:00:00 +01:00", "standard", 0),
                 std::string("1969-12-31 23:00:00"));
        QCOMPARE(decoded("hours since 2000-02-28 22:00 -02:00", "noleap", 0),
                 std::string("2000-03-01 00:00:00"));
        // Fractions of a day from single-precision axes stay close to the intended time.
        QCOMPARE(decoded("days since 2000-01-01", "noleap", 0.5),
                 std::string("2000-01-01 12:00:00"));
    }

    void formatsWithTimeAlways() {
        QCOMPARE(formatCfDateTime({2000, 1, 1, 0, 0, 0, 0}), std::string("2000-01-01 00:00:00"));
        QCOMPARE(formatCfDateTime({-44, 3, 15, 12, 0, 0, 0}), std::string("-0044-03-15 12:00:00"));
        QCOMPARE(formatCfDateTime({12000, 1, 2, 3, 4, 5, 125}),
                 std::string("12000-01-02 03:04:05.000125"));
        QCOMPARE(formatCfDateTime({5, 6, 7, 8, 9, 10, 0}), std::string("0005-06-07 08:09:10"));
    }

    void calendarNames() {
        QCOMPARE(parseCfCalendar("Gregorian", "", "t"), CfCalendar::Standard);
        QCOMPARE(parseCfCalendar("", "", "t"), CfCalendar::Standard);
        QCOMPARE(parseCfCalendar("NOLEAP", "", "t"), CfCalendar::NoLeap);
        QCOMPARE(parseCfCalendar("365_day", "", "t"), CfCalendar::NoLeap);
        QCOMPARE(parseCfCalendar("366_day", "", "t"), CfCalendar::AllLeap);
        QCOMPARE(parseCfCalendar("proleptic_gregorian", "", "t"), CfCalendar::ProlepticGregorian);
        QCOMPARE(parseCfCalendar(" julian ", "", "t"), CfCalendar::Julian);
        QCOMPARE(parseCfCalendar("360_day", "", "t"), CfCalendar::Day360);
        QCOMPARE(cfCalendarName(CfCalendar::Day360), std::string("360_day"));
        QCOMPARE(cfCalendarName(CfCalendar::Standard), std::string("standard"));
    }

    void unknownCalendarThrows() {
        const QString message = constructionError("days since 2000-01-01", "martian_sol");
        QVERIFY2(message.contains("martian_sol"), qPrintable(message));
        QVERIFY2(message.contains("test.nc"), qPrintable(message));
        QVERIFY2(message.contains("'time'"), qPrintable(message));
        QVERIFY_THROWS_EXCEPTION(DataError, parseCfCalendar("none", "f.nc", "time"));
    }

    void badUnitsThrow() {
        for (const char* units :
             {"days", "", "since 2000-01-01", "furlongs since 2000-01-01", "days since yesterday",
              "days since 2000-13-01", "days since 2000-01-32", "days since 2000-01-01 25:00:00",
              "days since 2000-01-01 00:00:00 +25:00", "months since 2000-01-01",
              "years since 1850-01-01", "days after 2000-01-01", "days since 2000/01/01"}) {
            const QString message = constructionError(units, "standard");
            QVERIFY2(!message.isEmpty(), units);
            QVERIFY2(message.contains("'time'"), qPrintable(message));
            QVERIFY2(message.contains(QString("'%1'").arg(units)), qPrintable(message));
        }
        try {
            parseCfTimeUnits("fortnights since 2000-01-01", "run.nc", "tau");
            QFAIL("no exception");
        } catch (const DataError& error) {
            QCOMPARE(error.path(), std::string("run.nc"));
            QCOMPARE(error.variable(), std::string("tau"));
            QVERIFY(QString::fromStdString(error.reason()).contains("fortnights"));
        }
        // Valid in 360_day only.
        QVERIFY(constructionError("days since 2001-02-30", "360_day").isEmpty());
        QVERIFY(!constructionError("days since 2001-02-30", "standard").isEmpty());
    }

    void nonFiniteValuesThrow() {
        const CfTimeDecoder decoder("days since 2000-01-01", "noleap", "f.nc", "time");
        QVERIFY_THROWS_EXCEPTION(DataError, decoder.decode(std::nan("")));
        QVERIFY_THROWS_EXCEPTION(DataError,
                                 decoder.decode(std::numeric_limits<double>::infinity()));
        QVERIFY_THROWS_EXCEPTION(DataError, decoder.decode(1e20));
    }

    void recognisesTimeCoordinates() {
        QVERIFY(isTimeCoordinate(variableWith("double", "days since 1970-01-01")));
        QVERIFY(isTimeCoordinate(variableWith("int", "Hours Since 1850-1-1")));
        QVERIFY(!isTimeCoordinate(variableWith("double", "K")));
        QVERIFY(!isTimeCoordinate(variableWith("double", "")));
        QVERIFY(!isTimeCoordinate(variableWith("char", "days since 1970-01-01")));
        QVERIFY(!isTimeCoordinate(variableWith("double", "since 1970-01-01")));
        const CfTimeDecoder decoder =
            CfTimeDecoder::forVariable(variableWith("double", "days since 1970-01-01"), "x.nc");
        QCOMPARE(decoder.calendar(), CfCalendar::Standard);
    }
};

QTEST_GUILESS_MAIN(CfTimeTest)
#include "CfTimeTest.moc"
