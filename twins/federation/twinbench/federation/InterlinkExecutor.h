#pragma once

#include "twinbench/federation/Executor.h"
#include "twinbench/federation/InterlinkPod.h"

#include <QUrl>

#include <chrono>
#include <memory>

namespace twins::federation {

struct HttpReply;
class OidcSession;

// Runs as pods offloaded through an interLink API server (interlink-hq/interLink): POST /create
// with a PodCreateRequests body, GET /status and GET /getLogs with JSON bodies (as interLink's
// virtual kubelet sends them), POST /delete with the pod. Every request carries
// `Authorization: Bearer <access token>` from the backend's OidcSession, which refreshes the
// token before it expires; the token goes only where SecretDestination.h allows and appears in
// no message. A sign-in that has ended gives FederationError (submit, cancel) or an unreachable
// observation (query) saying to sign in again, never a crash.
class InterlinkExecutor : public Executor {
public:
    struct Options {
        QUrl baseUrl; // e.g. https://interlink.example.org or http://127.0.0.1:3000
        InterlinkPodOptions pod;
        std::chrono::milliseconds requestTimeout{10000};
    };

    InterlinkExecutor(Options options, std::unique_ptr<OidcSession> session);
    ~InterlinkExecutor() override;

    QString name() const override;
    QString submit(const BackendJob& job) override;
    // One pod per run (interLink has no arrays); when one is refused, those already created are
    // deleted again before the error is thrown.
    QStringList submitArray(const QList<BackendJob>& jobs) override;
    QHash<QString, BackendObservation> query(const QList<BackendJob>& jobs) override;
    void cancel(const BackendJob& job) override;

    // The container's output as interLink returns it (the job's stdout and stderr), the last
    // `tailLines` lines (0: all). Throws FederationError.
    QString containerLogs(const BackendJob& job, int tailLines);

private:
    // One authenticated request; after a 401 the access token is refreshed and the request sent
    // once more. Throws OidcError when there is no valid sign-in.
    HttpReply request(const QByteArray& method, const QString& path, const QByteArray& body);
    QString createPod(const BackendJob& job);
    void deletePod(const InterlinkPodIdentity& pod, const QString& runId);
    QString failureText(const HttpReply& reply) const;

    Options m_options;
    std::unique_ptr<OidcSession> m_session;
};

} // namespace twins::federation
