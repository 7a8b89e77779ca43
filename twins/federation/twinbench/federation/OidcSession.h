#pragma once

#include "twinbench/federation/OidcDeviceFlow.h"
#include "twinbench/federation/OidcProvider.h"
#include "twinbench/federation/OidcTokenStore.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>

namespace twins::federation {

struct BackendSettings;

// How a backend signs in with OpenID Connect: its issuer, the public client Twinbench is
// registered as there, and the scopes it asks for (offline_access: a refresh token).
struct OidcClientSettings {
    QString backend; // "interlink"
    QUrl issuer;     // e.g. https://aai.egi.eu/auth/realms/egi
    QString clientId;
    QString scope = QStringLiteral("openid offline_access");
    std::chrono::milliseconds timeout{10000};
};

// The OIDC settings of `backend` from the backend settings (interlinkOidcIssuer, ...). Throws
// FederationError when the backend does not sign in with OIDC or its issuer or client is unset.
OidcClientSettings oidcClientSettings(const BackendSettings& settings, const QString& backend);

// The keychain entry of a backend's refresh token: "oidc-refresh-token:<backend>:<issuer>".
QString keychainKeyForOidc(const OidcClientSettings& settings);

// One backend's sign-in: the device flow, then access tokens on demand, refreshed before they
// expire with the refresh token from the keychain (re-read under a lock file each time, since
// providers rotate refresh tokens and another Twinbench process may have rotated it), and
// revocation on sign-out. Tokens live in this object's memory and in the OidcTokenStore only:
// never in logs, messages, settings, run directories, child processes' arguments or environment.
// Blocking calls: for worker threads and command-line programs (see Executor.h).
class OidcSession {
public:
    explicit OidcSession(OidcClientSettings settings);

    // Discovery and device authorization: the user code and where to enter it.
    DeviceAuthorization beginSignIn();
    // Waits for the user's approval (DevicePollHooks), stores the refresh token; returns who
    // signed in (a name from the ID token, possibly empty). Throws OidcError.
    QString completeSignIn(const DeviceAuthorization& authorization, const DevicePollHooks& hooks);

    // A valid access token for `Authorization: Bearer`, refreshed without the user when it
    // expires within min(60 s, a quarter of its lifetime). Throws OidcError: SignInRequired when
    // not signed in or the provider ended the sign-in (the stale refresh token is then deleted).
    QString accessToken();
    // Forgets the cached access token (after a 401), so the next accessToken() refreshes.
    void invalidateAccessToken();

    // Revokes the refresh token (and the access token in memory) at the provider and deletes the
    // stored one. Returns what it did, as a sentence; std::nullopt when not signed in. Throws
    // OidcError (Kind::Failed) when the provider could not be told (the local copy is gone even
    // then).
    std::optional<QString> signOut();

    const OidcClientSettings& settings() const { return m_settings; }
    const OidcTokenStore& store() const { return m_store; }

private:
    const OidcEndpoints& endpoints();
    QString lockFilePath() const;
    QString signInAgainHint() const;
    void adopt(const OidcTokens& tokens);

    OidcClientSettings m_settings;
    OidcTokenStore m_store;
    std::optional<OidcEndpoints> m_endpoints;
    QString m_accessToken;
    QDateTime m_refreshAfter;
};

} // namespace twins::federation
