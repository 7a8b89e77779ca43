#include "twinbench/federation/OidcProvider.h"

#include "twinbench/federation/BlockingHttp.h"
#include "twinbench/federation/OidcError.h"
#include "twinbench/federation/SecretDestination.h"

#include <QJsonDocument>
#include <QStringList>

#include <algorithm>

namespace twins::federation {

namespace {

QString withoutTrailingSlash(QString text) {
    while (text.endsWith(QLatin1Char('/'))) {
        text.chop(1);
    }
    return text;
}

[[noreturn]] void fail(const QString& message) {
    throw OidcError(OidcError::Kind::Failed, message);
}

// An endpoint from the discovery document: present when `required`, and allowed to receive
// secrets.
QUrl endpointOf(const QJsonObject& document, const char* name, const QUrl& issuer, bool required) {
    const QString text = document.value(QLatin1String(name)).toString();
    if (text.isEmpty()) {
        if (required) {
            fail(QStringLiteral("the OIDC provider %1 has no %2 in its discovery document%3")
                     .arg(issuer.toString(), QLatin1String(name),
                          QLatin1String(name) == QLatin1String("device_authorization_endpoint")
                              ? QStringLiteral(": it does not offer the device flow (RFC 8628)")
                              : QString()));
        }
        return {};
    }
    const QUrl url(text);
    const QString refusal = secretDestinationRefusal(url);
    if (!refusal.isEmpty()) {
        fail(QStringLiteral("the OIDC provider %1 names %2 %3")
                 .arg(issuer.toString(), QLatin1String(name), refusal));
    }
    return url;
}

} // namespace

QString OidcAnswer::problem() const {
    if (!answered) {
        return transportError;
    }
    if (!error.isEmpty()) {
        return errorDescription.isEmpty() ? error
                                          : QStringLiteral("%1: %2").arg(error, errorDescription);
    }
    return QStringLiteral("HTTP %1").arg(status);
}

OidcEndpoints discoverOidcEndpoints(const QUrl& issuer, std::chrono::milliseconds timeout) {
    const QString refusal = secretDestinationRefusal(issuer);
    if (!refusal.isEmpty()) {
        fail(QStringLiteral("refusing to sign in with the OIDC provider %1").arg(refusal));
    }
    const QUrl discovery(withoutTrailingSlash(issuer.toString()) +
                         QStringLiteral("/.well-known/openid-configuration"));
    const HttpReply reply = blockingHttpRequest("GET", discovery, {}, {}, timeout);
    if (!reply.answered) {
        fail(QStringLiteral("cannot reach the OIDC provider: %1").arg(reply.errorText));
    }
    if (reply.status != 200) {
        fail(QStringLiteral("the OIDC provider answered HTTP %1 %2 for %3")
                 .arg(reply.status)
                 .arg(reply.errorText, discovery.toString()));
    }
    const QJsonDocument document = QJsonDocument::fromJson(reply.body);
    if (!document.isObject()) {
        fail(QStringLiteral("%1 is not a JSON object").arg(discovery.toString()));
    }
    const QJsonObject object = document.object();
    const QString announced = object.value(QLatin1String("issuer")).toString();
    if (withoutTrailingSlash(announced) != withoutTrailingSlash(issuer.toString())) {
        fail(QStringLiteral("the discovery document of %1 names another issuer ('%2'); check the "
                            "issuer URL in the backend settings")
                 .arg(issuer.toString(), announced));
    }
    OidcEndpoints endpoints;
    endpoints.issuer = issuer;
    endpoints.deviceAuthorization =
        endpointOf(object, "device_authorization_endpoint", issuer, true);
    endpoints.token = endpointOf(object, "token_endpoint", issuer, true);
    endpoints.revocation = endpointOf(object, "revocation_endpoint", issuer, false);
    return endpoints;
}

OidcAnswer postOidcForm(const QUrl& endpoint, const OidcForm& form,
                        std::chrono::milliseconds timeout) {
    // Every byte outside the unreserved set percent-encoded ('+' too, which forms read as space).
    QByteArray body;
    for (const auto& [name, value] : form) {
        if (!body.isEmpty()) {
            body += '&';
        }
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    const HttpReply reply =
        blockingHttpRequest("POST", endpoint,
                            {{QByteArrayLiteral("Content-Type"),
                              QByteArrayLiteral("application/x-www-form-urlencoded")},
                             {QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")}},
                            body, timeout);
    OidcAnswer answer;
    answer.answered = reply.answered;
    answer.status = reply.status;
    if (!reply.answered) {
        answer.transportError = reply.errorText;
        return answer;
    }
    const QJsonDocument document = QJsonDocument::fromJson(reply.body);
    answer.json = document.object();
    answer.error = answer.json.value(QLatin1String("error")).toString();
    answer.errorDescription = answer.json.value(QLatin1String("error_description")).toString();
    const bool ok = reply.status >= 200 && reply.status < 300;
    if (ok && answer.error.isEmpty() && !document.isObject() && !reply.body.isEmpty()) {
        answer.error = QStringLiteral("invalid_response");
        answer.errorDescription =
            QStringLiteral("%1 answered something other than JSON").arg(endpoint.toString());
    } else if (!ok && answer.error.isEmpty()) {
        answer.error = QStringLiteral("http_%1").arg(reply.status);
        answer.errorDescription = reply.errorText;
    }
    return answer;
}

OidcTokens oidcTokensFrom(const QJsonObject& answer) {
    OidcTokens tokens;
    tokens.accessToken = answer.value(QLatin1String("access_token")).toString();
    if (tokens.accessToken.isEmpty()) {
        fail(QStringLiteral("the OIDC provider's token answer has no access_token"));
    }
    const QString type = answer.value(QLatin1String("token_type")).toString();
    if (type.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0) {
        fail(QStringLiteral("the OIDC provider issued a '%1' token, not a Bearer token").arg(type));
    }
    tokens.refreshToken = answer.value(QLatin1String("refresh_token")).toString();
    tokens.idToken = answer.value(QLatin1String("id_token")).toString();
    // Without expires_in the lifetime is unknown: assume a short one and refresh early.
    tokens.accessTokenLifetimeSeconds =
        std::max<qint64>(1, answer.value(QLatin1String("expires_in")).toInteger(300));
    tokens.accessTokenExpiresAt =
        QDateTime::currentDateTimeUtc().addSecs(tokens.accessTokenLifetimeSeconds);
    return tokens;
}

QString jwtDisplayName(const QString& jwt) {
    const QStringList parts = jwt.split(QLatin1Char('.'));
    if (parts.size() != 3) {
        return {};
    }
    const QJsonObject claims =
        QJsonDocument::fromJson(
            QByteArray::fromBase64(parts[1].toLatin1(), QByteArray::Base64UrlEncoding))
            .object();
    for (const char* claim : {"name", "preferred_username", "email", "sub"}) {
        const QString value = claims.value(QLatin1String(claim)).toString();
        if (!value.isEmpty()) {
            return value;
        }
    }
    return {};
}

} // namespace twins::federation
