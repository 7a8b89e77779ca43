#include "twinbench/federation/SlurmToken.h"

#include "twinbench/federation/CommandRunner.h"
#include "twinbench/federation/DesktopKeychain.h"
#include "twinbench/federation/FederationError.h"

namespace twins::federation {

namespace {

// The keychain's answer as the sentence SLURM users see (empty when it succeeded).
QString keychainProblem(const KeychainAnswer& answer) {
    if (answer.status == KeychainStatus::NoSecretService) {
        return QStringLiteral("no usable secret service (%1); start a Secret Service provider such "
                              "as gnome-keyring or KWallet, or use a token from scontrol")
            .arg(answer.error);
    }
    return answer.status == KeychainStatus::Ok ? QString() : answer.error;
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
    const KeychainAnswer answer = readKeychainSecret(m_key, m_timeout);
    if (answer.status != KeychainStatus::Ok) {
        throw FederationError(
            QStringLiteral("slurm-rest: cannot read the SLURM token '%1' from the keychain: %2")
                .arg(m_key, keychainProblem(answer)));
    }
    m_token = answer.secret.trimmed();
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
    const KeychainAnswer answer = writeKeychainSecret(keychainKey, token, timeout);
    if (answer.status != KeychainStatus::Ok) {
        throw FederationError(
            QStringLiteral("slurm-rest: cannot store the SLURM token '%1' in the keychain: %2")
                .arg(keychainKey, keychainProblem(answer)));
    }
}

QString keychainKeyForSlurmRest(const QString& url) {
    return QStringLiteral("slurm-jwt:") + url;
}

} // namespace twins::federation
