// The cyclone twin's generator: CF-valid ERA5-like NetCDF read back through the data layer
// (units, standard names, packing, the noleap calendar), determinism for a seed, and true
// tracks whose centres are the pressure minima of the written fields.
#include "BackgroundClimate.h"
#include "BestTrack.h"
#include "CorrelatedNoise.h"
#include "CycloneError.h"
#include "Geodesy.h"
#include "LatLonGrid.h"
#include "ScenarioGenerator.h"
#include "twinbench/data/CfTime.h"
#include "twinbench/data/NetcdfFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace cyclone;
using twins::data::NetcdfFile;

namespace {

ScenarioSettings smallScenario(std::uint64_t seed, CfCalendar calendar = CfCalendar::Standard) {
    ScenarioSettings settings;
    settings.period = "2017-09-01/2017-09-03";
    settings.calendar = calendar;
    settings.resolution = 1.0;
    settings.seed = seed;
    // A busy season, so three days hold enough cyclones for the centre checks below.
    settings.genesisRateScale = 3.0;
    return settings;
}

std::vector<double> readAll(const NetcdfFile& file, const char* name) {
    const twins::data::VariableInfo& variable = file.variable(name);
    return file.readDecoded(name, std::vector<std::size_t>(variable.rank(), 0), variable.shape);
}

QByteArray fileBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class CycloneGeneratorTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;

    QString path(const QString& name) const { return m_directory.filePath(name); }

    ScenarioSummary generate(const ScenarioSettings& settings, const QString& stem) {
        return generateScenario(settings, path(stem + ".nc").toStdString(),
                                path(stem + ".csv").toStdString(), "test", {});
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        std::size_t calls = 0;
        const ScenarioSummary summary = generateScenario(
            smallScenario(7, CfCalendar::NoLeap), path("noleap.nc").toStdString(),
            path("noleap.csv").toStdString(), "test", [&](std::size_t step, std::size_t steps) {
                ++calls;
                QCOMPARE(steps, std::size_t(12));
                QCOMPARE(step, calls);
            });
        QCOMPARE(calls, std::size_t(12));
        QCOMPARE(summary.rows, std::size_t(70));
        QCOMPARE(summary.columns, std::size_t(220));
        generate(smallScenario(7), "a");
        generate(smallScenario(7), "b");
        generate(smallScenario(8), "c");
    }

    void fileIsCfAndEra5Like() {
        const auto file = NetcdfFile::open(path("noleap.nc").toStdString());
        QCOMPARE(file->variable("msl").dimensions,
                 (std::vector<std::string>{"time", "latitude", "longitude"}));
        QCOMPARE(file->variable("msl").shape, (std::vector<std::size_t>{12, 70, 220}));
        struct Expected {
            const char* name;
            const char* units;
            const char* standardName;
            double low;
            double high;
        };
        for (const Expected& expected :
             {Expected{"fg10", "m s-1", "wind_speed_of_gust", 0.0, 120.0},
              Expected{"i10fg", "m s-1", "wind_speed_of_gust", 0.0, 120.0},
              Expected{"msl", "Pa", "air_pressure_at_mean_sea_level", 90000.0, 106000.0},
              Expected{"t_500", "K", "air_temperature", 220.0, 285.0},
              Expected{"t_300", "K", "air_temperature", 200.0, 265.0},
              Expected{"vo_850", "s-1", "atmosphere_relative_vorticity", -3e-3, 5e-3},
              Expected{"sst", "K", "sea_surface_temperature", 268.0, 308.0}}) {
            const twins::data::VariableInfo& variable = file->variable(expected.name);
            QCOMPARE(variable.units(), std::string(expected.units));
            QCOMPARE(variable.text("standard_name"), std::string(expected.standardName));
            QVERIFY(!variable.longName().empty());
            QCOMPARE(variable.typeName, std::string("short")); // packed as ERA5
            QVERIFY(variable.attribute("scale_factor") && variable.attribute("add_offset"));
            std::size_t finite = 0;
            for (const double value : readAll(*file, expected.name)) {
                if (std::isnan(value)) {
                    continue;
                }
                ++finite;
                QVERIFY2(value >= expected.low && value <= expected.high,
                         qPrintable(QString("%1 = %2").arg(expected.name).arg(value)));
            }
            QVERIFY(finite > 0);
        }
        QCOMPARE(file->variable("latitude").units(), std::string("degrees_north"));
        QCOMPARE(file->variable("longitude").units(), std::string("degrees_east"));
        bool conventions = false;
        for (const twins::data::Attribute& attribute : file->globalAttributes()) {
            conventions = conventions ||
                          (attribute.name == "Conventions" && attribute.text.rfind("CF-", 0) == 0);
        }
        QVERIFY(conventions);
    }

    void noleapTimeAxisDecodes() {
        const auto file = NetcdfFile::open(path("noleap.nc").toStdString());
        const twins::data::VariableInfo& time = file->variable("time");
        QCOMPARE(time.units(), std::string("hours since 2017-01-01 00:00:00"));
        QCOMPARE(time.text("calendar"), std::string("noleap"));
        const auto decoder = twins::data::CfTimeDecoder::forVariable(time, file->path());
        QCOMPARE(decoder.calendar(), twins::data::CfCalendar::NoLeap);
        const std::vector<double> hours = readAll(*file, "time");
        QCOMPARE(hours.size(), std::size_t(12));
        // 2017-09-01 is day 244 of 2017 (no leap day either way): 243 * 24 hours.
        QCOMPARE(hours.front(), 243.0 * 24.0);
        QCOMPARE(twins::data::formatCfDateTime(decoder.decode(hours[5])),
                 std::string("2017-09-02 06:00:00"));
    }

    void calendarsDifferOverALeapDay() {
        QCOMPARE(sixHourlyAxis("2016-02-28/2016-03-01", CfCalendar::Standard).times.size(),
                 std::size_t(12));
        QCOMPARE(sixHourlyAxis("2016-02-28/2016-03-01", CfCalendar::NoLeap).times.size(),
                 std::size_t(8));
        try {
            sixHourlyAxis("2016-02-29/2016-03-01", CfCalendar::NoLeap);
            QFAIL("29 February must be refused in noleap");
        } catch (const CycloneError& error) {
            QVERIFY2(QString(error.what()).contains("period") &&
                         QString(error.what()).contains("noleap"),
                     error.what());
        }
    }

    void sameSeedSameScenario() {
        const auto a = NetcdfFile::open(path("a.nc").toStdString());
        const auto b = NetcdfFile::open(path("b.nc").toStdString());
        const auto c = NetcdfFile::open(path("c.nc").toStdString());
        for (const char* name : {"fg10", "i10fg", "msl", "t_500", "t_300", "vo_850"}) {
            QVERIFY2(readAll(*a, name) == readAll(*b, name), name);
            QVERIFY2(readAll(*a, name) != readAll(*c, name), name);
        }
        QCOMPARE(fileBytes(path("a.csv")), fileBytes(path("b.csv")));
    }

    void trueCentresArePressureMinima() {
        // September has storms (the spin-up makes sure they exist at the start). Every true
        // centre with a 10 m wind of at least 20 m s-1 must be within 1.5 grid cells of the
        // lowest msl within 300 km in the written (packed, noisy) field.
        const std::vector<BestTrackPoint> truth = readBestTrackCsv(path("a.csv").toStdString());
        QVERIFY2(truth.size() >= 10, qPrintable(QString::number(truth.size())));
        const auto file = NetcdfFile::open(path("a.nc").toStdString());
        const std::vector<double> latitudes = readAll(*file, "latitude");
        const std::vector<double> longitudes = readAll(*file, "longitude");
        const std::vector<double> msl = readAll(*file, "msl");
        const std::vector<double> vorticity = readAll(*file, "vo_850");
        const std::size_t cells = latitudes.size() * longitudes.size();
        int checked = 0;
        for (const BestTrackPoint& point : truth) {
            if (point.windMs < 20.0) {
                continue;
            }
            const int step = static_cast<int>(std::lround(
                (hoursSinceYearStart(CfCalendar::Standard, 2017, point.time) - 243 * 24) / 6.0));
            std::size_t lowest = cells;
            for (std::size_t i = 0; i < cells; ++i) {
                const double distance =
                    haversineKm(latitudes[i / longitudes.size()], longitudes[i % longitudes.size()],
                                point.latitude, point.longitude);
                const std::size_t index = static_cast<std::size_t>(step) * cells + i;
                if (distance <= 300.0 &&
                    (lowest == cells ||
                     msl[index] < msl[static_cast<std::size_t>(step) * cells + lowest])) {
                    lowest = i;
                }
            }
            QVERIFY(lowest < cells);
            const double latitude = latitudes[lowest / longitudes.size()];
            const double longitude = longitudes[lowest % longitudes.size()];
            QVERIFY2(std::fabs(latitude - point.latitude) <= 1.5 &&
                         std::fabs(longitude - point.longitude) <= 1.5,
                     qPrintable(QString("%1 at %2: centre %3N %4E, msl minimum %5N %6E")
                                    .arg(QString::fromStdString(point.sid),
                                         QString::fromStdString(isoTime(point.time)))
                                    .arg(point.latitude)
                                    .arg(point.longitude)
                                    .arg(latitude)
                                    .arg(longitude)));
            QVERIFY(vorticity[static_cast<std::size_t>(step) * cells + lowest] > 0.0);
            ++checked;
        }
        QVERIFY2(checked >= 5, qPrintable(QString::number(checked)));
    }

    // The separable grid evaluation the generator uses gives the point functions' values.
    void climateGridMatchesPointFunctions() {
        const LatLonGrid grid(0.5);
        const BackgroundClimate climate(1.5);
        ClimateGrid fields;
        for (const double day : {20.0, 200.5, 300.25}) {
            climate.evaluate(grid, day, fields);
            for (std::size_t row = 0; row < grid.rows(); row += 13) {
                const double latitude = grid.latitudes[row];
                QCOMPARE(fields.t500[row], climate.temperature500(latitude, day));
                QCOMPARE(fields.t300[row], climate.temperature300(latitude, day));
                for (std::size_t column = 0; column < grid.columns(); column += 17) {
                    const double longitude = grid.longitudes[column];
                    const std::size_t i = grid.index(row, column);
                    QVERIFY(std::fabs(fields.msl[i] -
                                      climate.seaLevelPressure(latitude, longitude, day)) < 0.02);
                    QVERIFY(std::fabs(fields.sst[i] - climate.seaSurfaceTemperature(
                                                          latitude, longitude, day)) < 1e-4);
                    const BackgroundClimate::Wind wind =
                        climate.steeringFlow(latitude, longitude, day);
                    QVERIFY(std::fabs(fields.u[i] - wind.u) < 1e-5);
                    QVERIFY(std::fabs(fields.v[i] - wind.v) < 1e-5);
                }
            }
        }
    }

    // The smoothed noise has unit variance, zero mean and a lag-one autocorrelation set by its
    // memory (exp(-6/24) for 6-h steps and a 24-h memory).
    void noiseHasUnitVarianceAndMemory() {
        const LatLonGrid grid(1.0);
        CorrelatedNoise noise(grid, 300.0, 24.0, 6.0, 11);
        std::vector<float> previous = noise.next();
        double sum = 0.0, squares = 0.0, lagged = 0.0, count = 0.0;
        for (int step = 0; step < 40; ++step) {
            const std::vector<float>& field = noise.next();
            for (std::size_t i = 0; i < field.size(); ++i) {
                sum += field[i];
                squares += double(field[i]) * field[i];
                lagged += double(field[i]) * previous[i];
                count += 1.0;
            }
            previous = field;
        }
        const double mean = sum / count;
        const double variance = squares / count - mean * mean;
        const double correlation = lagged / count / variance;
        qInfo("noise: mean %.3f variance %.3f lag-1 correlation %.3f (expected 0, 1, %.3f)", mean,
              variance, correlation, std::exp(-0.25));
        QVERIFY(std::fabs(mean) < 0.1);
        QVERIFY2(variance > 0.8 && variance < 1.2, qPrintable(QString::number(variance)));
        QVERIFY(std::fabs(correlation - std::exp(-0.25)) < 0.08);
    }

    void badResolutionNamesTheParameter() {
        ScenarioSettings settings = smallScenario(1);
        settings.resolution = 0.3;
        try {
            generate(settings, "bad");
            QFAIL("0.3 deg does not divide the domain");
        } catch (const CycloneError& error) {
            QVERIFY2(QString(error.what()).contains("resolution"), error.what());
        }
        QVERIFY(!QFile::exists(path("bad.nc")));
    }
};

QTEST_GUILESS_MAIN(CycloneGeneratorTest)
#include "CycloneGeneratorTest.moc"
