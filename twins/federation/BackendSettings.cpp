#include "twinbench/federation/BackendSettings.h"

#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/InterlinkExecutor.h"
#include "twinbench/federation/LocalExecutor.h"
#include "twinbench/federation/OidcSession.h"
#include "twinbench/federation/SecretDestination.h"
#include "twinbench/federation/SlurmCliExecutor.h"
#include "twinbench/federation/SlurmRestExecutor.h"
#include "twinbench/federation/SlurmToken.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace twins::federation {

namespace {

constexpr char group[] = "federation";

std::unique_ptr<Executor> makeInterlinkExecutor(const BackendSettings& settings,
                                                const QString& worker) {
    if (settings.interlinkUrl.isEmpty()) {
        throw FederationError(QStringLiteral(
            "interlink: no interLink API URL configured (settings: federation/interlinkUrl)"));
    }
    // Refused here already, so a misconfigured URL fails when the backend is chosen.
    requireSecretDestination(QUrl(settings.interlinkUrl), QStringLiteral("interlink"),
                             QStringLiteral("the OIDC access token"));
    InterlinkExecutor::Options options;
    options.baseUrl = QUrl(settings.interlinkUrl);
    options.pod = InterlinkPodOptions{
        settings.interlinkNamespace,  settings.interlinkImage, worker,
        settings.interlinkSlurmFlags, settings.interlinkCpus,  settings.interlinkMemory,
        settings.interlinkSiteRunsDir};
    options.requestTimeout = settings.backendTimeout;
    return std::make_unique<InterlinkExecutor>(
        options,
        std::make_unique<OidcSession>(oidcClientSettings(settings, QStringLiteral("interlink"))));
}

} // namespace

BackendSettings BackendSettings::load(QSettings& settings) {
    BackendSettings values;
    settings.beginGroup(QString::fromLatin1(group));
    values.defaultBackend = settings.value("defaultBackend", values.defaultBackend).toString();
    values.localMaxConcurrentRuns = std::max(
        1, settings.value("localMaxConcurrentRuns", values.localMaxConcurrentRuns).toInt());
    values.localCancelGracePeriod = std::chrono::milliseconds(
        settings.value("localCancelGraceMs", qint64(values.localCancelGracePeriod.count()))
            .toLongLong());
    values.slurmMode = settings.value("slurmMode", values.slurmMode).toString();
    values.slurmRestUrl = settings.value("slurmRestUrl").toString();
    values.slurmRestUser = settings.value("slurmRestUser").toString();
    values.slurmTokenSource =
        settings.value("slurmTokenSource", values.slurmTokenSource).toString();
    values.slurmPartition = settings.value("slurmPartition").toString();
    values.slurmExtraSbatchFlags = settings.value("slurmExtraSbatchFlags").toStringList();
    values.slurmSshHost = settings.value("slurmSshHost").toString();
    values.interlinkOidcIssuer = settings.value("interlinkOidcIssuer").toString();
    values.interlinkOidcClientId = settings.value("interlinkOidcClientId").toString();
    values.interlinkOidcScope =
        settings.value("interlinkOidcScope", values.interlinkOidcScope).toString();
    values.interlinkUrl = settings.value("interlinkUrl").toString();
    values.interlinkNamespace =
        settings.value("interlinkNamespace", values.interlinkNamespace).toString();
    values.interlinkImage = settings.value("interlinkImage", values.interlinkImage).toString();
    values.interlinkSlurmFlags = settings.value("interlinkSlurmFlags").toStringList();
    values.interlinkCpus =
        std::max(1, settings.value("interlinkCpus", values.interlinkCpus).toInt());
    values.interlinkMemory = settings.value("interlinkMemory", values.interlinkMemory).toString();
    values.interlinkSiteRunsDir = settings.value("interlinkSiteRunsDir").toString();
    values.workerExecutable = settings.value("workerExecutable").toString();
    values.backendTimeout = std::chrono::milliseconds(
        settings.value("backendTimeoutMs", qint64(values.backendTimeout.count())).toLongLong());
    settings.endGroup();
    return values;
}

BackendSettings BackendSettings::load() {
    // One file for the GUI and twinbench-run (their application names differ, so their
    // default QSettings would be two files and the CLI would ignore the GUI's choices).
    QSettings settings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("Twinbench"),
                       QStringLiteral("federation"));
    return load(settings);
}

void BackendSettings::save() const {
    QSettings settings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("Twinbench"),
                       QStringLiteral("federation"));
    save(settings);
}

void BackendSettings::save(QSettings& settings) const {
    settings.beginGroup(QString::fromLatin1(group));
    settings.setValue("defaultBackend", defaultBackend);
    settings.setValue("localMaxConcurrentRuns", localMaxConcurrentRuns);
    settings.setValue("localCancelGraceMs", qint64(localCancelGracePeriod.count()));
    settings.setValue("slurmMode", slurmMode);
    settings.setValue("slurmRestUrl", slurmRestUrl);
    settings.setValue("slurmRestUser", slurmRestUser);
    settings.setValue("slurmTokenSource", slurmTokenSource);
    settings.setValue("slurmPartition", slurmPartition);
    settings.setValue("slurmExtraSbatchFlags", slurmExtraSbatchFlags);
    settings.setValue("slurmSshHost", slurmSshHost);
    settings.setValue("interlinkOidcIssuer", interlinkOidcIssuer);
    settings.setValue("interlinkOidcClientId", interlinkOidcClientId);
    settings.setValue("interlinkOidcScope", interlinkOidcScope);
    settings.setValue("interlinkUrl", interlinkUrl);
    settings.setValue("interlinkNamespace", interlinkNamespace);
    settings.setValue("interlinkImage", interlinkImage);
    settings.setValue("interlinkSlurmFlags", interlinkSlurmFlags);
    settings.setValue("interlinkCpus", interlinkCpus);
    settings.setValue("interlinkMemory", interlinkMemory);
    settings.setValue("interlinkSiteRunsDir", interlinkSiteRunsDir);
    settings.setValue("workerExecutable", workerExecutable);
    settings.setValue("backendTimeoutMs", qint64(backendTimeout.count()));
    settings.endGroup();
}

QString resolveBackendName(const BackendSettings& settings, const QString& requested) {
    const QString name = requested.isEmpty() ? settings.defaultBackend : requested;
    if (name == QLatin1String("local") || name == QLatin1String("slurm-rest") ||
        name == QLatin1String("interlink")) {
        return name;
    }
    if (name == QLatin1String("slurm")) {
        return settings.slurmMode == QLatin1String("rest") ? QStringLiteral("slurm-rest")
                                                           : QStringLiteral("slurm");
    }
    throw FederationError(
        QStringLiteral("unknown backend '%1' (known: local, slurm, slurm-rest, interlink)")
            .arg(name));
}

std::unique_ptr<Executor> makeExecutor(const BackendSettings& settings, const QString& backend) {
    const QString worker =
        settings.workerExecutable.isEmpty() ? findWorkerExecutable() : settings.workerExecutable;
    if (backend == QLatin1String("local")) {
        return std::make_unique<LocalExecutor>(LocalExecutor::Options{
            worker, settings.localMaxConcurrentRuns, settings.localCancelGracePeriod});
    }
    if (backend == QLatin1String("slurm")) {
        return std::make_unique<SlurmCliExecutor>(
            SlurmCliExecutor::Options{worker, settings.slurmSshHost, settings.slurmPartition,
                                      settings.slurmExtraSbatchFlags, settings.backendTimeout});
    }
    if (backend == QLatin1String("slurm-rest")) {
        if (settings.slurmRestUrl.isEmpty()) {
            throw FederationError(QStringLiteral(
                "slurm-rest: no slurmrestd URL configured (settings: federation/slurmRestUrl)"));
        }
        // Refused here already, so a misconfigured URL fails when the backend is chosen.
        requireSecretDestination(QUrl(settings.slurmRestUrl), QStringLiteral("slurm-rest"),
                                 QStringLiteral("the SLURM JWT"));
        std::unique_ptr<SlurmTokenSource> tokens;
        if (settings.slurmTokenSource == QLatin1String("keychain")) {
            tokens = std::make_unique<KeychainTokenSource>(
                keychainKeyForSlurmRest(settings.slurmRestUrl), settings.backendTimeout);
        } else if (settings.slurmTokenSource == QLatin1String("scontrol")) {
            // Token requests go where the other SLURM calls go (ssh or local).
            auto cli = std::make_shared<SlurmCliExecutor>(SlurmCliExecutor::Options{
                worker, settings.slurmSshHost, {}, {}, settings.backendTimeout});
            tokens = std::make_unique<ScontrolTokenSource>(
                [cli](const QStringList& command) { return cli->commandLine(command); },
                std::chrono::seconds(3600), settings.backendTimeout);
        } else {
            throw FederationError(
                QStringLiteral("slurm-rest: unknown token source '%1' (known: scontrol, keychain)")
                    .arg(settings.slurmTokenSource));
        }
        return std::make_unique<SlurmRestExecutor>(
            SlurmRestExecutor::Options{QUrl(settings.slurmRestUrl), settings.slurmRestUser, worker,
                                       settings.slurmPartition, settings.backendTimeout},
            std::move(tokens));
    }
    if (backend == QLatin1String("interlink")) {
        return makeInterlinkExecutor(settings, worker);
    }
    throw FederationError(
        QStringLiteral("unknown backend '%1' (known: local, slurm, slurm-rest, interlink)")
            .arg(backend));
}

QString findWorkerExecutable() {
    const QString fromEnvironment = qEnvironmentVariable("TWINBENCH_WORKER_EXECUTABLE");
    if (!fromEnvironment.isEmpty()) {
        return QFileInfo(fromEnvironment).absoluteFilePath();
    }
    if (QCoreApplication::instance()) {
        const QDir here(QCoreApplication::applicationDirPath());
        for (const QString& candidate :
             {here.filePath(QStringLiteral("twinbench-run")),
              here.filePath(QStringLiteral("../twinbench-run/twinbench-run"))}) {
            if (QFileInfo(candidate).isExecutable()) {
                return QFileInfo(candidate).canonicalFilePath();
            }
        }
    }
    return QStandardPaths::findExecutable(QStringLiteral("twinbench-run"));
}

} // namespace twins::federation
