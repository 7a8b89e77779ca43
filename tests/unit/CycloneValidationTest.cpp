// Validation metrics of the cyclone twin on a hand-made case whose POD, FAR, F2, distances and
// track scores are worked out below by hand.
#include "Validation.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace cyclone;

namespace {

constexpr double kmPerDegreeLatitude = 6371.0088 * std::numbers::pi / 180.0; // 111.195 km

BestTrackPoint truthAt(const char* sid, const char* time, double latitude, double longitude,
                       double wind) {
    BestTrackPoint point;
    point.sid = sid;
    point.time = parseIsoTime(time, "test");
    point.latitude = latitude;
    point.longitude = longitude;
    point.windMs = wind;
    return point;
}

Detection detectionAt(const char* time, double latitude, double longitude, long track = -1) {
    Detection detection;
    detection.time = parseIsoTime(time, "test");
    detection.latitude = latitude;
    detection.longitude = longitude;
    detection.trackId = track;
    return detection;
}

const char* t1 = "2017-09-01 00:00:00";
const char* t2 = "2017-09-01 06:00:00";
const char* t3 = "2017-09-01 12:00:00";

// Storm S1 (30 m/s) at three times, S2 weak (10 m/s) at t2.
std::vector<BestTrackPoint> truth() {
    return {truthAt("S1", t1, 15.0, 140.0, 30.0), truthAt("S1", t2, 15.5, 139.0, 30.0),
            truthAt("S1", t3, 16.0, 138.0, 30.0), truthAt("S2", t2, 20.0, 200.0, 10.0)};
}

// t1: 0.9 deg north of S1 (100.08 km) -> hit; t2: on S1 (0 km) -> hit; t3: nothing -> miss;
// t2: a detection at 40N 160E -> false alarm; t2: 0.45 deg (50.04 km) from weak S2 -> ignored.
std::vector<Detection> detections() {
    return {detectionAt(t1, 15.9, 140.0, 1), detectionAt(t2, 15.5, 139.0, 1),
            detectionAt(t2, 40.0, 160.0, 2), detectionAt(t2, 20.45, 200.0, 3)};
}

} // namespace

class CycloneValidationTest : public QObject {
    Q_OBJECT

private slots:
    void pointScoresByHand() {
        const ValidationResult result = validateDetections(detections(), truth(), {});
        QCOMPARE(result.hits, std::size_t(2));
        QCOMPARE(result.misses, std::size_t(1));
        QCOMPARE(result.falseAlarms, std::size_t(1));
        QCOMPARE(result.ignored, std::size_t(1));
        // POD = 2 / (2 + 1); FAR = 1 / (2 + 1); F2 = 5 P R / (4 P + R) with P = R = 2/3 -> 2/3.
        QVERIFY(std::fabs(result.pod - 2.0 / 3.0) < 1e-12);
        QVERIFY(std::fabs(result.far - 1.0 / 3.0) < 1e-12);
        QVERIFY(std::fabs(result.f2 - 2.0 / 3.0) < 1e-12);
        // Distances along a meridian: 0.9 deg x 111.195 km and 0 km.
        const double first = 0.9 * kmPerDegreeLatitude;
        QVERIFY2(std::fabs(result.meanErrorKm - first / 2.0) < 1e-6,
                 qPrintable(QString::number(result.meanErrorKm)));
        QVERIFY(std::fabs(result.medianErrorKm - first / 2.0) < 1e-6);
    }

    void f2WeighsRecallMoreThanPrecision() {
        // Four strong truth points at four times; one detection on each of three (POD 3/4) and
        // no false alarm (FAR 0): F2 = 5 * 1 * 0.75 / (4 * 1 + 0.75) = 3.75 / 4.75.
        std::vector<BestTrackPoint> points;
        std::vector<Detection> found;
        const char* times[] = {t1, t2, t3, "2017-09-01 18:00:00"};
        for (int i = 0; i < 4; ++i) {
            points.push_back(truthAt("S", times[i], 10.0, 130.0 + i, 25.0));
            if (i < 3) {
                found.push_back(detectionAt(times[i], 10.0, 130.0 + i));
            }
        }
        const ValidationResult result = validateDetections(found, points, {});
        QVERIFY(std::fabs(result.pod - 0.75) < 1e-12);
        QCOMPARE(result.far, 0.0);
        QVERIFY(std::fabs(result.f2 - 3.75 / 4.75) < 1e-12);
        QCOMPARE(result.meanErrorKm, 0.0);
        QVERIFY(!result.hasTracks);
    }

    void matchingIsOneToOneWithinTheDistanceAndTime() {
        // Two detections near one centre: the closer is the hit, the other a false alarm. A
        // detection 301 km away or at another time never matches.
        const std::vector<BestTrackPoint> points{truthAt("S", t1, 10.0, 130.0, 25.0)};
        const std::vector<Detection> found{
            detectionAt(t1, 10.0 + 50.0 / kmPerDegreeLatitude, 130.0),
            detectionAt(t1, 10.0 + 20.0 / kmPerDegreeLatitude, 130.0),
            detectionAt(t1, 10.0 - 301.0 / kmPerDegreeLatitude, 130.0),
            detectionAt(t2, 10.0, 130.0)};
        const ValidationResult result = validateDetections(found, points, {});
        QCOMPARE(result.hits, std::size_t(1));
        QCOMPARE(result.falseAlarms, std::size_t(3));
        QCOMPARE(result.pairs.size(), std::size_t(1));
        QCOMPARE(result.pairs[0].detection, std::size_t(1));
        QVERIFY(std::fabs(result.meanErrorKm - 20.0) < 1e-6);
        // Even-count median: errors 20 and 60 km -> 40 km.
        const std::vector<BestTrackPoint> two{truthAt("S", t1, 10.0, 130.0, 25.0),
                                              truthAt("T", t1, 30.0, 130.0, 25.0)};
        const std::vector<Detection> pair{
            detectionAt(t1, 10.0 + 20.0 / kmPerDegreeLatitude, 130.0),
            detectionAt(t1, 30.0 + 60.0 / kmPerDegreeLatitude, 130.0)};
        QVERIFY(std::fabs(validateDetections(pair, two, {}).medianErrorKm - 40.0) < 1e-6);
    }

    void trackScores() {
        // S1 has 3 strong points, track 1 matches 2 of them (>= 2): hit. S2 has no strong point:
        // not a truth track. Track 2 matches nothing: false alarm. Track 3 matches weak S2: a
        // real (weak) system, not a false alarm.
        const ValidationResult result = validateDetections(detections(), truth(), {});
        QVERIFY(result.hasTracks);
        QCOMPARE(result.truthTracks, std::size_t(1));
        QCOMPARE(result.trackHits, std::size_t(1));
        QCOMPARE(result.trackMisses, std::size_t(0));
        QCOMPARE(result.detectedTracks, std::size_t(3));
        QCOMPARE(result.trackFalseAlarms, std::size_t(1));
        // Needing 3 matched points, S1 is missed.
        ValidationSettings strict;
        strict.trackMatchPoints = 3;
        const ValidationResult stricter = validateDetections(detections(), truth(), strict);
        QCOMPARE(stricter.trackHits, std::size_t(0));
        QCOMPARE(stricter.trackMisses, std::size_t(1));
    }

    void emptyInputsGiveUndefinedScores() {
        const ValidationResult result = validateDetections({}, {}, {});
        QVERIFY(std::isnan(result.pod) && std::isnan(result.far) && std::isnan(result.f2));
        QVERIFY(std::isnan(result.meanErrorKm));
        // Only false alarms: POD undefined, FAR 1.
        const ValidationResult alarms = validateDetections({detectionAt(t1, 10.0, 130.0)}, {}, {});
        QCOMPARE(alarms.far, 1.0);
    }
};

QTEST_GUILESS_MAIN(CycloneValidationTest)
#include "CycloneValidationTest.moc"
