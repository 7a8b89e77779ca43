#include "twinbench/federation/InterlinkExecutor.h"

#include "twinbench/federation/BlockingHttp.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/OidcError.h"
#include "twinbench/federation/OidcSession.h"
#include "twinbench/federation/RunResources.h"
#include "twinbench/federation/SecretDestination.h"
#include "twinbench/federation/SlurmBatchScript.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace twins::federation {

namespace {

constexpr char backendName[] = "interlink";

QByteArray compact(const QJsonValue& value) {
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

} // namespace

InterlinkExecutor::InterlinkExecutor(Options options, std::unique_ptr<OidcSession> session)
    : m_options(std::move(options)), m_session(std::move(session)) {}

InterlinkExecutor::~InterlinkExecutor() = default;

QString InterlinkExecutor::name() const {
    return QString::fromLatin1(backendName);
}

HttpReply InterlinkExecutor::request(const QByteArray& method, const QString& path,
                                     const QByteArray& body) {
    QUrl url = m_options.baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    url.setPath(base + path);
    // Before the token is even fetched: it goes only where SecretDestination.h allows.
    requireSecretDestination(url, name(), QStringLiteral("the OIDC access token"));
    HttpReply reply;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const HttpHeaders headers{
            {"Authorization", QByteArrayLiteral("Bearer ") + m_session->accessToken().toUtf8()}};
        reply = blockingHttpRequest(method, url, headers, body, m_options.requestTimeout);
        if (!reply.answered || reply.status != 401) {
            break;
        }
        // Expired on the way or revoked: one more try with a refreshed token (a revoked sign-in
        // makes accessToken() throw "sign in again").
        m_session->invalidateAccessToken();
    }
    return reply;
}

QString InterlinkExecutor::failureText(const HttpReply& reply) const {
    if (!reply.answered) {
        return QStringLiteral("interLink API at %1 unreachable: %2")
            .arg(m_options.baseUrl.toString(QUrl::RemoveUserInfo), reply.errorText);
    }
    // interLink passes its plugin's status code and plain-text message through.
    QString message = QString::fromUtf8(reply.body).simplified();
    if (message.size() > 400) {
        message = message.left(400) + QStringLiteral("...");
    }
    QString text = QStringLiteral("HTTP %1").arg(reply.status);
    if (!reply.errorText.isEmpty()) {
        text += QLatin1Char(' ') + reply.errorText;
    }
    if (!message.isEmpty()) {
        text += QStringLiteral(": ") + message;
    }
    if (reply.status == 401 || reply.status == 403) {
        text += QStringLiteral(" (the interLink server refused the access token even after a "
                               "refresh; sign in again with 'twinbench-run login interlink' or "
                               "Runs > Run Backends > Sign in)");
    }
    return text;
}

QString InterlinkExecutor::createPod(const BackendJob& job) {
    const InterlinkPodIdentity pod =
        InterlinkPodIdentity::forRun(m_options.pod.namespaceName, job.runId);
    const QJsonObject body =
        interlinkCreateRequest(m_options.pod, job, pod, runResources(job.runDirectory));
    HttpReply reply;
    try {
        reply = request("POST", QStringLiteral("/create"), compact(body));
    } catch (const FederationError& error) {
        throw FederationError(
            QStringLiteral("interlink: cannot submit run %1: %2").arg(job.runId, error.message()));
    }
    if (!reply.answered || reply.status != 200) {
        throw FederationError(QStringLiteral("interlink: cannot submit run %1: %2")
                                  .arg(job.runId, failureText(reply)));
    }
    // The answer is {PodUID, PodJID}; the pod id is what later requests name.
    writeSlurmBackendFile(job.runDirectory, name(), pod.backendJobId());
    return pod.backendJobId();
}

QString InterlinkExecutor::submit(const BackendJob& job) {
    return createPod(job);
}

QStringList InterlinkExecutor::submitArray(const QList<BackendJob>& jobs) {
    QStringList ids;
    try {
        for (const BackendJob& job : jobs) {
            ids << createPod(job);
        }
    } catch (const FederationError&) {
        for (qsizetype i = 0; i < ids.size(); ++i) {
            try {
                deletePod(InterlinkPodIdentity::fromBackendJobId(ids[i]), jobs[i].runId);
            } catch (const FederationError&) {
                // The first error is the one to report; this pod may stay behind.
            }
        }
        throw;
    }
    return ids;
}

QHash<QString, BackendObservation> InterlinkExecutor::query(const QList<BackendJob>& jobs) {
    QHash<QString, BackendObservation> observations;
    QJsonArray pods;
    QHash<QString, QString> runByUid;
    for (const BackendJob& job : jobs) {
        try {
            const InterlinkPodIdentity pod =
                InterlinkPodIdentity::fromBackendJobId(job.backendJobId);
            pods.append(interlinkPodReference(pod));
            runByUid.insert(pod.uid, job.runId);
        } catch (const FederationError& error) {
            BackendObservation unknown;
            unknown.detail = error.message();
            observations.insert(job.runId, unknown);
        }
    }
    if (pods.isEmpty()) {
        return observations;
    }
    BackendObservation unreachable;
    unreachable.reachable = false;
    HttpReply reply;
    try {
        reply = request("GET", QStringLiteral("/status"), compact(pods));
    } catch (const FederationError& error) {
        unreachable.detail = error.message(); // e.g. the sign-in ended: "sign in again ..."
    }
    if (unreachable.detail.isEmpty() && (!reply.answered || reply.status != 200)) {
        unreachable.detail =
            QStringLiteral("interlink: cannot ask for the status: %1").arg(failureText(reply));
    }
    const QJsonDocument answer = QJsonDocument::fromJson(reply.body);
    if (unreachable.detail.isEmpty() && !answer.isArray()) {
        unreachable.detail = QStringLiteral("interlink: the status answer of %1 is not a JSON list")
                                 .arg(m_options.baseUrl.toString(QUrl::RemoveUserInfo));
    }
    if (!unreachable.detail.isEmpty()) {
        for (const QString& runId : std::as_const(runByUid)) {
            observations.insert(runId, unreachable);
        }
        return observations;
    }
    for (const QJsonValue& value : answer.array()) {
        const QJsonObject status = value.toObject();
        const QString runId = runByUid.take(status.value(QStringLiteral("UID")).toString());
        if (!runId.isEmpty()) {
            observations.insert(runId, observeInterlinkPod(status));
        }
    }
    for (auto missing = runByUid.cbegin(); missing != runByUid.cend(); ++missing) {
        BackendObservation unknown;
        unknown.detail = QStringLiteral("interLink has no record of pod %1").arg(missing.key());
        observations.insert(missing.value(), unknown);
    }
    return observations;
}

void InterlinkExecutor::deletePod(const InterlinkPodIdentity& pod, const QString& runId) {
    HttpReply reply;
    try {
        reply = request("POST", QStringLiteral("/delete"), compact(interlinkPodReference(pod)));
    } catch (const FederationError& error) {
        throw FederationError(QStringLiteral("interlink: cannot cancel run %1 (pod %2): %3")
                                  .arg(runId, pod.name, error.message()));
    }
    if (!reply.answered || reply.status != 200) {
        throw FederationError(QStringLiteral("interlink: cannot cancel run %1 (pod %2): %3")
                                  .arg(runId, pod.name, failureText(reply)));
    }
}

void InterlinkExecutor::cancel(const BackendJob& job) {
    deletePod(InterlinkPodIdentity::fromBackendJobId(job.backendJobId), job.runId);
}

QString InterlinkExecutor::containerLogs(const BackendJob& job, int tailLines) {
    const InterlinkPodIdentity pod = InterlinkPodIdentity::fromBackendJobId(job.backendJobId);
    HttpReply reply;
    try {
        reply = request("GET", QStringLiteral("/getLogs"),
                        compact(interlinkLogRequest(pod, tailLines)));
    } catch (const FederationError& error) {
        throw FederationError(QStringLiteral("interlink: cannot read the log of run %1: %2")
                                  .arg(job.runId, error.message()));
    }
    if (!reply.answered || reply.status != 200) {
        throw FederationError(QStringLiteral("interlink: cannot read the log of run %1: %2")
                                  .arg(job.runId, failureText(reply)));
    }
    return QString::fromUtf8(reply.body);
}

} // namespace twins::federation
