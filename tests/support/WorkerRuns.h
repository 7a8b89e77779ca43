#pragma once

#include "ProcessRun.h"

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QtGlobal>

#if !defined(TWINBENCH_WORKER_EXECUTABLE) || !defined(TWINBENCH_PLUGIN_BUILD_DIR)
#error "TWINBENCH_WORKER_EXECUTABLE and TWINBENCH_PLUGIN_BUILD_DIR must be defined"
#endif

// Runs of one twin through the real worker (`twinbench-run run MODULE ACTION ... --wait`) with
// a runs directory of their own and the build's plugins, as the twins' chain tests and benches
// use them.
namespace twins::testing {

class WorkerRuns {
public:
    explicit WorkerRuns(QString module) : m_module(std::move(module)) {}

    bool isValid() const { return m_runs.isValid(); }
    QString path() const { return m_runs.path(); }
    QString filePath(const QString& relative) const { return m_runs.filePath(relative); }
    QString outputs(const QString& id) const { return m_runs.filePath(id + "/outputs"); }

    QProcessEnvironment environment() const {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("TWINBENCH_RUNS_DIR", m_runs.path());
        environment.insert("TWINBENCH_PLUGIN_PATH", TWINBENCH_PLUGIN_BUILD_DIR);
        environment.insert("TWINBENCH_WORKER_EXECUTABLE", TWINBENCH_WORKER_EXECUTABLE);
        return environment;
    }

    // Any twinbench-run command in this environment.
    ProcessOutcome worker(const QStringList& arguments, int timeoutMs = 120000) const {
        return runProcess(TWINBENCH_WORKER_EXECUTABLE, arguments, timeoutMs, environment());
    }

    // Runs an action of the module to the end; returns the run id, or "" on failure with the
    // reason logged. `outcome`, when given, receives the worker's exit code and output.
    QString run(const QStringList& arguments, ProcessOutcome* outcome = nullptr,
                int timeoutMs = 600000) const {
        const ProcessOutcome result =
            worker(QStringList{"run", m_module} + arguments + QStringList{"--wait"}, timeoutMs);
        if (outcome != nullptr) {
            *outcome = result;
        }
        if (result.exitCode != 0) {
            qWarning("run %s failed (%d): %s", qPrintable(arguments.join(' ')), result.exitCode,
                     qPrintable(result.errors));
            return {};
        }
        return QString::fromUtf8(result.output).trimmed().split('\n').first();
    }

    // The last value a run reported for a metric (its metrics.jsonl), or -1.
    double lastMetric(const QString& id, const QString& name) const {
        QFile file(m_runs.filePath(id + "/metrics.jsonl"));
        double value = -1.0;
        if (file.open(QIODevice::ReadOnly)) {
            for (const QByteArray& line : file.readAll().split('\n')) {
                const QJsonObject point = QJsonDocument::fromJson(line).object();
                if (point.value("name").toString() == name) {
                    value = point.value("value").toDouble();
                }
            }
        }
        return value;
    }

private:
    QString m_module;
    QTemporaryDir m_runs;
};

} // namespace twins::testing
