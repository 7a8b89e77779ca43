// The cyclone twin's tracker on 10 years of 6-hourly detections (20 per step, 292,000 in all),
// against the same greedy algorithm in numpy (Debian's /usr/bin/python3) on the same detections
// in the same run. Both must produce the same tracks (count and kept points), so the ratio
// compares equal work. Target: C++ no slower than numpy (C++ / numpy seconds <= 1; issue 6 asked
// for the time and set no number, DESIGN.md asks C++ to match or beat the Python peers; session
// 2 measured 0.446 s against 1.009 s). Honours TWINBENCH_BENCH_HANDICAP (the C++ side links the
// tracks that many times per timing). Writes build/bench/cyclone_tracker.json. Label "bench".
#include "BenchTargets.h"
#include "Tracker.h"
#include "twinbench/sdk/Random.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

namespace {

constexpr int years = 10;
constexpr int stepsPerYear = 1460;
constexpr int perStep = 20;

// The peer: the same greedy nearest-neighbour linking (candidates <= max distance, sorted by
// distance with ties by (from, to) index, each end and detection used once), numpy for the
// distance matrix and the sort, Python for the greedy pass.
constexpr const char* peerScript = R"PY(
import sys, time, json
import numpy as np
data = np.loadtxt(sys.argv[1], delimiter=",")
hours, lat, lon = data[:, 0], data[:, 1], data[:, 2]
R = 6371.0088
t0 = time.perf_counter()
order = np.argsort(hours, kind="stable")
steps, starts = np.unique(hours[order], return_index=True)
bounds = list(starts) + [len(order)]
track_of = np.full(len(hours), -1, dtype=np.int64)
lengths = []
prev = None; prev_h = None
for k in range(len(steps)):
    cur = order[bounds[k]:bounds[k + 1]]
    linked = np.zeros(len(cur), dtype=bool)
    if prev is not None and abs(steps[k] - prev_h - 6.0) < 1e-6:
        p1 = np.radians(lat[prev])[:, None]; p2 = np.radians(lat[cur])[None, :]
        dl = np.radians(lon[cur][None, :] - lon[prev][:, None])
        a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
        d = 2 * R * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        fi, ti = np.nonzero(d <= 400.0)
        dd = d[fi, ti]
        sel = np.lexsort((ti, fi, dd))
        used = np.zeros(len(prev), dtype=bool)
        for s in sel:
            f = fi[s]; t = ti[s]
            if used[f] or linked[t]:
                continue
            used[f] = True; linked[t] = True
            tr = track_of[prev[f]]
            track_of[cur[t]] = tr; lengths[tr] += 1
    for t in np.nonzero(~linked)[0]:
        track_of[cur[t]] = len(lengths); lengths.append(1)
    prev = cur; prev_h = steps[k]
lengths = np.array(lengths)
kept = lengths >= 4
elapsed = time.perf_counter() - t0
print(json.dumps({"seconds": elapsed, "tracks": int(kept.sum()), "points": int(lengths[kept].sum())}))
)PY";

} // namespace

class CycloneTrackerBench : public QObject {
    Q_OBJECT

private slots:
    void tenYearsOfDetections() {
        using namespace cyclone;
        twins::bench::BenchReport report("cyclone_tracker");
        // Synthetic detections: 20 systems per step drifting ~100-200 km per 6 h, each replaced
        // by a new one at a random place with probability 0.1 per step (so tracks of all
        // lengths and plenty of candidate pairs within 400 km).
        twins::sdk::Random random(2024);
        struct System {
            double latitude, longitude, dLat, dLon;
        };
        auto fresh = [&] {
            return System{random.uniform(5.0, 45.0), random.uniform(100.0, 320.0),
                          random.uniform(-0.5, 1.5), random.uniform(-2.0, 1.5)};
        };
        std::vector<System> systems;
        for (int i = 0; i < perStep; ++i) {
            systems.push_back(fresh());
        }
        std::vector<Detection> detections;
        detections.reserve(static_cast<std::size_t>(years) * stepsPerYear * perStep);
        QByteArray csv;
        for (int step = 0; step < years * stepsPerYear; ++step) {
            const int day = step / 4;
            CfDateTime time;
            time.year = 2000 + day / 365;
            const CfDateTime date = twins::data::cfDateFromDayNumber(
                CfCalendar::NoLeap,
                twins::data::cfDayNumber(CfCalendar::NoLeap, time.year, 1, 1) + day % 365);
            time = date;
            time.hour = 6 * (step % 4);
            for (System& system : systems) {
                if (random.uniform() < 0.1) {
                    system = fresh();
                }
                system.latitude += system.dLat;
                system.longitude += system.dLon;
                Detection detection;
                detection.time = time;
                detection.latitude = system.latitude;
                detection.longitude = system.longitude;
                detections.push_back(detection);
                csv += QByteArray::number(step * 6.0) + ',' +
                       QByteArray::number(detection.latitude, 'g', 17) + ',' +
                       QByteArray::number(detection.longitude, 'g', 17) + '\n';
            }
        }

        TrackerSettings settings;
        settings.calendar = CfCalendar::NoLeap;
        std::vector<double> seconds;
        std::vector<Detection> tracks;
        for (int repetition = 0; repetition < 3; ++repetition) {
            QElapsedTimer timer;
            timer.start();
            for (int pass = 0; pass < twins::bench::handicap(); ++pass) {
                tracks = linkTracks(detections, settings);
            }
            seconds.push_back(timer.nsecsElapsed() * 1e-9);
        }
        std::sort(seconds.begin(), seconds.end());
        std::set<long> ids;
        for (const Detection& point : tracks) {
            ids.insert(point.trackId);
        }

        QTemporaryDir directory;
        const QString input = directory.filePath("detections.csv");
        QFile file(input);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(csv);
        file.close();
        QProcess peer;
        peer.start("/usr/bin/python3", {"-c", peerScript, input});
        QVERIFY(peer.waitForFinished(600000));
        QVERIFY2(peer.exitCode() == 0,
                 qPrintable("the peer needs Debian's /usr/bin/python3 with numpy: " +
                            peer.readAllStandardError()));
        const QJsonObject numpy = QJsonDocument::fromJson(peer.readAllStandardOutput()).object();
        // Same algorithm, same answer.
        QCOMPARE(numpy["tracks"].toInt(), static_cast<int>(ids.size()));
        QCOMPARE(numpy["points"].toInt(), static_cast<int>(tracks.size()));

        const double ours = seconds[1];
        const double numpySeconds = numpy["seconds"].toDouble();
        report.add({"10 years of detections linked", "s", "cyclone::linkTracks (median of 3)", ours,
                    "the same greedy algorithm in numpy, /usr/bin/python3", numpySeconds,
                    twins::bench::Better::Lower, 1.0,
                    "issue 6 (time only) and DESIGN.md: C++ matches or beats the Python peer"});
        report.detail("detections", static_cast<qint64>(detections.size()));
        report.detail("steps", years * stepsPerYear);
        report.detail("tracks", static_cast<qint64>(ids.size()));
        report.detail("track_points", static_cast<qint64>(tracks.size()));
        report.detail("numpy_over_cpp", numpySeconds / ours);
        TWINBENCH_REPORT_AND_VERIFY(report);
    }
};

QTEST_GUILESS_MAIN(CycloneTrackerBench)
#include "CycloneTrackerBench.moc"
