#include "twinbench/federation/SlurmToken.h"

#include "twinbench/federation/CommandRunner.h"
#include "twinbench/federation/FederationError.h"

#include <QEventLoop>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace twins::federation {

namespace {

constexpr char keychainService[] = "Twinbench";

// Runs a QtKeychain job to completion in a private event loop (worker-thread API).
bool runKeychainJob(QKeychain::Job& job, std::chrono::milliseconds timeout, QString& error) {
    job.setAutoDelete(false);
    job.setInsecureFallback(false); // never a plain file
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    job.start();
    if (!finished) {
        loop.exec();
    }
    if (!finished) {
        error = QStringLiteral("the secret service did not answer within %1 s")
                    .arg(timeout.count() / 1000.0);
        return false;
    }
    if (job.error() != QKeychain::NoError) {
        error = job.errorString();
        if (job.error() == QKeychain::NoBackendAvailable ||
            job.error() == QKeychain::AccessDeniedByUser || job.error() == QKeychain::OtherError) {
            error = QStringLiteral("no usable secret service (%1); start a Secret Service "
                                   "provider such as gnome-keyring or KWallet, or use a token "
                                   "from scontrol")
                        .arg(job.errorString());
        }
        return false;
    }
    return true;
}

} // namespace

ScontrolTokenSource::ScontrolTokenSource(CommandLineBuilder commandLine,
                                         std::chrono::seconds lifespan,
                                         std::chrono::milliseconds timeout)
    : m_commandLine(std::move(commandLine)), m_lifespan(lifespan), m_timeout(timeout) {}

QString ScontrolTokenSource::token() {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_token.isEmpty() && now < m_renewAfter) {
        return m_token;
    }
    const CommandResult result =
        runCommand(m_commandLine({QStringLiteral("scontrol"), QStringLiteral("token"),
                                  QStringLiteral("lifespan=%1").arg(m_lifespan.count())}),
                   m_timeout);
    // stdout holds the token: only stderr goes into the message.
    if (!result.succeeded()) {
        throw FederationError(
            QStringLiteral("slurm-rest: cannot obtain a JWT with 'scontrol token': %1")
                .arg(result.started && !result.timedOut
                         ? QString::fromLocal8Bit(result.standardError).trimmed()
                         : result.failureText()));
    }
    const QString output = QString::fromLocal8Bit(result.standardOutput).trimmed();
    const QString prefix = QStringLiteral("SLURM_JWT=");
    if (!output.startsWith(prefix) || output.size() == prefix.size()) {
        throw FederationError(QStringLiteral(
            "slurm-rest: 'scontrol token' printed no SLURM_JWT=... line (is AuthAltTypes=auth/jwt "
            "configured?)"));
    }
    m_token = output.mid(prefix.size()).section(QLatin1Char('\n'), 0, 0).trimmed();
    m_renewAfter = now.addSecs(m_lifespan.count() * 8 / 10);
    return m_token;
}

void ScontrolTokenSource::invalidate() {
    m_token.clear();
}

KeychainTokenSource::KeychainTokenSource(QString keychainKey, std::chrono::milliseconds timeout)
    : m_key(std::move(keychainKey)), m_timeout(timeout) {}

QString KeychainTokenSource::token() {
    if (!m_token.isEmpty()) {
        return m_token;
    }
    QKeychain::ReadPasswordJob job(QString::fromLatin1(keychainService));
    job.setKey(m_key);
    QString error;
    if (!runKeychainJob(job, m_timeout, error)) {
        throw FederationError(
            QStringLiteral("slurm-rest: cannot read the SLURM token '%1' from the keychain: %2")
                .arg(m_key, error));
    }
    m_token = job.textData().trimmed();
    if (m_token.isEmpty()) {
        throw FederationError(
            QStringLiteral("slurm-rest: the keychain entry '%1' is empty").arg(m_key));
    }
    return m_token;
}

void KeychainTokenSource::invalidate() {
    m_token.clear();
}

void KeychainTokenSource::store(const QString& keychainKey, const QString& token,
                                std::chrono::milliseconds timeout) {
    QKeychain::WritePasswordJob job(QString::fromLatin1(keychainService));
    job.setKey(keychainKey);
    job.setTextData(token);
    QString error;
    if (!runKeychainJob(job, timeout, error)) {
        throw FederationError(
            QStringLiteral("slurm-rest: cannot store the SLURM token '%1' in the keychain: %2")
                .arg(keychainKey, error));
    }
}

QString keychainKeyForSlurmRest(const QString& url) {
    return QStringLiteral("slurm-jwt:") + url;
}

} // namespace twins::federation
