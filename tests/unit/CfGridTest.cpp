// CF beyond packing: udunits2 conversions, the 0..360 -> -180..180 longitude view (against
// xarray's roll), curvilinear 2-D coordinates, bounds, and grid mappings as PROJ strings.
#include "twinbench/data/CfGrid.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/LongitudeView.h"
#include "twinbench/data/Units.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace twins::data;

namespace {
Attribute number(const char* name, std::vector<double> values) {
    return Attribute{name, "", std::move(values), false, "double"};
}
Attribute text(const char* name, const char* value) {
    return Attribute{name, value, {}, true, "char"};
}
} // namespace

class CfGridTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    QJsonObject m_expected;

private slots:
    void initTestCase() {
        QProcess process;
        process.start("/usr/bin/python3",
                      {QString(TWINBENCH_SOURCE_DIR) + "/tests/unit/DataReferenceFiles.py",
                       m_directory.path()});
        QVERIFY(process.waitForFinished(180000));
        if (process.exitCode() != 0) {
            QSKIP("Debian's /usr/bin/python3 with netCDF4, xarray, zarr and h5py is missing");
        }
        m_expected = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        QVERIFY(!m_expected.isEmpty());
    }

    void unitsConvert() {
        const Units kelvin = Units::parse("K");
        const Units celsius = Units::parse("degC");
        QVERIFY(kelvin.isConvertibleTo(celsius));
        std::vector<double> values{273.15, 300.0, std::nan("")};
        kelvin.convert(values, celsius);
        QCOMPARE(values[0], 0.0);
        QVERIFY(std::fabs(values[1] - 26.85) < 1e-12);
        QVERIFY(std::isnan(values[2]));
        QCOMPARE(Units::parse("Pa").convert(101325.0, Units::parse("hPa")), 1013.25);
        QVERIFY(!Units::parse("m s-1").isConvertibleTo(kelvin));
        try {
            Units::parse("m s-1", "wind.nc", "u10").convert(values, kelvin);
            QFAIL("converted m/s to K");
        } catch (const DataError& error) {
            QVERIFY(std::string(error.what()).find("not convertible") != std::string::npos);
        }
        try {
            Units::parse("furlongs per flubber", "f.nc", "v");
            QFAIL("parsed an unknown unit");
        } catch (const DataError& error) {
            QCOMPARE(error.path(), std::string("f.nc"));
            QCOMPARE(error.variable(), std::string("v"));
            QVERIFY(error.reason().find("furlongs per flubber") != std::string::npos);
        }
    }

    void longitudeViewMatchesXarrayRoll() {
        const auto dataset = openDataset(m_directory.filePath("packed.nc").toStdString());
        const DatasetVariable& temp = dataset->variable("temp");
        const std::vector<double> longitudes = dataset->readDecoded(dataset->variable("lon"));
        const std::optional<LongitudeView> view = LongitudeView::detect(longitudes);
        QVERIFY(view.has_value());
        std::vector<double> expectedLongitudes;
        for (const QJsonValue& value : m_expected["packed_lon_view"].toArray()) {
            expectedLongitudes.push_back(value.toDouble());
        }
        QCOMPARE(view->longitudes(), expectedLongitudes);
        // The map's field: longitudes remapped, latitudes (stored 45..-45) ascending, decoded
        // from the cached chunks straight to float; xarray's values with the rows reversed.
        const FieldSlice slice = readFieldSlice(*dataset, temp, {{"time", 1}});
        const QJsonArray expected = m_expected["packed_remapped_t1"].toArray();
        QCOMPARE(slice.values.size(), std::size_t(expected.size()));
        QCOMPARE(slice.x, expectedLongitudes);
        QCOMPARE(slice.y, (std::vector<double>{-45.0, -15.0, 15.0, 45.0}));
        double minimum = INFINITY, maximum = -INFINITY;
        std::size_t finite = 0;
        for (std::size_t row = 0; row < 4; ++row) {
            for (std::size_t column = 0; column < 8; ++column) {
                const QJsonValue value = expected[int((3 - row) * 8 + column)];
                const float drawn = slice.values[row * 8 + column];
                if (value.isNull()) {
                    QVERIFY(std::isnan(drawn));
                } else {
                    QCOMPARE(drawn, float(value.toDouble()));
                    minimum = std::min(minimum, value.toDouble());
                    maximum = std::max(maximum, value.toDouble());
                    ++finite;
                }
            }
        }
        QCOMPARE(finite, std::size_t(31)); // one value of step 1 is missing_value
        QCOMPARE(slice.finiteCount, finite);
        QCOMPARE(slice.minimum, minimum);
        QCOMPARE(slice.maximum, maximum);
        // A window that wraps across the split: view columns 2..5 = source 6, 7, 0, 1.
        QCOMPARE(view->sourceRuns(2, 4),
                 (std::vector<std::pair<std::size_t, std::size_t>>{{6, 2}, {0, 2}}));
        QVERIFY(!LongitudeView::detect({-180.0, 0.0, 90.0}).has_value());
        QVERIFY(!LongitudeView::detect({0.0, 90.0, 120.0}).has_value());
        // A regional grid across 180 (100E..320E) is not rolled: that would open a gap.
        std::vector<double> regional;
        for (double lon = 100.0; lon < 320.5; lon += 1.0) {
            regional.push_back(lon);
        }
        QVERIFY(!LongitudeView::detect(regional).has_value());
        // Entirely east of 180: the whole grid moves to -180..0, no gap.
        const auto east = LongitudeView::detect({200.0, 250.0, 300.0});
        QVERIFY(east.has_value());
        QCOMPARE(east->longitudes(), (std::vector<double>{-160.0, -110.0, -60.0}));
    }

    void curvilinearGridBoundsAndRotatedPole() {
        const auto dataset = openDataset(m_directory.filePath("curvilinear.nc").toStdString());
        const DatasetVariable& tas = dataset->variable("tas");
        const CfCoordinates coordinates = cfCoordinates(*dataset, tas);
        QVERIFY(coordinates.curvilinear);
        QCOMPARE(coordinates.latitude->name, std::string("lat"));
        QCOMPARE(coordinates.longitude->shape, (std::vector<std::size_t>{3, 4}));
        QCOMPARE(coordinates.dimensionCoordinates.size(), std::size_t(2));
        QCOMPARE(coordinates.dimensionCoordinates[1]->name, std::string("x"));
        QCOMPARE(dataset->readDecoded(*coordinates.latitude)[5], 50.5);
        const DatasetVariable* bounds = cfBounds(*dataset, dataset->variable("x"));
        QVERIFY(bounds != nullptr);
        QCOMPARE(bounds->shape, (std::vector<std::size_t>{4, 2}));
        QVERIFY(cfBounds(*dataset, dataset->variable("y")) == nullptr);
        QVERIFY(coordinates.gridMapping != nullptr);
        const std::string proj =
            projStringFromGridMapping(*coordinates.gridMapping, dataset->path());
        QCOMPARE(proj, std::string("+proj=ob_tran +o_proj=longlat +o_lat_p=39.25 +o_lon_p=0 "
                                   "+lon_0=18 +ellps=WGS84 +no_defs +type=crs"));
    }

    void gridMappingsBecomeValidProjStrings() {
        struct Case {
            std::vector<Attribute> attributes;
            const char* expectedStart;
        };
        const std::vector<Case> cases = {
            {{text("grid_mapping_name", "latitude_longitude"), number("earth_radius", {6371000})},
             "+proj=longlat +R=6371000"},
            {{text("grid_mapping_name", "polar_stereographic"),
              number("straight_vertical_longitude_from_pole", {-45}),
              number("latitude_of_projection_origin", {90}), number("standard_parallel", {70}),
              number("false_easting", {0}), number("false_northing", {0})},
             "+proj=stere +lat_0=90 +lon_0=-45 +lat_ts=70 +x_0=0 +y_0=0"},
            {{text("grid_mapping_name", "lambert_conformal_conic"),
              number("standard_parallel", {25, 60}), number("longitude_of_central_meridian", {265}),
              number("latitude_of_projection_origin", {25}), number("semi_major_axis", {6378137}),
              number("inverse_flattening", {298.257223563})},
             "+proj=lcc +lat_1=25 +lat_2=60 +lat_0=25 +lon_0=265 +a=6378137 +rf=298.257223563"},
            {{text("grid_mapping_name", "transverse_mercator"),
              number("scale_factor_at_central_meridian", {0.9996}),
              number("longitude_of_central_meridian", {15}),
              number("latitude_of_projection_origin", {0}), number("false_easting", {500000})},
             "+proj=tmerc +lat_0=0 +lon_0=15 +k_0=0.9996 +x_0=500000"},
        };
        for (const Case& test : cases) {
            VariableInfo mapping;
            mapping.name = "crs";
            mapping.attributes = test.attributes;
            const std::string proj = projStringFromGridMapping(mapping, "grid.nc");
            QVERIFY2(proj.rfind(test.expectedStart, 0) == 0, proj.c_str());
        }
        VariableInfo unknown;
        unknown.name = "crs";
        unknown.attributes = {text("grid_mapping_name", "vertical_perspective")};
        QVERIFY_THROWS_EXCEPTION(DataError, projStringFromGridMapping(unknown, "grid.nc"));
        VariableInfo incomplete;
        incomplete.name = "crs";
        incomplete.attributes = {text("grid_mapping_name", "transverse_mercator")};
        try {
            projStringFromGridMapping(incomplete, "grid.nc");
            QFAIL("accepted a transverse_mercator without parameters");
        } catch (const DataError& error) {
            QCOMPARE(error.variable(), std::string("crs"));
            QVERIFY(error.reason().find("transverse_mercator' needs the attribute") !=
                    std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(CfGridTest)
#include "CfGridTest.moc"
