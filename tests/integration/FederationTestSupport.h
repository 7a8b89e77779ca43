#pragma once

#include "twinbench/federation/RunManager.h"
#include "twinbench/runs/RunSpec.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include <functional>

// Shared by the federation integration suites: the real worker and the testtwin plugin, run
// managers on temporary directories, and polling with a deadline.
namespace twins::testing {

// Makes every worker started by these tests (directly, through sbatch which exports the
// environment, or through slurmrestd which gets TWINBENCH_* passed) find the real worker and
// testtwin. Returns an empty string when they are usable, else what is missing.
inline QString prepareWorkerEnvironment() {
    qputenv("TWINBENCH_WORKER_EXECUTABLE", TWINBENCH_WORKER_EXECUTABLE);
    qputenv("TWINBENCH_PLUGIN_PATH", TWINBENCH_TEST_PLUGIN_DIR);
    if (!QFileInfo(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE)).isExecutable()) {
        return QStringLiteral("worker %1 is not built").arg(TWINBENCH_WORKER_EXECUTABLE);
    }
    return {};
}

inline twins::runs::RunSpec testSpec(const QString& action, const QJsonObject& parameters,
                                     const QString& backend) {
    twins::runs::RunSpec spec =
        twins::runs::RunSpec::forCurrentBuild(QStringLiteral("testtwin"), action, backend);
    spec.parameters = parameters;
    return spec;
}

// Polls `condition` every 20 ms until it holds or `timeoutMs` passes; returns the time taken in
// ms, or -1 on timeout.
inline qint64 waitUntil(const std::function<bool()>& condition, qint64 timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs) {
            return -1;
        }
        QThread::msleep(20);
    }
    return timer.elapsed();
}

// Refreshes `manager` until run `id` reaches `state` (or any terminal state); returns the record.
inline twins::runs::RunRecord refreshUntil(twins::federation::RunManager& manager,
                                           const QString& id, twins::runs::RunState state,
                                           qint64 timeoutMs) {
    twins::runs::RunRecord record = manager.refreshRun(id);
    waitUntil(
        [&] {
            record = manager.refreshRun(id);
            return record.state == state || twins::runs::isTerminal(record.state);
        },
        timeoutMs);
    return record;
}

} // namespace twins::testing
