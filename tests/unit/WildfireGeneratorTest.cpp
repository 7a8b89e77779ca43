// The wildfire twin's generator physics, on its core library directly (plugins/wildfire/core):
// no fire over the sea, more fire with drier, warmer, fuel-rich cells, fire that depends on the
// hidden state, warming monotonic in expected burned area, the same cube for the same seed,
// SeasFire's 8-day axis, and clear errors for bad settings. Smallest settings throughout
// (a few degrees of a region at 2 degrees, one year at most).
#include "CubeFields.h"
#include "CubeGrid.h"
#include "CubeSimulator.h"
#include "EightDayAxis.h"
#include "FireModel.h"
#include "Geography.h"
#include "Scenario.h"
#include "WildfireError.h"

#include <QTest>

#include <cmath>
#include <cstring>
#include <string>

namespace {

using namespace wildfire;

// Southern Africa at 2 degrees: savanna, desert, forest and ocean on both sides.
const BoundingBox southernAfrica{8.0, -36.0, 42.0, -4.0};

FireConditions typicalSavanna() {
    FireConditions conditions;
    conditions.landAreaHa = 1.0e6;
    conditions.fuel = 1.5;
    conditions.drought = 0.7;
    conditions.relativeHumidity = 45.0;
    conditions.airTemperatureK = 298.0;
    return conditions;
}

// Expected burned area (ha) of the region summed over one year's steps.
double expectedYearlyBurnedArea(const Scenario& scenario) {
    const CubeGrid grid(southernAfrica, 2.0);
    CubeSimulator simulator(describeCells(grid), scenario, 5);
    simulator.spinUp(2001);
    const EightDayAxis axis(2001, 2001);
    CubeFields fields(grid.size());
    double total = 0.0;
    for (std::size_t k = 0; k < axis.size(); ++k) {
        total += simulator.simulate(axis.steps()[k], k, fields);
    }
    return total;
}

// Every variable of `steps` steps of the region with one seed, concatenated.
std::vector<float> simulateValues(std::uint64_t seed, std::size_t steps) {
    const CubeGrid grid(southernAfrica, 2.0);
    CubeSimulator simulator(describeCells(grid), Scenario{}, seed);
    const EightDayAxis axis(2001, 2001);
    CubeFields fields(grid.size());
    std::vector<float> values;
    for (std::size_t k = 0; k < steps; ++k) {
        simulator.simulate(axis.steps()[k], k, fields);
        for (const auto* field : {&fields.lai, &fields.lst_day, &fields.rel_hum, &fields.ssr,
                                  &fields.sst, &fields.t2m_min, &fields.tp, &fields.fcci_ba}) {
            values.insert(values.end(), field->begin(), field->end());
        }
    }
    return values;
}

template <typename Call> QString errorOf(Call call) {
    try {
        call();
    } catch (const WildfireError& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

} // namespace

class WildfireGeneratorTest : public QObject {
    Q_OBJECT

private slots:
    void noFireOverTheSea() {
        const CubeGrid grid(southernAfrica, 2.0);
        const std::vector<CellGeography> cells = describeCells(grid);
        CubeSimulator simulator(cells, makeScenario("ssp585", 2.0, 1.0), 3);
        simulator.spinUp(2001);
        const EightDayAxis axis(2001, 2001);
        CubeFields fields(grid.size());
        std::size_t seaCells = 0;
        double landBurned = 0.0;
        for (std::size_t k = 0; k < axis.size(); ++k) {
            simulator.simulate(axis.steps()[k], k, fields);
            for (std::size_t i = 0; i < cells.size(); ++i) {
                if (cells[i].landFraction == 0.0) {
                    ++seaCells;
                    QCOMPARE(fields.fcci_ba[i], 0.0f);
                    QVERIFY(std::isnan(fields.lai[i]));
                    QVERIFY(!std::isnan(fields.sst[i]));
                } else {
                    landBurned += fields.fcci_ba[i];
                }
            }
        }
        QVERIFY(seaCells > 46 * 10); // the region has open ocean on both sides
        QVERIFY(landBurned > 0.0);   // and fire on land (the savannas of a warm scenario)
        FireConditions sea = typicalSavanna();
        sea.landAreaHa = 0.0;
        QCOMPARE(FireModel::expectedBurnedAreaHa(sea), 0.0);
    }

    void moreFireWhenDrierWarmerAndFuelRich() {
        const FireConditions base = typicalSavanna();
        const double burned = FireModel::expectedBurnedAreaHa(base);
        QVERIFY(burned > 0.0);
        FireConditions drier = base;
        drier.drought = 0.85;
        QVERIFY(FireModel::expectedBurnedAreaHa(drier) > burned);
        FireConditions drierAir = base;
        drierAir.relativeHumidity = 25.0;
        QVERIFY(FireModel::expectedBurnedAreaHa(drierAir) > burned);
        FireConditions warmer = base;
        warmer.airTemperatureK = 303.0;
        QVERIFY(FireModel::expectedBurnedAreaHa(warmer) > burned);
        FireConditions moreFuel = base;
        moreFuel.fuel = 4.0;
        QVERIFY(FireModel::expectedBurnedAreaHa(moreFuel) > burned);
        // Wet soil, frozen air or no fuel: no fire at all.
        FireConditions wet = base;
        wet.drought = 0.2;
        QCOMPARE(FireModel::expectedBurnedAreaHa(wet), 0.0);
        FireConditions frozen = base;
        frozen.airTemperatureK = 265.0;
        QCOMPARE(FireModel::expectedBurnedAreaHa(frozen), 0.0);
        FireConditions bare = base;
        bare.fuel = 0.0;
        QCOMPARE(FireModel::expectedBurnedAreaHa(bare), 0.0);
        // Bare desert: the sparse litter of a canopy below LAI ~0.1 (the generator piles up
        // ~5 kg m-2 per unit LAI where decay is slow and dry) does not carry a fire, however
        // dry, hot and often ignited; arid grassland's burns, less than a savanna's.
        FireConditions desert = base;
        desert.fuel = 0.5;
        desert.drought = 1.0;
        desert.relativeHumidity = 15.0;
        desert.airTemperatureK = 308.0;
        QCOMPARE(FireModel::expectedBurnedAreaHa(desert), 0.0);
        FireConditions grassland = desert;
        grassland.fuel = 1.2;
        QVERIFY(FireModel::expectedBurnedAreaHa(grassland) > 0.0);
        QVERIFY(FireModel::fuelLimit(grassland) < FireModel::fuelLimit(base));
    }

    void fireFollowsTheHiddenState() {
        // Identical weather of the step (humidity, temperature); only the antecedent drought and
        // the fuel built up over earlier steps differ, and fire with them.
        FireConditions after = typicalSavanna();
        after.drought = 0.5;
        after.fuel = 0.3;
        FireConditions afterDrySpellAndBuildUp = after;
        afterDrySpellAndBuildUp.drought = 0.9;
        afterDrySpellAndBuildUp.fuel = 3.0;
        QVERIFY(FireModel::expectedBurnedAreaHa(afterDrySpellAndBuildUp) >
                5.0 * FireModel::expectedBurnedAreaHa(after));
        // Sampled sizes are heavy-tailed: the largest of many draws is far above the median.
        twins::sdk::Random random(twins::sdk::streamSeed(9, 0));
        FireConditions one = typicalSavanna();
        one.landAreaHa = 5.0e5; // about one fire a step, far below the cap
        std::vector<double> draws;
        for (int i = 0; i < 4000; ++i) {
            const double burned = FireModel::sampleBurnedAreaHa(one, random);
            if (burned > 0.0) {
                draws.push_back(burned);
            }
        }
        QVERIFY(draws.size() > 100);
        std::sort(draws.begin(), draws.end());
        QVERIFY(draws.back() > 20.0 * draws[draws.size() / 2]);
    }

    void warmingIsMonotonicInExpectedBurnedArea() {
        const double historical = expectedYearlyBurnedArea(makeScenario("historical", 0.0, 1.0));
        const double warmer = expectedYearlyBurnedArea(makeScenario("historical", 1.5, 1.0));
        const double warmest = expectedYearlyBurnedArea(makeScenario("historical", 3.0, 1.0));
        qInfo("expected burned area a year: %.4g, %.4g, %.4g ha at +0, +1.5, +3 K", historical,
              warmer, warmest);
        QVERIFY(historical > 0.0);
        QVERIFY(warmer > historical);
        QVERIFY(warmest > warmer);
        // The SSPs in their order of warming.
        const double ssp245 = expectedYearlyBurnedArea(makeScenario("ssp245", 0.0, 1.0));
        const double ssp585 = expectedYearlyBurnedArea(makeScenario("ssp585", 0.0, 1.0));
        QVERIFY(ssp245 > historical);
        QVERIFY(ssp585 > ssp245);
    }

    void sameSeedSameCube() {
        const std::vector<float> first = simulateValues(17, 4);
        const std::vector<float> second = simulateValues(17, 4);
        QCOMPARE(first.size(), second.size());
        QVERIFY(std::memcmp(first.data(), second.data(), first.size() * sizeof(float)) == 0);
        const std::vector<float> other = simulateValues(18, 4);
        QVERIFY(std::memcmp(first.data(), other.data(), first.size() * sizeof(float)) != 0);
    }

    void seasfireEightDayAxis() {
        const EightDayAxis axis(2003, 2004);
        QCOMPARE(axis.size(), std::size_t(92));
        QCOMPARE(axis.steps()[0].daysSinceEpoch, 730.0); // 2003-01-01
        QCOMPARE(axis.steps()[1].daysSinceEpoch, 738.0); // 2003-01-09
        QCOMPARE(axis.steps()[45].dayOfYear, 361);
        QCOMPARE(axis.steps()[45].days, 5);                // 27-31 December 2003
        QCOMPARE(axis.steps()[46].daysSinceEpoch, 1095.0); // 2004-01-01
        QCOMPARE(axis.steps()[91].days, 6);                // 2004 is a leap year
    }

    void gridCellsAndLandFraction() {
        const CubeGrid grid(BoundingBox{-180, -90, 180, 90}, 1.0);
        QCOMPARE(grid.rows(), std::size_t(180));
        QCOMPARE(grid.columns(), std::size_t(360));
        QCOMPARE(grid.latitudes().front(), 89.5);
        QCOMPARE(grid.longitudes().front(), -179.5);
        const CubeGrid quarter(BoundingBox{20, -5, 21, -4}, 0.25);
        QCOMPARE(quarter.size(), std::size_t(16));
        const std::vector<CellGeography> congo = describeCells(quarter);
        for (const CellGeography& cell : congo) {
            QCOMPARE(cell.landFraction, 1.0);
            QVERIFY(cell.continentality > 0.8);
        }
    }

    void badSettingsAreRefusedClearly() {
        QString error = errorOf([] { parseBoundingBox("-190,0,10,10"); });
        QVERIFY2(error.contains("'bbox'") && error.contains("leaves the globe"), qPrintable(error));
        error = errorOf([] { parseBoundingBox("0,-95,10,10"); });
        QVERIFY2(error.contains("leaves the globe"), qPrintable(error));
        error = errorOf([] { parseBoundingBox("10,0,0,10"); });
        QVERIFY2(error.contains("west must be less than east"), qPrintable(error));
        error = errorOf([] { parseBoundingBox("europe"); });
        QVERIFY2(error.contains("four numbers"), qPrintable(error));
        error = errorOf([] { EightDayAxis(2010, 2001); });
        QVERIFY2(error.contains("'first_year'") && error.contains("reversed"), qPrintable(error));
        error = errorOf([] { makeScenario("ssp126x", 0.0, 1.0); });
        QVERIFY2(error.contains("'scenario'") && error.contains("ssp370"), qPrintable(error));
        error = errorOf([] { CubeGrid(BoundingBox{0, 0, 10, 10}, 3.0); });
        QVERIFY2(error.contains("'resolution'") && error.contains("whole number"),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(WildfireGeneratorTest)
#include "WildfireGeneratorTest.moc"
