// The Runs dock with 10,000 runs in the registry: time to list them from SQLite, show them in
// the panel (first paint included) and filter them, against a peer measured in the same run:
// the sqlite3 command-line shell printing the same rows. Target (issue 4): open and filter in
// under 200 ms. Label "bench"; writes build/bench/runs_dock.json.
#include "twinbench/runs/RunRegistry.h"
#include "twinbench/runs/RunSpec.h"
#include "twinbench/widgets/RunFilterModel.h"
#include "twinbench/widgets/RunTableModel.h"
#include "twinbench/widgets/RunsPanel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace twins;

namespace {

constexpr int runCount = 10000;

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

double milliseconds(const QElapsedTimer& timer) {
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

} // namespace

class RunsDockBench : public QObject {
    Q_OBJECT
private slots:
    void tenThousandRunsOpenAndFilter() {
        QTemporaryDir directory;
        const QString database = directory.filePath(QStringLiteral("runs.sqlite"));
        {
            runs::RunRegistry registry(database);
            // Filling through the public API would take a transaction per run; one explicit
            // transaction on the registry's own file keeps the set-up short.
            QSqlDatabase connection =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fill"));
            connection.setDatabaseName(database);
            QVERIFY(connection.open());
            QVERIFY(connection.transaction());
            QSqlQuery insert(connection);
            QVERIFY(insert.prepare(QStringLiteral(
                "INSERT INTO runs (id, module, action, backend, backend_job_id, state, detail, "
                "progress, run_directory, created, updated) VALUES (?,?,?,?,?,?,?,?,?,?,?)")));
            const QStringList modules{QStringLiteral("cyclone"), QStringLiteral("calogan"),
                                      QStringLiteral("wildfire"), QStringLiteral("pulsar")};
            const QStringList states{QStringLiteral("succeeded"), QStringLiteral("failed"),
                                     QStringLiteral("cancelled"), QStringLiteral("running"),
                                     QStringLiteral("queued")};
            const QDateTime start(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
            for (int i = 0; i < runCount; ++i) {
                const QString created = start.addSecs(i * 60).toString(Qt::ISODateWithMs);
                insert.addBindValue(
                    QStringLiteral("20260101T000000000Z-%1").arg(i, 8, 16, QLatin1Char('0')));
                insert.addBindValue(modules[i % modules.size()]);
                insert.addBindValue(i % 3 == 0 ? QStringLiteral("train") : QStringLiteral("infer"));
                insert.addBindValue(i % 2 == 0 ? QStringLiteral("local") : QStringLiteral("slurm"));
                insert.addBindValue(QString::number(1000 + i));
                insert.addBindValue(states[i % states.size()]);
                insert.addBindValue(QStringLiteral("step %1 of 100").arg(i % 100));
                insert.addBindValue((i % 100) / 100.0);
                insert.addBindValue(directory.filePath(QString::number(i)));
                insert.addBindValue(created);
                insert.addBindValue(created);
                QVERIFY(insert.exec());
            }
            QVERIFY(connection.commit());
            connection.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("fill"));

        std::vector<double> listTimes, showTimes, filterTimes, totalTimes, peerTimes;
        for (int repeat = 0; repeat < 5; ++repeat) {
            QElapsedTimer total;
            total.start();
            QElapsedTimer timer;
            timer.start();
            QList<runs::RunRecord> records;
            {
                runs::RunRegistry registry(database);
                records = registry.list();
            }
            listTimes.push_back(milliseconds(timer));
            QCOMPARE(records.size(), runCount);

            timer.restart();
            widgets::RunsPanel panel;
            panel.resize(1200, 500);
            panel.setRuns(records);
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            panel.table()->viewport()->repaint();
            showTimes.push_back(milliseconds(timer));

            timer.restart();
            panel.setFilterText(QStringLiteral("calogan"));
            const int shown = panel.filterModel()->rowCount();
            panel.table()->viewport()->repaint();
            filterTimes.push_back(milliseconds(timer));
            totalTimes.push_back(milliseconds(total));
            QCOMPARE(shown, runCount / 4);

            QElapsedTimer peer;
            peer.start();
            QProcess sqlite;
            sqlite.start(
                QStringLiteral("sqlite3"),
                {database, QStringLiteral("SELECT id, module, action, backend, backend_job_id, "
                                          "state, detail, progress, run_directory, created, "
                                          "updated FROM runs ORDER BY created DESC, id DESC;")});
            QVERIFY2(sqlite.waitForFinished(30000), "sqlite3 (the peer) did not finish");
            QCOMPARE(sqlite.readAllStandardOutput().count('\n'), runCount);
            peerTimes.push_back(milliseconds(peer));
        }
        const double total = median(totalTimes);
        const double peer = median(peerTimes);
        qInfo("10,000 runs: list %.1f ms, show %.1f ms, filter %.1f ms, open+filter %.1f ms "
              "(median of 5); peer sqlite3 shell %.1f ms; ratio %.2f",
              median(listTimes), median(showTimes), median(filterTimes), total, peer, total / peer);
        QDir().mkpath(QStringLiteral(TWINBENCH_BINARY_DIR "/bench"));
        QFile out(QStringLiteral(TWINBENCH_BINARY_DIR "/bench/runs_dock.json"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(QJsonObject{{QStringLiteral("runs"), runCount},
                                            {QStringLiteral("list_ms"), median(listTimes)},
                                            {QStringLiteral("show_ms"), median(showTimes)},
                                            {QStringLiteral("filter_ms"), median(filterTimes)},
                                            {QStringLiteral("open_and_filter_ms"), total},
                                            {QStringLiteral("peer_sqlite3_ms"), peer},
                                            {QStringLiteral("ratio"), total / peer}})
                      .toJson());
        QVERIFY2(total < 200.0, qPrintable(QStringLiteral("open+filter took %1 ms").arg(total)));
    }
};

QTEST_MAIN(RunsDockBench)
#include "RunsDockBench.moc"
