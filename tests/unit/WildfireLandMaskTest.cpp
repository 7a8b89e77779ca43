// The land fraction of regular grids from the build-time GSHHG mask (twins/geo), which the
// wildfire twin writes as SeasFire's lsm: known points, a coastal cell between 0 and 1, the
// global land share, regional grids agreeing with the global one, and refused cells.
#include "twinbench/geo/LandMask.h"

#include <QTest>

#include <cmath>
#include <numbers>

using twins::geo::LandMask;

class WildfireLandMaskTest : public QObject {
    Q_OBJECT

private slots:
    void knownPoints() {
        const LandMask& mask = LandMask::gshhg();
        QVERIFY(mask.isLand(0.0, 20.0));    // Congo basin
        QVERIFY(!mask.isLand(0.0, -30.0));  // equatorial Atlantic
        QVERIFY(mask.isLand(-80.0, 0.0));   // Antarctica
        QVERIFY(!mask.isLand(40.0, -40.0)); // North Atlantic
        QVERIFY(mask.isLand(48.85, 2.35));  // Paris
        QVERIFY(!mask.isLand(42.0, 5.0));   // Gulf of Lion
        QCOMPARE(mask.fraction(-1.0, 1.0, 19.0, 21.0), 1.0);
        QCOMPARE(mask.fraction(-1.0, 1.0, -31.0, -29.0), 0.0);
        // A cell across the coast of Portugal (~9 W) is partly land.
        const double coast = mask.fraction(39.0, 40.0, -10.0, -8.0);
        QVERIFY2(coast > 0.2 && coast < 0.8, qPrintable(QString::number(coast)));
        // Longitudes wrap: the same cell given in 0..360.
        QCOMPARE(mask.fraction(39.0, 40.0, 350.0, 352.0), coast);
    }

    void globalLandShare() {
        // Area-weighted land share of the globe on a 2 degree grid: ~29% (GSHHG's land, inland
        // water excluded, Antarctica's ice shelves counted).
        std::vector<double> latitudes;
        std::vector<double> longitudes;
        for (double lat = 89.0; lat > -90.0; lat -= 2.0) {
            latitudes.push_back(lat);
        }
        for (double lon = -179.0; lon < 180.0; lon += 2.0) {
            longitudes.push_back(lon);
        }
        const std::vector<float> land =
            LandMask::gshhg().gridFractions(latitudes, longitudes, 2.0, 2.0);
        QCOMPARE(land.size(), latitudes.size() * longitudes.size());
        double weighted = 0.0;
        double weights = 0.0;
        for (std::size_t r = 0; r < latitudes.size(); ++r) {
            const double w = std::cos(latitudes[r] * std::numbers::pi / 180.0);
            for (std::size_t c = 0; c < longitudes.size(); ++c) {
                weighted += w * land[r * longitudes.size() + c];
                weights += w;
            }
        }
        const double share = weighted / weights;
        QVERIFY2(share > 0.27 && share < 0.31, qPrintable(QString::number(share)));
    }

    void refusedCells() {
        QVERIFY_THROWS_EXCEPTION(twins::geo::GeoError,
                                 LandMask::gshhg().fraction(80.0, 95.0, 0.0, 1.0));
        QVERIFY_THROWS_EXCEPTION(twins::geo::GeoError,
                                 LandMask::gshhg().fraction(10.0, 5.0, 0.0, 1.0));
        QVERIFY_THROWS_EXCEPTION(twins::geo::GeoError, LandMask::gshhg().gridFractions(
                                                           {89.5}, {0.0}, 2.0, 1.0)); // 88.5..90.5
    }
};

QTEST_GUILESS_MAIN(WildfireLandMaskTest)
#include "WildfireLandMaskTest.moc"
