#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>

namespace twins::federation {

// The endpoints of an OpenID Connect provider that Twinbench uses, from its discovery document.
struct OidcEndpoints {
    QUrl issuer;
    QUrl deviceAuthorization; // RFC 8628
    QUrl token;
    QUrl revocation; // RFC 7009; empty when the provider has none
};

// Reads ISSUER/.well-known/openid-configuration. The issuer and every endpoint must pass
// SecretDestination's rule (device codes and refresh tokens go there), the document's "issuer"
// must be the configured one (OpenID Connect Discovery 1.0, section 4.3), and the provider must
// offer the device flow. Throws OidcError (Kind::Failed) saying which of these failed.
OidcEndpoints discoverOidcEndpoints(const QUrl& issuer, std::chrono::milliseconds timeout);

// What a token endpoint gave (RFC 6749 section 5.1). Kept in memory only: see OidcSession.h.
struct OidcTokens {
    QString accessToken;
    QString refreshToken; // empty when the provider issued none (no offline_access)
    QString idToken;
    QDateTime accessTokenExpiresAt; // UTC
    qint64 accessTokenLifetimeSeconds = 0;
};

// The answer of one form POST to an OAuth endpoint: its JSON object, or the provider's error code
// and description (RFC 6749 section 5.2), or no HTTP answer at all.
struct OidcAnswer {
    bool answered = false;
    int status = 0;
    QJsonObject json; // the answer's JSON object (may hold tokens: never log it)
    QString error;    // e.g. authorization_pending, slow_down, invalid_grant
    QString errorDescription;
    QString transportError; // when !answered; names the URL, never the request body

    bool succeeded() const { return answered && error.isEmpty(); }
    // "invalid_grant: grant request is invalid", or the transport error, or "HTTP 502".
    QString problem() const;
};

using OidcForm = QList<QPair<QString, QString>>;

// POSTs `form` (application/x-www-form-urlencoded) to `endpoint` and reads the JSON answer. A 2xx
// answer that is not a JSON object comes back with error "invalid_response".
OidcAnswer postOidcForm(const QUrl& endpoint, const OidcForm& form,
                        std::chrono::milliseconds timeout);

// The tokens of a successful token answer; throws OidcError (Kind::Failed) when it holds no
// access token.
OidcTokens oidcTokensFrom(const QJsonObject& answer);

// The claims of a JWT's payload, decoded without checking its signature: only for showing the
// user who signed in (the name or subject), never for trusting anything.
QString jwtDisplayName(const QString& jwt);

} // namespace twins::federation
