#pragma once

#include <QSettings>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>

namespace twins::federation {

class Executor;

// Which backend runs jobs and how, as kept in QSettings group "federation". No secrets here:
// the slurmrestd token comes from scontrol or the keychain (SlurmToken.h), never from settings.
struct BackendSettings {
    QString defaultBackend = QStringLiteral("local"); // local | slurm | interlink
    int localMaxConcurrentRuns = 2;
    std::chrono::milliseconds localCancelGracePeriod{5000};
    QString slurmMode = QStringLiteral("cli");             // cli | rest
    QString slurmRestUrl;                                  // e.g. http://login-node:6820
    QString slurmRestUser;                                 // empty: the local user
    QString slurmTokenSource = QStringLiteral("scontrol"); // scontrol | keychain
    QString slurmPartition;
    QStringList slurmExtraSbatchFlags;
    QString slurmSshHost; // empty: SLURM tools run on this machine
    // interlink signs in with OIDC (OidcSession.h); the tokens live in the keychain, not here.
    QString interlinkOidcIssuer;   // e.g. https://aai.egi.eu/auth/realms/egi
    QString interlinkOidcClientId; // the public client registered for Twinbench there
    QString interlinkOidcScope = QStringLiteral("openid offline_access");
    QString interlinkUrl; // the interLink API server, e.g. https://interlink.example.org
    QString interlinkNamespace = QStringLiteral("twinbench");
    QString interlinkImage = QStringLiteral("twinbench-worker"); // the worker image at the site
    QStringList interlinkSlurmFlags; // the slurm-job.vk.io/flags annotation, e.g. --time=01:00:00
    int interlinkCpus = 1;           // limits.cpu -> --cpus-per-task
    QString interlinkMemory = QStringLiteral("512Mi"); // limits.memory -> --mem
    // The runs folder as the interLink site sees it (InterlinkPodOptions::siteRunsDir); empty:
    // the site mounts the shared file system at the same path as this machine.
    QString interlinkSiteRunsDir;
    QString workerExecutable; // empty: findWorkerExecutable()
    std::chrono::milliseconds backendTimeout{10000};

    static BackendSettings load(QSettings& settings);
    // From the settings file shared by the GUI and twinbench-run
    // (<config>/Twinbench/federation.ini).
    static BackendSettings load();
    void save(QSettings& settings) const;
    void save() const;
};

// The executor name for a requested backend: "" -> the default; "slurm" -> "slurm" (CLI) or
// "slurm-rest" depending on slurmMode; "local" and "slurm-rest" as is. Throws FederationError
// for anything else, listing the known names.
QString resolveBackendName(const BackendSettings& settings, const QString& requested);

// A new executor for a resolved backend name. Throws FederationError when the settings do not
// allow it (no slurmrestd URL, unknown token source, ...).
std::unique_ptr<Executor> makeExecutor(const BackendSettings& settings, const QString& backend);

// twinbench-run for the executors to start: $TWINBENCH_WORKER_EXECUTABLE, else next to the
// running program (installed layout, or twinbench-run itself), else in the build tree beside
// app/twinbench, else on PATH. Empty when none is found.
QString findWorkerExecutable();

} // namespace twins::federation
