#include "twinbench/runs/RunDirectory.h"

#include "twinbench/runs/AtomicJson.h"
#include "twinbench/runs/RunError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace twins::runs {

namespace {

const QString runIdField = QStringLiteral("run_id");

void createEmptyFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        throw RunError(path, QStringLiteral("cannot create: %1").arg(file.errorString()));
    }
}

void createDirectory(const QString& path) {
    if (!QDir().mkpath(path)) {
        throw RunError(path, QStringLiteral("cannot create directory"));
    }
}

} // namespace

RunDirectory::RunDirectory(QString path, QString runId)
    : m_path(std::move(path)), m_runId(std::move(runId)) {}

RunDirectory RunDirectory::create(const QString& path, const QString& runId, const RunSpec& spec) {
    if (runId.isEmpty()) {
        throw RunError(path, QStringLiteral("cannot create a run directory without a run id"));
    }
    const QString absolutePath = QFileInfo(path).absoluteFilePath();
    RunDirectory run(absolutePath, runId);
    if (QFileInfo::exists(run.specPath())) {
        throw RunError(absolutePath, QStringLiteral("already holds a run (spec.json exists)"));
    }
    createDirectory(absolutePath);
    createDirectory(run.outputsPath());
    createDirectory(run.insituPath());

    QJsonObject specJson = spec.toJson();
    specJson.insert(runIdField, runId);
    // status.json first: whoever sees a spec.json can rely on a status.json beside it.
    run.writeStatus(RunStatus{});
    createEmptyFile(run.logPath());
    createEmptyFile(run.metricsPath());
    writeJsonFileAtomically(run.specPath(), specJson);
    return run;
}

RunDirectory RunDirectory::open(const QString& path) {
    const QString absolutePath = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo(absolutePath).isDir()) {
        throw RunError(absolutePath, QStringLiteral("is not a run directory (no such directory)"));
    }
    RunDirectory run(absolutePath, QString());
    const QJsonObject specJson = readJsonObjectFile(run.specPath());
    const QJsonValue runId = specJson.value(runIdField);
    if (!runId.isString() || runId.toString().isEmpty()) {
        throw RunError(run.specPath(), QStringLiteral("field 'run_id' must be a non-empty string"));
    }
    run.m_runId = runId.toString();
    return run;
}

QString RunDirectory::specPath() const {
    return m_path + QStringLiteral("/spec.json");
}
QString RunDirectory::statusPath() const {
    return m_path + QStringLiteral("/status.json");
}
QString RunDirectory::logPath() const {
    return m_path + QStringLiteral("/log.txt");
}
QString RunDirectory::metricsPath() const {
    return m_path + QStringLiteral("/metrics.jsonl");
}
QString RunDirectory::outputsPath() const {
    return m_path + QStringLiteral("/outputs");
}
QString RunDirectory::insituPath() const {
    return m_path + QStringLiteral("/insitu");
}
QString RunDirectory::provenancePath() const {
    return m_path + QStringLiteral("/prov.json");
}

RunSpec RunDirectory::spec() const {
    return RunSpec::fromJson(readJsonObjectFile(specPath()), specPath());
}

RunStatus RunDirectory::status() const {
    return RunStatus::fromJson(readJsonObjectFile(statusPath()), statusPath());
}

void RunDirectory::writeStatus(const RunStatus& status) const {
    writeJsonFileAtomically(statusPath(), status.toJson());
}

RunStatus RunDirectory::changeState(RunState state, const QString& detail,
                                    std::optional<int> exitCode) const {
    RunStatus status = this->status();
    const QString error = transitionError(status.state, state);
    if (!error.isEmpty()) {
        throw RunError(statusPath(), error);
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    status.state = state;
    status.detail = detail;
    if (state == RunState::Running) {
        status.startedAt = now;
    }
    if (isTerminal(state)) {
        status.finishedAt = now;
        if (state == RunState::Succeeded) {
            status.progress = 1.0;
        }
    }
    if (exitCode) {
        status.exitCode = exitCode;
    }
    writeStatus(status);
    return status;
}

RunStatus RunDirectory::reportProgress(double progress, const QString& detail) const {
    RunStatus status = this->status();
    status.progress = std::clamp(progress, 0.0, 1.0);
    status.detail = detail;
    writeStatus(status);
    return status;
}

void RunDirectory::appendLog(const QString& text) const {
    const QString stamp = isoTime(QDateTime::currentDateTimeUtc());
    QByteArray bytes;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        bytes += (stamp + QLatin1Char(' ') + line + QLatin1Char('\n')).toUtf8();
    }
    QFile file(logPath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        throw RunError(logPath(), QStringLiteral("cannot append: %1").arg(file.errorString()));
    }
    if (file.write(bytes) != bytes.size()) {
        throw RunError(logPath(), QStringLiteral("cannot append: %1").arg(file.errorString()));
    }
}

void RunDirectory::appendMetric(qint64 step, const QString& name, double value) const {
    twins::runs::appendMetric(metricsPath(),
                              MetricPoint{step, name, value, QDateTime::currentDateTimeUtc()});
}

MetricsReading RunDirectory::metrics() const {
    return readMetrics(metricsPath());
}

} // namespace twins::runs
