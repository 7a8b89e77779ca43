// The deterministic tracker of the cyclone twin on hand-made detections with known answers:
// parallel storms, the 400 km cut, greedy nearest-first linking, minimum length, time gaps,
// minimum wind and the noleap calendar.
#include "CycloneError.h"
#include "Tracker.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace cyclone;

namespace {

// Degrees of latitude for a distance along a meridian, km (the haversine distance is then
// exactly this distance, whatever the longitude).
double degreesFor(double km) {
    return km / (6371.0088 * std::numbers::pi / 180.0);
}

Detection at(const char* time, double latitude, double longitude, double wind = 20.0) {
    Detection detection;
    detection.time = parseIsoTime(time, "test");
    detection.latitude = latitude;
    detection.longitude = longitude;
    detection.windMs = wind;
    return detection;
}

TrackerSettings settings(int minLength = 1) {
    TrackerSettings result;
    result.minLength = minLength;
    return result;
}

// Track id of the first output detection at this time and latitude.
long trackAt(const std::vector<Detection>& tracks, const char* time, double latitude) {
    for (const Detection& detection : tracks) {
        if (isoTime(detection.time) == time && std::fabs(detection.latitude - latitude) < 1e-9) {
            return detection.trackId;
        }
    }
    return -1;
}

} // namespace

class CycloneTrackerTest : public QObject {
    Q_OBJECT

private slots:
    void parallelStormsMakeTwoTracks() {
        std::vector<Detection> detections;
        const char* times[] = {"2017-09-01 00:00:00", "2017-09-01 06:00:00", "2017-09-01 12:00:00",
                               "2017-09-01 18:00:00", "2017-09-02 00:00:00"};
        for (int step = 0; step < 5; ++step) {
            // Listed south storm first at even steps, north first at odd ones: order must not
            // matter.
            const double west = 150.0 - step;
            Detection south = at(times[step], 15.0, west);
            Detection north = at(times[step], 25.0, west);
            if (step % 2 == 0) {
                detections.push_back(south);
                detections.push_back(north);
            } else {
                detections.push_back(north);
                detections.push_back(south);
            }
        }
        const std::vector<Detection> tracks = linkTracks(detections, settings(5));
        QCOMPARE(tracks.size(), std::size_t(10));
        for (const char* time : times) {
            QCOMPARE(trackAt(tracks, time, 15.0), 1L);
            QCOMPARE(trackAt(tracks, time, 25.0), 2L);
        }
    }

    void linksBeyondMaxDistanceAreDropped() {
        // 399 km is linked, 401 km is not (the original's 400 km cut).
        const std::vector<Detection> near{
            at("2017-09-01 00:00:00", 10.0, 150.0),
            at("2017-09-01 06:00:00", 10.0 + degreesFor(399.0), 150.0)};
        const std::vector<Detection> far{
            at("2017-09-01 00:00:00", 10.0, 150.0),
            at("2017-09-01 06:00:00", 10.0 + degreesFor(401.0), 150.0)};
        const auto linked = linkTracks(near, settings());
        QCOMPARE(linked[0].trackId, linked[1].trackId);
        const auto broken = linkTracks(far, settings());
        QCOMPARE(broken.size(), std::size_t(2));
        QVERIFY(broken[0].trackId != broken[1].trackId);
        TrackerSettings wider = settings();
        wider.maxDistanceKm = 500.0;
        const auto relinked = linkTracks(far, wider);
        QCOMPARE(relinked[0].trackId, relinked[1].trackId);
    }

    void greedyLinksClosestPairsFirst() {
        // Ends A (0 km) and B (300 km) along a meridian; new C at 160 km and D at 350 km.
        // Distances: B-D 50, B-C 140, A-C 160, A-D 350. Greedy: B-D first, then B is used so
        // B-C is skipped, then A-C. (Nearest-to-A alone would have given A-C and B-C clashing.)
        const double base = 5.0;
        const std::vector<Detection> detections{
            at("2017-09-01 00:00:00", base, 140.0),                      // A
            at("2017-09-01 00:00:00", base + degreesFor(300.0), 140.0),  // B
            at("2017-09-01 06:00:00", base + degreesFor(160.0), 140.0),  // C
            at("2017-09-01 06:00:00", base + degreesFor(350.0), 140.0)}; // D
        const auto tracks = linkTracks(detections, settings());
        const long a = trackAt(tracks, "2017-09-01 00:00:00", base);
        const long b = trackAt(tracks, "2017-09-01 00:00:00", base + degreesFor(300.0));
        QCOMPARE(trackAt(tracks, "2017-09-01 06:00:00", base + degreesFor(160.0)), a);
        QCOMPARE(trackAt(tracks, "2017-09-01 06:00:00", base + degreesFor(350.0)), b);
        QVERIFY(a != b);
    }

    void shortTracksAreRemoved() {
        std::vector<Detection> detections;
        const char* times[] = {"2017-09-01 00:00:00", "2017-09-01 06:00:00", "2017-09-01 12:00:00",
                               "2017-09-01 18:00:00"};
        for (int step = 0; step < 4; ++step) {
            detections.push_back(at(times[step], 15.0, 150.0 - step)); // 4 points
            if (step < 3) {
                detections.push_back(at(times[step], 30.0, 200.0)); // 3 points
            }
        }
        QCOMPARE(linkTracks(detections, settings(4)).size(), std::size_t(4));
        QCOMPARE(linkTracks(detections, settings(3)).size(), std::size_t(7));
        QCOMPARE(linkTracks(detections, settings(5)).size(), std::size_t(0));
        // Kept tracks are renumbered from 1.
        QCOMPARE(linkTracks(detections, settings(4)).front().trackId, 1L);
    }

    void timeGapsEndTracks() {
        // 12 h apart: not consecutive 6-hourly steps, so two tracks.
        const std::vector<Detection> detections{at("2017-09-01 00:00:00", 15.0, 150.0),
                                                at("2017-09-01 12:00:00", 15.0, 150.0)};
        const auto tracks = linkTracks(detections, settings());
        QVERIFY(tracks[0].trackId != tracks[1].trackId);
    }

    void minimumWindRemovesWeakTracks() {
        std::vector<Detection> detections{at("2017-09-01 00:00:00", 15.0, 150.0, 12.0),
                                          at("2017-09-01 06:00:00", 15.0, 149.0, 16.0),
                                          at("2017-09-01 00:00:00", 25.0, 150.0, 12.0),
                                          at("2017-09-01 06:00:00", 25.0, 149.0, 30.0)};
        TrackerSettings strong = settings();
        strong.minWindMs = 17.0;
        const auto tracks = linkTracks(detections, strong);
        QCOMPARE(tracks.size(), std::size_t(2));
        QCOMPARE(tracks[0].latitude, 25.0);
        detections[0].windMs = std::nan("");
        try {
            linkTracks(detections, strong);
            QFAIL("a detection without wind_ms and min_wind > 0 must be refused");
        } catch (const CycloneError& error) {
            QVERIFY2(QString(error.what()).contains("min_wind"), error.what());
        }
    }

    void noleapCalendarLinksAcrossTheMissingDay() {
        const std::vector<Detection> detections{at("2016-02-28 18:00:00", 15.0, 150.0),
                                                at("2016-03-01 00:00:00", 15.0, 149.5)};
        TrackerSettings noleap = settings();
        noleap.calendar = CfCalendar::NoLeap;
        const auto linked = linkTracks(detections, noleap);
        QCOMPARE(linked[0].trackId, linked[1].trackId);
        // In the standard calendar 2016 has a 29 February: 30 h apart, not linked.
        const auto standard = linkTracks(detections, settings());
        QVERIFY(standard[0].trackId != standard[1].trackId);
    }
};

QTEST_GUILESS_MAIN(CycloneTrackerTest)
#include "CycloneTrackerTest.moc"
