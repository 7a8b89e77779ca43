#pragma once

#include "twinbench/federation/Executor.h"
#include "twinbench/federation/SlurmToken.h"

#include <QUrl>

#include <chrono>
#include <memory>

namespace twins::federation {

struct HttpReply;

// SLURM through slurmrestd, API v0.0.38: POST /slurm/v0.0.38/job/submit, GET
// /slurm/v0.0.38/jobs (one call for all runs), DELETE /slurm/v0.0.38/job/{id}; authenticated
// with the JWT headers X-SLURM-USER-NAME and X-SLURM-USER-TOKEN.
class SlurmRestExecutor : public Executor {
public:
    struct Options {
        QUrl baseUrl;             // e.g. http://127.0.0.1:6820
        QString userName;         // X-SLURM-USER-NAME; empty: the local user
        QString workerExecutable; // twinbench-run as seen from the compute nodes
        QString partition;
        std::chrono::milliseconds requestTimeout{10000};
    };

    SlurmRestExecutor(Options options, std::unique_ptr<SlurmTokenSource> tokens);
    ~SlurmRestExecutor() override;

    QString name() const override;
    QString submit(const BackendJob& job) override;
    QStringList submitArray(const QList<BackendJob>& jobs) override;
    QHash<QString, BackendObservation> query(const QList<BackendJob>& jobs) override;
    void cancel(const BackendJob& job) override;

private:
    // One authenticated request; retries once with a fresh token after HTTP 401.
    HttpReply request(const QByteArray& method, const QString& path, const QByteArray& body);
    QString submitJob(const QJsonObject& job, const QString& script, const QString& runId);

    Options m_options;
    std::unique_ptr<SlurmTokenSource> m_tokens;
};

} // namespace twins::federation
