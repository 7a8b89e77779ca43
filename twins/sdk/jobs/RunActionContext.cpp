#include "twinbench/jobs/RunActionContext.h"

#include <QDir>

#include <algorithm>
#include <cstdio>

namespace twins::jobs {

RunActionContext::RunActionContext(runs::RunDirectory run, QJsonObject parameters,
                                   QStringList inputs, std::function<bool()> isCancelled)
    : m_run(std::move(run)), m_parameters(std::move(parameters)), m_inputs(std::move(inputs)),
      m_isCancelled(std::move(isCancelled)) {}

QString RunActionContext::outputDirectory() const {
    return m_run.outputsPath();
}

QString RunActionContext::workDirectory() const {
    const QString path = m_run.path() + QStringLiteral("/work");
    QDir().mkpath(path);
    return path;
}

void RunActionContext::reportProgress(double fraction, const QString& message) {
    m_pending = PendingProgress{std::clamp(fraction, 0.0, 1.0), message};
    writeProgressIfDue();
}

void RunActionContext::reportMetric(qint64 step, const QString& name, double value) {
    m_run.appendMetric(step, name, value);
    writeProgressIfDue();
}

void RunActionContext::log(const QString& line) {
    m_run.appendLog(line);
    std::fprintf(stderr, "%s\n", qPrintable(line));
    writeProgressIfDue();
}

bool RunActionContext::isCancelled() const {
    return m_isCancelled && m_isCancelled();
}

void RunActionContext::flushProgress() {
    if (m_pending) {
        m_run.reportProgress(m_pending->fraction, m_pending->message);
        m_pending.reset();
        m_sinceLastWrite.start();
    }
}

void RunActionContext::writeProgressIfDue() {
    if (m_pending &&
        (!m_sinceLastWrite.isValid() || m_sinceLastWrite.elapsed() >= minimumProgressIntervalMs)) {
        flushProgress();
    }
}

} // namespace twins::jobs
