#pragma once

#include "twinbench/runs/RunDirectory.h"
#include "twinbench/sdk/TwinModule.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace twins::jobs {

// The ActionContext of a batch job: progress into status.json, metrics into metrics.jsonl, log
// lines into log.txt (echoed to stderr, which the executor may capture too).
//
// Progress is throttled to one status.json write per minimumProgressIntervalMs: an action
// reporting every few microseconds must not turn into thousands of atomic file replacements.
// A report that arrives too early is kept and written by the next context call after the
// interval or by flushProgress(), so the last report always reaches the file.
class RunActionContext : public sdk::ActionContext {
public:
    static constexpr qint64 minimumProgressIntervalMs = 200;

    RunActionContext(runs::RunDirectory run, QJsonObject parameters, QStringList inputs,
                     std::function<bool()> isCancelled);

    QJsonObject parameters() const override { return m_parameters; }
    QStringList inputs() const override { return m_inputs; }
    QString outputDirectory() const override;
    QString workDirectory() const override;

    void reportProgress(double fraction, const QString& message) override;
    void reportMetric(qint64 step, const QString& name, double value) override;
    void log(const QString& line) override;
    bool isCancelled() const override;

    // Writes a pending progress report now, if there is one.
    void flushProgress();

private:
    void writeProgressIfDue();

    runs::RunDirectory m_run;
    QJsonObject m_parameters;
    QStringList m_inputs;
    std::function<bool()> m_isCancelled;
    struct PendingProgress {
        double fraction;
        QString message;
    };
    std::optional<PendingProgress> m_pending;
    QElapsedTimer m_sinceLastWrite;
};

} // namespace twins::jobs
