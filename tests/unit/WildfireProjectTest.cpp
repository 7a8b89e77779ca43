// The wildfire twin's project action and what_if query through the real worker at the smallest
// settings (a 24 x 24 degree region at 2 degrees; train 2001, validation 2002; a depth-1 UNet++
// with 4 filters, one epoch): the change under SSP5-8.5 against the historical cube per cell
// and per region with the members' sign agreement (robust_change missing exactly where fewer
// than 80% agree), a scenario flagged outside the model's training domain, the refusals (one
// member, two historical cubes), and what_if through `twinbench-run serve` (the map of the
// `map` answer, no change without a perturbation, a change inside the region with one, the
// median round trip under a second, and the region's window equal to the whole map's pass).
#include "WorkerRuns.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/SessionClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace {

using twins::data::Dataset;

QJsonObject readJson(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                          : QJsonObject();
}

std::vector<float> decodeField(const QJsonObject& field) {
    const QByteArray bytes =
        QByteArray::fromBase64(field.value("float32_base64").toString().toLatin1());
    std::vector<float> values(static_cast<std::size_t>(bytes.size()) / sizeof(float));
    std::memcpy(values.data(), bytes.constData(), values.size() * sizeof(float));
    return values;
}

} // namespace

class WildfireProjectTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"wildfire"};
    QString m_cube;  // historical, 2001-2003
    QString m_warm;  // ssp585, 2002-2003
    QString m_model; // train run

    QStringList projectArguments(const QStringList& inputs, const QString& passes,
                                 const QString& period = "2003-01-01/2003-12-31") const {
        QStringList arguments{"project"};
        for (const QString& input : inputs) {
            arguments << "--input" << input;
        }
        return arguments + QStringList{"--set", "period=" + period, "--set", "mc_passes=" + passes,
                                       "--set", "threads=1"};
    }

private slots:
    void initTestCase() {
        QVERIFY(m_runs.isValid());
        m_cube = m_runs.run({"generate", "--set", "first_year=2001", "--set", "last_year=2003",
                             "--set", "resolution=2", "--set", "bbox=10,-20,34,4"});
        QVERIFY(!m_cube.isEmpty());
        m_warm =
            m_runs.run({"generate", "--set", "first_year=2002", "--set", "last_year=2003", "--set",
                        "resolution=2", "--set", "bbox=10,-20,34,4", "--set", "scenario=ssp585"});
        QVERIFY(!m_warm.isEmpty());
        m_model = m_runs.run({"train", "--input", m_cube, "--set", "train_first_year=2001", "--set",
                              "train_last_year=2001", "--set", "validation_last_year=2002", "--set",
                              "depth=1", "--set", "base_filters=4", "--set", "epochs=1", "--set",
                              "threads=1", "--set", "seed=3"});
        QVERIFY(!m_model.isEmpty());
    }

    void projectsTheChangeWithTheMembersAgreement() {
        // Two years (the scenario cube starts in 2002, so its first step predicted is the
        // second of 2002), so the run can state its own variability threshold (approach B).
        const QString id =
            m_runs.run(projectArguments({m_model, m_warm, m_cube}, "4", "2002-01-05/2003-12-31"));
        QVERIFY(!id.isEmpty());
        const QString outputs = m_runs.outputs(id);
        const auto file = Dataset::open((outputs + "/projection.nc").toStdString());
        const std::vector<double> before =
            file->readDecoded(file->variable("burned_probability_historical"));
        const std::vector<double> after =
            file->readDecoded(file->variable("burned_probability_scenario"));
        const std::vector<double> change =
            file->readDecoded(file->variable("burned_probability_change"));
        const std::vector<double> members =
            file->readDecoded(file->variable("burned_probability_change_members"));
        const std::vector<double> agreement = file->readDecoded(file->variable("sign_agreement"));
        const std::vector<double> robust = file->readDecoded(file->variable("robust_change"));
        QCOMPARE(file->variable("burned_probability_change_members").shape,
                 (std::vector<std::size_t>{4, 12, 12}));
        QCOMPARE(file->variable("burned_probability_change").text("ancillary_variables"),
                 std::string("burned_probability_change_members sign_agreement"));
        // The threshold the views hatch at is the run's: sqrt(2) x 1.645 x sigma / sqrt(2 years).
        const auto stated = [&](const char* name) {
            for (const auto& attribute :
                 file->variable("burned_probability_change_members").attributes) {
                if (attribute.name == name && attribute.numbers.size() == 1) {
                    return attribute.numbers[0];
                }
            }
            return std::nan("");
        };
        QCOMPARE(stated("variability_years"), 2.0);
        QVERIFY2(stated("variability_sigma") > 0.0, "no interannual variability stated");
        QVERIFY(std::abs(stated("variability_threshold") -
                         std::sqrt(2.0) * 1.645 * stated("variability_sigma") / std::sqrt(2.0)) <
                1e-12);
        QCOMPARE(m_runs.lastMetric(id, "variability_threshold"), stated("variability_threshold"));
        const std::vector<double> lsm =
            Dataset::open((m_runs.outputs(m_cube) + "/cube.nc").toStdString())
                ->readDecoded("lsm", {{0, 0}, {12, 12}, {}});
        std::size_t land = 0;
        std::size_t robustCells = 0;
        std::size_t disputed = 0;
        for (std::size_t i = 0; i < change.size(); ++i) {
            QCOMPARE(std::isfinite(change[i]), lsm[i] >= 0.5); // missing at sea
            if (!std::isfinite(change[i])) {
                QVERIFY(!std::isfinite(robust[i]));
                continue;
            }
            ++land;
            QVERIFY(std::abs(change[i] - (after[i] - before[i])) < 1e-5);
            // The mean change is the members' mean, and the agreement their share of its sign.
            double sum = 0.0;
            int agreeing = 0;
            for (std::size_t m = 0; m < 4; ++m) {
                const double own = members[m * 144 + i];
                sum += own;
                agreeing += (own > 0) == (change[i] > 0) && (own < 0) == (change[i] < 0) ? 1 : 0;
            }
            QVERIFY(std::abs(sum / 4 - change[i]) < 1e-5);
            QCOMPARE(agreement[i], agreeing / 4.0);
            QCOMPARE(std::isfinite(robust[i]), agreement[i] >= 0.8);
            robustCells += std::isfinite(robust[i]) ? 1 : 0;
            disputed += agreement[i] < 0.8 ? 1 : 0;
        }
        QVERIFY(land > 0);
        qInfo("project ssp585 against historical: %zu land cells, %zu robust, %zu disputed; "
              "change %.1f%% (generator %.1f%%), agreement %.2f",
              land, robustCells, disputed, m_runs.lastMetric(id, "change_percent"),
              m_runs.lastMetric(id, "generator_change_percent"),
              m_runs.lastMetric(id, "sign_agreement"));
        QCOMPARE(m_runs.lastMetric(id, "robust_cell_share"),
                 static_cast<double>(robustCells) / land);
        // Regions: all land first, then the zones the grid reaches (4N..20S: tropics both sides).
        QFile regions(outputs + "/regions.csv");
        QVERIFY(regions.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = regions.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), 4);
        QVERIFY(rows[1].startsWith("all land,"));
        QVERIFY(rows[2].startsWith("tropics north"));
        QVERIFY(rows[3].startsWith("tropics south"));
        const QJsonObject table = readJson(outputs + "/regions.json").value("metrics").toObject();
        QVERIFY2(table.value("all land").toString().contains("agree") &&
                     table.contains("all land, generator"),
                 qPrintable(QJsonDocument(table).toJson()));
        // The scenario is outside what the model was trained on: flagged, not refused.
        const QJsonObject domain = readJson(outputs + "/domain.json");
        QCOMPARE(domain.value("inside").toBool(true), false);
        QVERIFY(QJsonDocument(domain).toJson().contains("ssp585"));
    }

    void oneMemberOrTwoHistoricalCubesAreRefused() {
        twins::testing::ProcessOutcome outcome;
        QVERIFY(m_runs.run(projectArguments({m_model, m_warm, m_cube}, "0"), &outcome).isEmpty());
        QVERIFY2(outcome.errors.contains("1 member"), qPrintable(outcome.errors));
        QVERIFY(m_runs.run(projectArguments({m_model, m_cube, m_cube}, "2"), &outcome).isEmpty());
        QVERIFY2(outcome.errors.contains("both historical"), qPrintable(outcome.errors));
    }

    // Starts `twinbench-run serve` on a socket of the test's folder; returns its path.
    QString startServe(QProcess& serve, const QString& name) {
        serve.setProcessEnvironment(m_runs.environment());
        const QString socketPath = m_runs.filePath(name);
        serve.start(TWINBENCH_WORKER_EXECUTABLE, {"serve", "--socket", socketPath});
        QElapsedTimer started;
        started.start();
        while (!serve.canReadLine() && started.elapsed() < 10000 &&
               serve.state() != QProcess::NotRunning) {
            serve.waitForReadyRead(100);
        }
        return serve.readLine().startsWith("listening on") ? socketPath : QString();
    }

    void whatIfAnswersAMapThroughServe() {
        QProcess serve;
        const QString socketPath = startServe(serve, "session.sock");
        QVERIFY2(!socketPath.isEmpty(), serve.readAllStandardError());
        twins::sdk::SessionClient client(socketPath);
        client.connectToWorker();
        const QString model = m_runs.filePath(m_model);
        const QString cube = m_runs.filePath(m_warm);
        const QJsonObject asIs = client.request(
            "wildfire", "what_if",
            {{"model", model}, {"cube", cube}, {"date", "2003-07-15"}, {"mc_passes", 3}});
        QCOMPARE(asIs.value("loaded_now").toBool(), true);
        QCOMPARE(asIs.value("step").toString(), QString("2003-07-12"));
        const QJsonObject map = asIs.value("map").toObject();
        QCOMPARE(map.value("rows").toInt(), 12);
        QCOMPARE(map.value("columns").toInt(), 12);
        QCOMPARE(map.value("latitude").toObject().value("start").toDouble(), 3.0);
        const QJsonArray fields = map.value("fields").toArray();
        QCOMPARE(fields.size(), 3);
        const std::vector<float> p = decodeField(fields[0].toObject());
        const std::vector<float> unchanged = decodeField(fields[2].toObject());
        QCOMPARE(p.size(), std::size_t(144));
        const std::vector<double> lsm =
            Dataset::open((m_runs.outputs(m_warm) + "/cube.nc").toStdString())
                ->readDecoded("lsm", {{0, 0}, {12, 12}, {}});
        for (std::size_t i = 0; i < p.size(); ++i) {
            QCOMPARE(std::isfinite(p[i]), lsm[i] >= 0.5);
            if (std::isfinite(p[i])) {
                QVERIFY(p[i] >= 0.0f && p[i] <= 1.0f);
                QCOMPARE(unchanged[i], 0.0f); // the same dropout masks, the same drivers
            }
        }
        QCOMPARE(asIs.value("domain").toObject().value("inside").toBool(true), false); // ssp585

        // Hotter and drier over the eastern half: the map changes there.
        QList<double> roundTrips;
        QJsonObject hot;
        QElapsedTimer clock;
        for (int i = 0; i < 10; ++i) {
            clock.restart();
            hot = client.request("wildfire", "what_if",
                                 {{"model", model},
                                  {"cube", cube},
                                  {"date", "2003-07-15"},
                                  {"mc_passes", 3},
                                  {"region", "22,-20,34,4"},
                                  {"temperature_offset", 3.0 + i * 0.5},
                                  {"precipitation_factor", 0.2}});
            roundTrips.append(clock.nsecsElapsed() / 1e6);
        }
        QCOMPARE(hot.value("loaded_now").toBool(), false);
        const std::vector<float> change =
            decodeField(hot.value("map").toObject().value("fields").toArray()[2].toObject());
        std::size_t changedInside = 0;
        for (std::size_t i = 0; i < change.size(); ++i) {
            const bool east = i % 12 >= 6;
            changedInside += east && std::isfinite(change[i]) && change[i] != 0.0f ? 1 : 0;
        }
        QVERIFY(changedInside > 0);
        std::sort(roundTrips.begin(), roundTrips.end());
        qInfo("what_if through serve: first %.1f ms in the worker (loads model and cube), then "
              "median %.1f ms, max %.1f ms over 10 round trips (%.1f ms in the worker for the "
              "last); %zu cells changed in the region",
              asIs.value("milliseconds").toDouble(), roundTrips[5], roundTrips.last(),
              hot.value("milliseconds").toDouble(), changedInside);
        QVERIFY2(roundTrips[5] < 1000.0, qPrintable(QString::number(roundTrips[5])));

        QString error;
        try {
            client.request("wildfire", "what_if",
                           {{"model", model}, {"cube", cube}, {"region", "10,20"}});
        } catch (const twins::sdk::SdkError& e) {
            error = e.message();
        }
        QVERIFY2(error.contains("'region'"), qPrintable(error));
        client.shutdown();
        QVERIFY(serve.waitForFinished(5000));
    }

    // what_if recomputes only the window around the region that the change can reach: on a grid
    // large enough for that window to be smaller than the map (48 x 48 cells at 0.5 degree, a
    // depth-1 network reaching 9 cells), its map equals the whole map's pass (tile = false) for
    // a region in the middle and one at the grid's corner, with the same Monte Carlo masks.
    void whatIfRegionWindowEqualsTheWholeMap() {
        const QString cube =
            m_runs.run({"generate", "--set", "first_year=2001", "--set", "last_year=2002", "--set",
                        "resolution=0.5", "--set", "bbox=10,-20,34,4"});
        QVERIFY(!cube.isEmpty());
        const QString model =
            m_runs.run({"train", "--input", cube, "--set", "train_first_year=2001", "--set",
                        "train_last_year=2001", "--set", "validation_last_year=2002", "--set",
                        "depth=1", "--set", "base_filters=4", "--set", "epochs=1", "--set",
                        "threads=1", "--set", "seed=5"});
        QVERIFY(!model.isEmpty());
        QProcess serve;
        const QString socketPath = startServe(serve, "tiles.sock");
        QVERIFY2(!socketPath.isEmpty(), serve.readAllStandardError());
        twins::sdk::SessionClient client(socketPath);
        client.connectToWorker();
        for (const QString region : {"21,-9,23,-7", "10,-20,12,-18"}) {
            QJsonObject answers[2];
            for (const bool tile : {true, false}) {
                answers[tile ? 0 : 1] = client.request("wildfire", "what_if",
                                                       {{"model", m_runs.filePath(model)},
                                                        {"cube", m_runs.filePath(cube)},
                                                        {"date", "2002-07-15"},
                                                        {"mc_passes", 3},
                                                        {"region", region},
                                                        {"temperature_offset", 6.0},
                                                        {"precipitation_factor", 0.1},
                                                        {"tile", tile}});
            }
            const double windowCells = answers[0].value("computed_cells").toDouble();
            QCOMPARE(answers[1].value("computed_cells").toDouble(), 48.0 * 48.0);
            QVERIFY2(windowCells > 0 && windowCells < 40.0 * 40.0 + 1,
                     qPrintable(QString::number(windowCells)));
            const QJsonArray windowed =
                answers[0].value("map").toObject().value("fields").toArray();
            const QJsonArray whole = answers[1].value("map").toObject().value("fields").toArray();
            std::size_t changedCells = 0;
            for (int f = 0; f < 3; ++f) {
                const std::vector<float> a = decodeField(windowed[f].toObject());
                const std::vector<float> b = decodeField(whole[f].toObject());
                QCOMPARE(a.size(), std::size_t(48 * 48));
                QCOMPARE(b.size(), a.size());
                for (std::size_t i = 0; i < a.size(); ++i) {
                    QCOMPARE(std::isfinite(a[i]), std::isfinite(b[i]));
                    if (std::isfinite(a[i])) {
                        QVERIFY2(std::abs(a[i] - b[i]) < 1e-5,
                                 qPrintable(QString("field %1 cell %2: window %3, whole map %4")
                                                .arg(f)
                                                .arg(i)
                                                .arg(a[i])
                                                .arg(b[i])));
                        changedCells += f == 2 && std::abs(a[i]) > 1e-6 ? 1 : 0;
                    }
                }
            }
            QVERIFY(changedCells > 0);
            qInfo("what_if in %s: the window of %.0f cells (of 2304) matches the whole map; %zu "
                  "cells changed",
                  qPrintable(region), windowCells, changedCells);
        }
        client.shutdown();
        QVERIFY(serve.waitForFinished(5000));
    }
};

QTEST_GUILESS_MAIN(WildfireProjectTest)
#include "WildfireProjectTest.moc"
