// The classical detector (TempestExtremes' criteria, ClassicalDetector.h) on hand-made fields:
// a low with a closed msl contour and a warm core is found where it is; the same low with a
// cold core, or with too shallow a contour, is not; stitching keeps a track of 60 h and drops
// one of 30 h.
#include "ClassicalDetector.h"
#include "Geodesy.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace cyclone;

namespace {

// A 1-degree grid, 0-40N x 120-180E, rows north to south as the drivers files.
struct Grid {
    std::vector<double> latitudes;
    std::vector<double> longitudes;
    Grid() {
        for (int row = 0; row <= 40; ++row) {
            latitudes.push_back(40.0 - row);
        }
        for (int column = 0; column <= 60; ++column) {
            longitudes.push_back(120.0 + column);
        }
    }
    std::size_t size() const { return latitudes.size() * longitudes.size(); }
};

// msl 1010 hPa minus a Gaussian low of `depthPa` (e-folding 3 degrees) at (lat, lon); layer
// temperature 250 K plus a Gaussian anomaly of `coreK` (2 degrees) there; gusts 20 m/s.
ClassicalFields lowAt(const Grid& grid, double lat, double lon, double depthPa, double coreK) {
    ClassicalFields fields;
    for (const double latitude : grid.latitudes) {
        for (const double longitude : grid.longitudes) {
            const double d = haversineKm(latitude, longitude, lat, lon) / 111.195;
            fields.msl.push_back(101000.0 - depthPa * std::exp(-(d / 3.0) * (d / 3.0)));
            fields.layerTemperature.push_back(250.0 + coreK * std::exp(-(d / 2.0) * (d / 2.0)));
            fields.gust.push_back(20.0);
        }
    }
    return fields;
}

CfDateTime at(int hour) {
    CfDateTime time;
    time.year = 2017;
    time.month = 9;
    time.day = 1 + hour / 24;
    time.hour = hour % 24;
    return time;
}

} // namespace

class CycloneClassicalTest : public QObject {
    Q_OBJECT

private slots:
    void findsAWarmCoreClosedLow() {
        const Grid grid;
        const std::vector<Detection> nodes =
            detectNodes(lowAt(grid, 20.0, 150.0, 1500.0, 3.0), grid.latitudes, grid.longitudes,
                        at(0), ClassicalSettings{});
        QCOMPARE(nodes.size(), std::size_t(1));
        QCOMPARE(nodes[0].latitude, 20.0);
        QCOMPARE(nodes[0].longitude, 150.0);
        QVERIFY(std::fabs(nodes[0].pressurePa - (101000.0 - 1500.0)) < 1e-6);
        QVERIFY(std::fabs(nodes[0].windMs - 20.0 / 1.3) < 1e-9);
        QVERIFY(nodes[0].warmCoreK > 2.0);
    }

    void rejectsAColdCoreLow() {
        const Grid grid;
        const std::vector<Detection> nodes =
            detectNodes(lowAt(grid, 20.0, 150.0, 1500.0, -3.0), grid.latitudes, grid.longitudes,
                        at(0), ClassicalSettings{});
        QVERIFY(nodes.empty());
    }

    void rejectsALowWithoutAClosedContour() {
        // 150 Pa deep: msl never rises by 200 Pa round it.
        const Grid grid;
        const std::vector<Detection> nodes =
            detectNodes(lowAt(grid, 20.0, 150.0, 150.0, 3.0), grid.latitudes, grid.longitudes,
                        at(0), ClassicalSettings{});
        QVERIFY(nodes.empty());
    }

    void mergesNearbyMinimaKeepingTheDeepest() {
        const Grid grid;
        ClassicalFields fields = lowAt(grid, 20.0, 150.0, 1500.0, 3.0);
        const ClassicalFields second = lowAt(grid, 20.0, 154.0, 900.0, 3.0);
        for (std::size_t i = 0; i < grid.size(); ++i) {
            fields.msl[i] += second.msl[i] - 101000.0;
        }
        const std::vector<Detection> nodes =
            detectNodes(fields, grid.latitudes, grid.longitudes, at(0), ClassicalSettings{});
        // One node, at the deeper low's minimum (pulled 1 degree east by the other's slope).
        QCOMPARE(nodes.size(), std::size_t(1));
        QCOMPARE(nodes[0].pressurePa, *std::min_element(fields.msl.begin(), fields.msl.end()));
        QVERIFY(nodes[0].longitude < 152.0);
    }

    void stitchesLongTracksAndDropsShortOnes() {
        // Track A: 11 nodes 6 h apart (60 h), moving 1 degree a step; track B: 6 nodes (30 h)
        // far away. Only A lasts the 54 h.
        std::vector<Detection> nodes;
        for (int step = 0; step <= 10; ++step) {
            Detection a;
            a.time = at(6 * step);
            a.latitude = 15.0;
            a.longitude = 140.0 + step;
            a.windMs = 20.0;
            nodes.push_back(a);
            if (step < 6) {
                Detection b = a;
                b.latitude = 30.0;
                b.longitude = 170.0;
                nodes.push_back(b);
            }
        }
        const std::vector<Detection> tracks = stitchNodes(nodes, ClassicalSettings{});
        QCOMPARE(tracks.size(), std::size_t(11));
        for (const Detection& point : tracks) {
            QCOMPARE(point.trackId, 1L);
            QCOMPARE(point.latitude, 15.0);
        }
        // The same track with weak winds fails the wind threshold (10 nodes >= 10 m/s).
        for (Detection& node : nodes) {
            node.windMs = 8.0;
        }
        QVERIFY(stitchNodes(nodes, ClassicalSettings{}).empty());
    }

    void bridgesAGapUpTo24Hours() {
        // 12 nodes with the 4th to 6th missing (an 24 h gap): one track.
        std::vector<Detection> nodes;
        for (int step = 0; step < 12; ++step) {
            if (step >= 3 && step <= 5) {
                continue;
            }
            Detection node;
            node.time = at(6 * step);
            node.latitude = 15.0;
            node.longitude = 140.0 + step;
            node.windMs = 20.0;
            nodes.push_back(node);
        }
        ClassicalSettings settings;
        settings.thresholdSteps = 9;
        const std::vector<Detection> tracks = stitchNodes(nodes, settings);
        QCOMPARE(tracks.size(), nodes.size());
        QCOMPARE(tracks.back().trackId, 1L);
    }
};

QTEST_GUILESS_MAIN(CycloneClassicalTest)
#include "CycloneClassicalTest.moc"
