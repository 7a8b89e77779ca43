// The harder world (generate world=harder): the truth labels every system with its kind, the
// bait never counts as a tropical cyclone (kind, peak wind, warm core), the world is the same
// for a seed, the standard world is unchanged by the option (no KIND column), and validation
// counts a detection on bait as a false alarm.
#include "BestTrack.h"
#include "ScenarioGenerator.h"
#include "Validation.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace cyclone;

namespace {

ScenarioSettings harderSettings(std::uint64_t seed) {
    ScenarioSettings settings;
    settings.period = "2017-09-01/2017-09-20";
    settings.resolution = 2.0;
    settings.seed = seed;
    settings.harder = true;
    return settings;
}

QByteArray contents(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class CycloneHarderWorldTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    QString path(const QString& name) const { return m_directory.filePath(name); }
    ScenarioSummary generate(const ScenarioSettings& settings, const QString& stem) {
        return generateScenario(settings, path(stem + ".nc").toStdString(),
                                path(stem + ".csv").toStdString(), "test", {});
    }

private slots:
    void truthLabelsCyclonesAndBait() {
        const ScenarioSummary summary = generate(harderSettings(5), "harder");
        const std::vector<BestTrackPoint> truth =
            readBestTrackCsv(path("harder.csv").toStdString());
        std::map<std::string, std::string> kindOf;
        std::map<std::string, double> peakOf;
        for (const BestTrackPoint& point : truth) {
            QVERIFY2(!point.kind.empty(), point.sid.c_str());
            const auto [it, added] = kindOf.emplace(point.sid, point.kind);
            QCOMPARE(it->second, point.kind); // one kind per system
            peakOf[point.sid] = std::max(peakOf[point.sid], point.windMs);
        }
        std::map<std::string, int> systems;
        for (const auto& [sid, kind] : kindOf) {
            ++systems[kind];
        }
        for (const char* kind :
             {"tropical_cyclone", "extratropical", "monsoon_depression", "weak_low"}) {
            QVERIFY2(systems[kind] > 0, kind);
        }
        QCOMPARE(summary.cyclones, systems["tropical_cyclone"]);
        QCOMPARE(summary.bait,
                 systems["extratropical"] + systems["monsoon_depression"] + systems["weak_low"]);
        // Weak bait never reaches a tropical storm's 17.5 m/s (34 kt, written in knots to one
        // decimal); extratropical lows do, and are bait for their cold core.
        double strongestExtratropical = 0.0;
        for (const auto& [sid, kind] : kindOf) {
            if (kind == "monsoon_depression" || kind == "weak_low") {
                QVERIFY2(peakOf[sid] < 17.5, sid.c_str());
            }
            if (kind == "extratropical") {
                strongestExtratropical = std::max(strongestExtratropical, peakOf[sid]);
            }
        }
        QVERIFY(strongestExtratropical >= 17.5);
        for (const BestTrackPoint& point : truth) {
            QCOMPARE(isBait(point), point.kind != "tropical_cyclone");
        }
    }

    void isTheSameForASeed() {
        generate(harderSettings(9), "a");
        generate(harderSettings(9), "b");
        generate(harderSettings(10), "c");
        QCOMPARE(contents(path("a.csv")), contents(path("b.csv")));
        QVERIFY(contents(path("a.csv")) != contents(path("c.csv")));
    }

    void standardWorldHasNoKinds() {
        ScenarioSettings settings = harderSettings(5);
        settings.harder = false;
        generate(settings, "standard");
        const QByteArray text = contents(path("standard.csv"));
        QVERIFY(text.startsWith("SID,"));
        QVERIFY(!text.contains("KIND"));
        for (const BestTrackPoint& point : readBestTrackCsv(path("standard.csv").toStdString())) {
            QVERIFY(point.kind.empty());
            QVERIFY(!isBait(point));
        }
    }

    void aDetectionOnBaitIsAFalseAlarm() {
        const std::vector<BestTrackPoint> truth =
            readBestTrackCsv(path("harder.csv").toStdString());
        std::vector<Detection> detections;
        std::size_t bait = 0;
        std::size_t strongCyclone = 0;
        for (const BestTrackPoint& point : truth) {
            Detection detection;
            detection.time = point.time;
            detection.latitude = point.latitude;
            detection.longitude = point.longitude;
            detections.push_back(detection);
            bait += isBait(point) ? 1 : 0;
            strongCyclone += !isBait(point) && point.windMs >= 17.5 ? 1 : 0;
        }
        const ValidationResult result = validateDetections(detections, truth, ValidationSettings{});
        QVERIFY(bait > 0);
        QCOMPARE(result.baitPoints, bait);
        QCOMPARE(result.hits, strongCyclone);
        QCOMPARE(result.misses, std::size_t(0));
        QCOMPARE(result.falseAlarms, bait);
        QCOMPARE(result.baitFalseAlarms, bait);
    }
};

QTEST_GUILESS_MAIN(CycloneHarderWorldTest)
#include "CycloneHarderWorldTest.moc"
