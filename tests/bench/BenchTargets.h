#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <cmath>
#include <vector>

#ifndef TWINBENCH_BINARY_DIR
#error "TWINBENCH_BINARY_DIR must be defined"
#endif

// What every bench under tests/bench states and asserts: each target is a ratio of the measured
// side to a peer measured in the same run on the same machine (never an absolute timing, which a
// shared 2-core machine moves by 2x). A bench adds its targets, writes <build>/bench/NAME.json
// (`bench`, `pass`, and per target `target`, `measured`, `peer`, `ratio`, `pass`, plus the
// bench's own details) and then fails when any target is missed; `make bench` reads the JSON
// files into one table (tests/bench/bench-table.py).
//
// Two environment variables exist for checking the benches themselves:
//   TWINBENCH_BENCH_DIR       where the JSON goes instead of <build>/bench;
//   TWINBENCH_BENCH_HANDICAP  N > 1: benches that support it do their measured work N times
//                             per timing (the JSON records the handicap), so a test can show
//                             the bench failing when its peer is comparatively faster.
namespace twins::bench {

// Which way a ratio (measured / peer) is good.
enum class Better { Lower, Higher };

struct RatioTarget {
    QString name;         // what is compared, e.g. "cold open + first slice"
    QString unit;         // unit of measured and peer, e.g. "s", "fields/s"
    QString measuredWhat; // the measured side, e.g. "Dataset::readDecoded"
    double measured = 0.0;
    QString peerWhat; // the peer, e.g. "xarray isel(time=0).values, /usr/bin/python3"
    double peer = 0.0;
    Better better = Better::Lower;
    double limit = 1.0; // measured / peer must be <= limit (Lower) or >= limit (Higher)
    QString source;     // where the target was set and how it became this ratio

    double ratio() const { return peer > 0.0 ? measured / peer : std::nan(""); }
    bool pass() const {
        const double value = ratio();
        if (!std::isfinite(value) || !(measured > 0.0)) {
            return false;
        }
        return better == Better::Lower ? value <= limit : value >= limit;
    }
    QString targetText() const {
        return QStringLiteral("%1 %2")
            .arg(better == Better::Lower ? "<=" : ">=")
            .arg(limit, 0, 'g', 3);
    }
};

inline int handicap() {
    const int value = qEnvironmentVariableIntValue("TWINBENCH_BENCH_HANDICAP");
    return value > 1 ? value : 1;
}

inline QString outputDirectory() {
    const QString overridden = qEnvironmentVariable("TWINBENCH_BENCH_DIR");
    return overridden.isEmpty() ? QStringLiteral(TWINBENCH_BINARY_DIR "/bench") : overridden;
}

class BenchReport {
public:
    // Removes the bench's JSON of an earlier run at once, so a bench that fails before it writes
    // leaves no stale result for the table to read.
    explicit BenchReport(QString name) : m_name(std::move(name)) {
        QDir().mkpath(outputDirectory());
        QFile::remove(path());
    }

    QString path() const { return outputDirectory() + "/" + m_name + ".json"; }

    void add(const RatioTarget& target) { m_targets.push_back(target); }
    void detail(const QString& key, const QJsonValue& value) { m_details.insert(key, value); }

    bool allPassed() const {
        bool all = !m_targets.empty();
        for (const RatioTarget& target : m_targets) {
            all = all && target.pass();
        }
        return all;
    }

    // One line per target: "name: measured 0.04 s, peer 0.16 s, ratio 0.22 (target <= 0.333) met".
    QString summary() const {
        QStringList lines;
        for (const RatioTarget& t : m_targets) {
            lines << QStringLiteral("%1: %2 %3 %4, peer %5 %6 %4, ratio %7 (target %8) %9")
                         .arg(t.name, t.measuredWhat)
                         .arg(t.measured, 0, 'g', 4)
                         .arg(t.unit, t.peerWhat)
                         .arg(t.peer, 0, 'g', 4)
                         .arg(t.ratio(), 0, 'f', 3)
                         .arg(t.targetText(), t.pass() ? "met" : "MISSED");
        }
        return lines.join('\n');
    }

    // Writes NAME.json; false (with the reason in `error`) when the file cannot be written.
    bool write(QString* error = nullptr) const {
        QJsonArray targets;
        for (const RatioTarget& t : m_targets) {
            targets.append(QJsonObject{
                {"name", t.name},
                {"target", t.targetText()},
                {"limit", t.limit},
                {"better", t.better == Better::Lower ? "lower" : "higher"},
                {"measured", t.measured},
                {"measured_what", t.measuredWhat},
                {"peer", t.peer},
                {"peer_what", t.peerWhat},
                {"unit", t.unit},
                {"ratio", std::isfinite(t.ratio()) ? QJsonValue(t.ratio()) : QJsonValue()},
                {"pass", t.pass()},
                {"source", t.source}});
        }
        const QJsonObject result{{"bench", m_name},
                                 {"pass", allPassed()},
                                 {"handicap", handicap()},
                                 {"targets", targets},
                                 {"details", m_details}};
        QFile file(path());
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(result).toJson()) < 0) {
            if (error != nullptr) {
                *error = QStringLiteral("cannot write %1: %2").arg(path(), file.errorString());
            }
            return false;
        }
        return true;
    }

private:
    QString m_name;
    std::vector<RatioTarget> m_targets;
    QJsonObject m_details;
};

} // namespace twins::bench

// Writes the report, prints its summary and fails the test function when a target is missed.
#define TWINBENCH_REPORT_AND_VERIFY(report)                                                        \
    do {                                                                                           \
        QString writeError_;                                                                       \
        QVERIFY2((report).write(&writeError_), qPrintable(writeError_));                           \
        qInfo("%s -> %s", qPrintable((report).summary()), qPrintable((report).path()));            \
        QVERIFY2((report).allPassed(), qPrintable("target missed:\n" + (report).summary()));       \
    } while (false)
