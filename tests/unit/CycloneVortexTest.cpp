// The Holland (1980) vortex of the cyclone twin and its imprint on the generated fields:
// pressure minimum at the centre, wind maximum at Rmax, vorticity cyclonic by hemisphere and
// consistent with the wind (Stokes), warm core aloft.
#include "FieldSynthesizer.h"
#include "Geodesy.h"
#include "HollandVortex.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace cyclone;

namespace {

// Radius (km) of the largest gradient wind, scanned every 0.05 km.
double radiusOfMaximumWind(const HollandVortex& vortex) {
    double best = 0.0;
    double bestWind = -1.0;
    for (double r = 0.05; r < 500.0; r += 0.05) {
        const double wind = vortex.gradientWind(r);
        if (wind > bestWind) {
            bestWind = wind;
            best = r;
        }
    }
    return best;
}

} // namespace

class CycloneVortexTest : public QObject {
    Q_OBJECT

private slots:
    void pressureIsLowestAtTheCentre() {
        const HollandVortex vortex(5000.0, 30.0, 1.5, 20.0);
        QCOMPARE(vortex.pressureDeficit(0.0), 5000.0);
        double previous = vortex.pressureDeficit(0.0);
        // Non-increasing everywhere (inside a few km it equals dp to double precision), and
        // strictly falling from 5 km out.
        for (double r = 1.0; r <= 2000.0; r += 1.0) {
            const double deficit = vortex.pressureDeficit(r);
            QVERIFY2(r < 5.0 ? deficit <= previous : deficit < previous,
                     qPrintable(QString("deficit rises at r = %1 km").arg(r)));
            previous = deficit;
        }
        // Holland's profile at r = Rmax: p = pc + dp / e.
        QVERIFY(std::fabs(vortex.pressureDeficit(30.0) - 5000.0 * (1.0 - 1.0 / std::numbers::e)) <
                1e-9);
    }

    void windPeaksAtRmaxAndMatchesHollandsMaximum() {
        // Cyclostrophic limit (f = 0 at the equator): the maximum is exactly at Rmax and equals
        // sqrt(B dp / (rho e)) (Holland 1980, eq. 11).
        const HollandVortex equatorial(6000.0, 40.0, 1.6, 0.0);
        QVERIFY2(std::fabs(radiusOfMaximumWind(equatorial) - 40.0) < 0.1,
                 qPrintable(QString::number(radiusOfMaximumWind(equatorial))));
        const double expected =
            std::sqrt(1.6 * 6000.0 / (HollandVortex::airDensity * std::numbers::e));
        QVERIFY(std::fabs(equatorial.gradientWind(40.0) - expected) < 1e-9 * expected);
        // With rotation the peak moves a little inward; within 5 % of Rmax at 25N.
        const HollandVortex rotating(6000.0, 40.0, 1.6, 25.0);
        QVERIFY(std::fabs(radiusOfMaximumWind(rotating) - 40.0) < 2.0);
        // fromMaximumWind inverts the relation (up to the small Coriolis term).
        const HollandVortex fromWind = HollandVortex::fromMaximumWind(50.0, 30.0, 15.0);
        QVERIFY2(std::fabs(fromWind.gradientWind(radiusOfMaximumWind(fromWind)) - 50.0) < 1.5,
                 qPrintable(QString::number(fromWind.gradientWind(30.0))));
        QVERIFY(fromWind.hollandB() >= 1.0 && fromWind.hollandB() <= 2.2);
    }

    void vorticityIsCyclonicByHemisphere() {
        const HollandVortex north(5000.0, 30.0, 1.5, 20.0);
        const HollandVortex south(5000.0, 30.0, 1.5, -20.0);
        // Within the core (to 2 Rmax). Further out the gradient wind falls faster than 1/r once
        // the Coriolis term dominates, so Holland's profile has a weakly anticyclonic outer ring,
        // as real cyclones do.
        QVERIFY(north.relativeVorticity(300.0) < 0.0);
        for (const double r : {5.0, 15.0, 30.0, 45.0, 60.0}) {
            QVERIFY2(north.relativeVorticity(r) > 0.0, qPrintable(QString::number(r)));
            QVERIFY2(south.relativeVorticity(r) < 0.0, qPrintable(QString::number(r)));
            QVERIFY(std::fabs(north.relativeVorticity(r) + south.relativeVorticity(r)) <
                    1e-9 * std::fabs(north.relativeVorticity(r)));
        }
    }

    void vorticityAgreesWithCirculation() {
        // Stokes: the mean vorticity inside radius R equals the circulation 2 pi R V(R) over the
        // area pi R^2, i.e. 2 V(R) / R. Integrate zeta(r) 2 pi r dr by the midpoint rule.
        const HollandVortex vortex(7000.0, 25.0, 1.4, 18.0);
        for (const double outer : {25.0, 80.0, 300.0}) {
            double integral = 0.0;
            const double step = outer / 20000.0;
            for (double r = 0.5 * step; r < outer; r += step) {
                integral += vortex.relativeVorticity(r) * 2.0 * std::numbers::pi * r * step;
            }
            const double mean = integral / (std::numbers::pi * outer * outer);
            const double expected = 2.0 * vortex.gradientWind(outer) / (outer * 1000.0);
            QVERIFY2(std::fabs(mean - expected) < 0.01 * expected,
                     qPrintable(QString("R %1: %2 vs %3").arg(outer).arg(mean).arg(expected)));
        }
    }

    void warmCoreAloft() {
        const HollandVortex vortex(5000.0, 30.0, 1.5, 20.0);
        QVERIFY(vortex.warmCore300(0.0) > vortex.warmCore500(0.0));
        QVERIFY(vortex.warmCore500(0.0) > 0.0);
        QVERIFY(vortex.warmCore300(600.0) < 0.05 * vortex.warmCore300(0.0));
    }

    void generatedFieldsCarryTheVortex() {
        // A strong storm in each hemisphere-like position of the domain, on the 0.5 deg grid:
        // the msl minimum nearby is within one cell of the centre, vo_850 there is strongly
        // positive (cyclonic, northern hemisphere) and t_300 is warmer than 600 km away.
        const LatLonGrid grid(0.5);
        const BackgroundClimate climate(0.0);
        FieldSynthesizer synthesizer(grid, climate, 11);
        Storm storm;
        storm.track.latitude = 17.3;
        storm.track.longitude = 145.2;
        storm.track.windMs = 45.0;
        DriverFields fields;
        synthesizer.synthesize(240.0, 0.0, {storm}, fields);
        std::size_t lowest = 0;
        double lowestDistance = 0.0;
        for (std::size_t row = 0; row < grid.rows(); ++row) {
            for (std::size_t column = 0; column < grid.columns(); ++column) {
                const double distance =
                    haversineKm(grid.latitudes[row], grid.longitudes[column], 17.3, 145.2);
                const std::size_t i = grid.index(row, column);
                if (distance < 500.0 &&
                    (lowestDistance == 0.0 || fields.msl[i] < fields.msl[lowest])) {
                    lowest = i;
                    lowestDistance = distance + 1e-9;
                }
            }
        }
        const std::size_t row = lowest / grid.columns();
        const std::size_t column = lowest % grid.columns();
        QVERIFY2(std::fabs(grid.latitudes[row] - 17.3) <= 0.5 &&
                     std::fabs(grid.longitudes[column] - 145.2) <= 0.5,
                 qPrintable(QString("msl minimum at %1N %2E")
                                .arg(grid.latitudes[row])
                                .arg(grid.longitudes[column])));
        QVERIFY2(fields.msl[lowest] < 97000.0, qPrintable(QString::number(fields.msl[lowest])));
        QVERIFY2(fields.vo850[lowest] > 3e-4, qPrintable(QString::number(fields.vo850[lowest])));
        const std::size_t far = grid.index(row, column + 12); // 6 deg east, ~640 km
        QVERIFY(fields.t300[lowest] - fields.t300[far] > 2.0);
        QVERIFY(fields.i10fg[lowest + 1] > fields.i10fg[far]);
    }
};

QTEST_GUILESS_MAIN(CycloneVortexTest)
#include "CycloneVortexTest.moc"
