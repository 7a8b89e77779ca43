#include "twinbench/federation/OidcSession.h"

#include "twinbench/federation/BackendSettings.h"
#include "twinbench/federation/OidcError.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QStandardPaths>

namespace twins::federation {

namespace {

// Holds the sign-in's lock file for the duration of a refresh or a store.
class SignInLock {
public:
    SignInLock(const QString& path, std::chrono::milliseconds timeout) : m_file(path) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        m_file.setStaleLockTime(120000);
        if (!m_file.tryLock(static_cast<int>(timeout.count()))) {
            throw OidcError(OidcError::Kind::Failed,
                            QStringLiteral("another Twinbench process holds the sign-in lock %1 "
                                           "for more than %2 s")
                                .arg(path)
                                .arg(timeout.count() / 1000.0));
        }
    }

private:
    QLockFile m_file;
};

} // namespace

OidcClientSettings oidcClientSettings(const BackendSettings& settings, const QString& backend) {
    if (backend != QLatin1String("interlink")) {
        throw FederationError(
            QStringLiteral("the backend '%1' does not sign in with OIDC (only interlink does)")
                .arg(backend));
    }
    OidcClientSettings client;
    client.backend = backend;
    client.issuer = QUrl(settings.interlinkOidcIssuer);
    client.clientId = settings.interlinkOidcClientId;
    if (!settings.interlinkOidcScope.isEmpty()) {
        client.scope = settings.interlinkOidcScope;
    }
    client.timeout = settings.backendTimeout;
    if (settings.interlinkOidcIssuer.isEmpty() || client.clientId.isEmpty()) {
        throw FederationError(QStringLiteral(
            "interlink: no OIDC issuer or client id configured (settings: "
            "federation/interlinkOidcIssuer and federation/interlinkOidcClientId, e.g. "
            "https://aai.egi.eu/auth/realms/egi and the client registered for Twinbench)"));
    }
    return client;
}

QString keychainKeyForOidc(const OidcClientSettings& settings) {
    return QStringLiteral("oidc-refresh-token:%1:%2")
        .arg(settings.backend, settings.issuer.toString());
}

OidcSession::OidcSession(OidcClientSettings settings)
    : m_settings(std::move(settings)), m_store(keychainKeyForOidc(m_settings), m_settings.timeout) {
}

const OidcEndpoints& OidcSession::endpoints() {
    if (!m_endpoints) {
        m_endpoints = discoverOidcEndpoints(m_settings.issuer, m_settings.timeout);
    }
    return *m_endpoints;
}

QString OidcSession::lockFilePath() const {
    // Next to the settings; named by a hash, so the issuer URL needs no escaping.
    const QByteArray hash = QCryptographicHash::hash(keychainKeyForOidc(m_settings).toUtf8(),
                                                     QCryptographicHash::Sha256)
                                .toHex()
                                .left(16);
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/Twinbench/oidc-%1.lock").arg(QString::fromLatin1(hash));
}

QString OidcSession::signInAgainHint() const {
    return QStringLiteral("sign in again with 'twinbench-run login %1' (or Runs > Run Backends > "
                          "Sign in)")
        .arg(m_settings.backend);
}

DeviceAuthorization OidcSession::beginSignIn() {
    return startDeviceAuthorization(endpoints(), m_settings.clientId, m_settings.scope,
                                    m_settings.timeout);
}

void OidcSession::adopt(const OidcTokens& tokens) {
    m_accessToken = tokens.accessToken;
    const qint64 margin = std::min<qint64>(60, tokens.accessTokenLifetimeSeconds / 4);
    m_refreshAfter = tokens.accessTokenExpiresAt.addSecs(-margin);
}

QString OidcSession::completeSignIn(const DeviceAuthorization& authorization,
                                    const DevicePollHooks& hooks) {
    const OidcTokens tokens = waitForDeviceApproval(endpoints(), m_settings.clientId, authorization,
                                                    hooks, m_settings.timeout);
    {
        const SignInLock lock(lockFilePath(), m_settings.timeout);
        if (tokens.refreshToken.isEmpty()) {
            // Without offline_access the provider gives no refresh token: this sign-in lasts as
            // long as the access token, and a stale refresh token must not outlive it.
            m_store.remove();
        } else {
            m_store.save(tokens.refreshToken);
        }
    }
    adopt(tokens);
    const QString who = jwtDisplayName(tokens.idToken);
    return who.isEmpty() ? jwtDisplayName(tokens.accessToken) : who;
}

QString OidcSession::accessToken() {
    if (!m_accessToken.isEmpty() && QDateTime::currentDateTimeUtc() < m_refreshAfter) {
        return m_accessToken;
    }
    m_accessToken.clear();
    const SignInLock lock(lockFilePath(), m_settings.timeout);
    const QString refreshToken = m_store.load();
    if (refreshToken.isEmpty()) {
        throw OidcError(OidcError::Kind::SignInRequired,
                        QStringLiteral("%1: not signed in at %2; %3%4")
                            .arg(m_settings.backend, m_settings.issuer.toString(),
                                 signInAgainHint(),
                                 m_store.inMemoryOnly()
                                     ? QStringLiteral(" (without a Secret Service a sign-in lasts "
                                                      "only as long as the process that made it)")
                                     : QString()));
    }
    const OidcAnswer answer =
        postOidcForm(endpoints().token,
                     {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                      {QStringLiteral("refresh_token"), refreshToken},
                      {QStringLiteral("client_id"), m_settings.clientId}},
                     m_settings.timeout);
    if (answer.answered && answer.error == QLatin1String("invalid_grant")) {
        m_store.remove();
        throw OidcError(OidcError::Kind::SignInRequired,
                        QStringLiteral("%1: the sign-in at %2 has ended (revoked or expired; the "
                                       "provider answered %3); %4")
                            .arg(m_settings.backend, m_settings.issuer.toString(), answer.problem(),
                                 signInAgainHint()));
    }
    if (!answer.succeeded()) {
        throw OidcError(
            OidcError::Kind::Failed,
            QStringLiteral("%1: cannot refresh the access token at %2: %3")
                .arg(m_settings.backend, m_settings.issuer.toString(), answer.problem()));
    }
    const OidcTokens tokens = oidcTokensFrom(answer.json);
    // Providers rotate refresh tokens (the old one is then spent): keep the new one.
    if (!tokens.refreshToken.isEmpty() && tokens.refreshToken != refreshToken) {
        m_store.save(tokens.refreshToken);
    }
    adopt(tokens);
    return m_accessToken;
}

void OidcSession::invalidateAccessToken() {
    m_accessToken.clear();
}

std::optional<QString> OidcSession::signOut() {
    const SignInLock lock(lockFilePath(), m_settings.timeout);
    const QString refreshToken = m_store.load();
    const QString accessToken = m_accessToken;
    m_accessToken.clear();
    if (refreshToken.isEmpty() && accessToken.isEmpty()) {
        return std::nullopt;
    }
    m_store.remove();
    QStringList failures;
    try {
        const OidcEndpoints& provider = endpoints();
        if (provider.revocation.isEmpty()) {
            return QStringLiteral("the tokens were forgotten here; %1 offers no revocation "
                                  "endpoint, so they stay valid there until they expire")
                .arg(m_settings.issuer.toString());
        }
        const auto revoke = [&](const QString& token, const QString& hint) {
            if (token.isEmpty()) {
                return;
            }
            const OidcAnswer answer =
                postOidcForm(provider.revocation,
                             {{QStringLiteral("token"), token},
                              {QStringLiteral("token_type_hint"), hint},
                              {QStringLiteral("client_id"), m_settings.clientId}},
                             m_settings.timeout);
            if (!answer.succeeded()) {
                failures << QStringLiteral("%1: %2").arg(hint, answer.problem());
            }
        };
        revoke(refreshToken, QStringLiteral("refresh_token"));
        revoke(accessToken, QStringLiteral("access_token"));
    } catch (const OidcError& error) {
        failures << error.message(); // discovery failed: the provider cannot be told
    }
    if (!failures.isEmpty()) {
        throw OidcError(OidcError::Kind::Failed,
                        QStringLiteral("%1: the tokens were forgotten here, but %2 did not confirm "
                                       "their revocation (%3)")
                            .arg(m_settings.backend, m_settings.issuer.toString(),
                                 failures.join(QStringLiteral("; "))));
    }
    return QStringLiteral("the refresh token was revoked at %1 and deleted here")
        .arg(m_settings.issuer.toString());
}

} // namespace twins::federation
