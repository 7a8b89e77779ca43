// Bootstrap intervals over storms (Bootstrap.h): they contain the point estimates of
// validateDetections, are the same for a seed, shrink when there are more storms of the same
// kind, and are degenerate where nothing varies.
#include "Bootstrap.h"

#include <QTest>

#include <cmath>
#include <string>

using namespace cyclone;

namespace {

// `storms` storms of 8 strong points each, 6 h apart, along 15N; storm k is found at
// (k % 4) + 4 of its points (4-7 hits), the detection 20 + 10 (k % 3) km north of the centre;
// `falseAlarmTracks` detected tracks of 3 points each far from any storm.
struct Case {
    std::vector<BestTrackPoint> truth;
    std::vector<Detection> detections;
};

CfDateTime at(int step) {
    CfDateTime time;
    time.year = 2017;
    time.month = 8;
    time.day = 1 + step / 4;
    time.hour = 6 * (step % 4);
    return time;
}

Case makeCase(int storms, int falseAlarmTracks) {
    Case made;
    long track = 0;
    for (int k = 0; k < storms; ++k) {
        const double longitude = 100.0 + 5.0 * (k % 40);
        ++track;
        for (int step = 0; step < 8; ++step) {
            BestTrackPoint point;
            point.sid = "S" + std::to_string(k);
            point.time = at(step + 8 * (k / 40));
            point.latitude = 15.0;
            point.longitude = longitude;
            point.windMs = 30.0;
            made.truth.push_back(point);
            if (step < (k % 4) + 4) {
                Detection detection;
                detection.time = point.time;
                detection.latitude = 15.0 + (20.0 + 10.0 * (k % 3)) / 111.195;
                detection.longitude = longitude;
                detection.trackId = track;
                made.detections.push_back(detection);
            }
        }
    }
    for (int f = 0; f < falseAlarmTracks; ++f) {
        ++track;
        for (int step = 0; step < 3; ++step) {
            Detection detection;
            detection.time = at(step + 8 * (f % 5));
            detection.latitude = 50.0;
            detection.longitude = 100.0 + 5.0 * f;
            detection.trackId = track;
            made.detections.push_back(detection);
        }
    }
    return made;
}

struct Scored {
    ValidationResult result;
    BootstrapIntervals intervals;
};

Scored score(const Case& made, std::uint64_t seed = 3) {
    const ValidationSettings settings;
    Scored scored;
    scored.result = validateDetections(made.detections, made.truth, settings);
    scored.intervals =
        bootstrapOverStorms(made.detections, made.truth, scored.result, settings, 2000, seed);
    return scored;
}

bool contains(const Interval& interval, double value) {
    return interval.low <= value + 1e-12 && value <= interval.high + 1e-12;
}

double width(const Interval& interval) {
    return interval.high - interval.low;
}

} // namespace

class CycloneBootstrapTest : public QObject {
    Q_OBJECT

private slots:
    void containsThePointEstimates() {
        const Scored scored = score(makeCase(12, 6));
        QCOMPARE(scored.intervals.storms, std::size_t(12));
        QCOMPARE(scored.intervals.falseAlarmUnits, std::size_t(6));
        QVERIFY(contains(scored.intervals.pod, scored.result.pod));
        QVERIFY(contains(scored.intervals.far, scored.result.far));
        QVERIFY(contains(scored.intervals.f2, scored.result.f2));
        QVERIFY(contains(scored.intervals.meanErrorKm, scored.result.meanErrorKm));
        // Something varies between storms, so the intervals are not points.
        QVERIFY(width(scored.intervals.pod) > 0.01);
        QVERIFY(width(scored.intervals.far) > 0.01);
        QVERIFY(width(scored.intervals.meanErrorKm) > 0.5);
    }

    void shrinksWithMoreStorms() {
        // The same mix of storms and false alarms, sixteen times as many: the point estimates
        // are the same and the intervals about four times narrower.
        const Scored few = score(makeCase(12, 6));
        const Scored many = score(makeCase(192, 96));
        QVERIFY(std::fabs(few.result.pod - many.result.pod) < 1e-12);
        QVERIFY(std::fabs(few.result.far - many.result.far) < 1e-12);
        for (const auto& [small, large] :
             {std::pair{many.intervals.pod, few.intervals.pod},
              std::pair{many.intervals.far, few.intervals.far},
              std::pair{many.intervals.f2, few.intervals.f2},
              std::pair{many.intervals.meanErrorKm, few.intervals.meanErrorKm}}) {
            QVERIFY2(width(small) < 0.5 * width(large),
                     qPrintable(QStringLiteral("%1 vs %2").arg(width(small)).arg(width(large))));
        }
        QVERIFY(contains(many.intervals.pod, many.result.pod));
        QVERIFY(contains(many.intervals.far, many.result.far));
    }

    void isTheSameForASeed() {
        const Case made = makeCase(12, 6);
        const Scored a = score(made, 7);
        const Scored b = score(made, 7);
        const Scored c = score(made, 8);
        QCOMPARE(a.intervals.pod.low, b.intervals.pod.low);
        QCOMPARE(a.intervals.far.high, b.intervals.far.high);
        QCOMPARE(a.intervals.meanErrorKm.high, b.intervals.meanErrorKm.high);
        QVERIFY(a.intervals.pod.low != c.intervals.pod.low ||
                a.intervals.far.high != c.intervals.far.high ||
                a.intervals.meanErrorKm.low != c.intervals.meanErrorKm.low);
    }

    void withoutFalseAlarmsFarIsExactlyZero() {
        const Scored scored = score(makeCase(12, 0));
        QCOMPARE(scored.result.far, 0.0);
        QCOMPARE(scored.intervals.far.low, 0.0);
        QCOMPARE(scored.intervals.far.high, 0.0);
    }
};

QTEST_GUILESS_MAIN(CycloneBootstrapTest)
#include "CycloneBootstrapTest.moc"
