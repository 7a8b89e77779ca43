#include "twinbench/federation/OidcDeviceFlow.h"

#include "twinbench/federation/OidcError.h"

#include <algorithm>

namespace twins::federation {

namespace {

constexpr char deviceCodeGrant[] = "urn:ietf:params:oauth:grant-type:device_code";
// Past the code's expiry the provider gets this long to say expired_token itself before the
// loop stops on its own clock (the provider's answer is the better message).
constexpr std::chrono::seconds expirySlack{30};

QString minutesText(std::chrono::seconds duration) {
    return duration.count() >= 120 ? QStringLiteral("%1 min").arg(duration.count() / 60)
                                   : QStringLiteral("%1 s").arg(duration.count());
}

} // namespace

DeviceAuthorization startDeviceAuthorization(const OidcEndpoints& endpoints,
                                             const QString& clientId, const QString& scope,
                                             std::chrono::milliseconds timeout) {
    const OidcAnswer answer = postOidcForm(
        endpoints.deviceAuthorization,
        {{QStringLiteral("client_id"), clientId}, {QStringLiteral("scope"), scope}}, timeout);
    if (!answer.succeeded()) {
        throw OidcError(OidcError::Kind::Failed,
                        QStringLiteral("the OIDC provider %1 refused to start a sign-in: %2")
                            .arg(endpoints.issuer.toString(), answer.problem()));
    }
    DeviceAuthorization authorization;
    authorization.deviceCode = answer.json.value(QLatin1String("device_code")).toString();
    authorization.userCode = answer.json.value(QLatin1String("user_code")).toString();
    authorization.verificationUri =
        QUrl(answer.json.value(QLatin1String("verification_uri")).toString());
    authorization.verificationUriComplete =
        QUrl(answer.json.value(QLatin1String("verification_uri_complete")).toString());
    authorization.expiresIn =
        std::chrono::seconds(answer.json.value(QLatin1String("expires_in")).toInteger(0));
    // RFC 8628 section 3.2: "If no value is provided, clients MUST use 5 as the default."
    authorization.interval = std::chrono::seconds(
        std::max<qint64>(1, answer.json.value(QLatin1String("interval")).toInteger(5)));
    if (authorization.deviceCode.isEmpty() || authorization.userCode.isEmpty() ||
        !authorization.verificationUri.isValid() || authorization.verificationUri.isEmpty() ||
        authorization.expiresIn.count() <= 0) {
        throw OidcError(OidcError::Kind::Failed,
                        QStringLiteral("the device authorization answer of %1 lacks device_code, "
                                       "user_code, verification_uri or expires_in")
                            .arg(endpoints.issuer.toString()));
    }
    authorization.expiresAt =
        QDateTime::currentDateTimeUtc().addSecs(authorization.expiresIn.count());
    return authorization;
}

OidcTokens waitForDeviceApproval(const OidcEndpoints& endpoints, const QString& clientId,
                                 const DeviceAuthorization& authorization,
                                 const DevicePollHooks& hooks, std::chrono::milliseconds timeout) {
    const auto expired = [&](const QString& why) {
        return OidcError(
            OidcError::Kind::Expired,
            QStringLiteral("the code %1 expired before it was approved (it was valid for %2%3); "
                           "sign in again for a new code")
                .arg(authorization.userCode, minutesText(authorization.expiresIn), why));
    };
    std::chrono::seconds interval = authorization.interval;
    std::chrono::milliseconds nextWait = interval;
    for (;;) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (now > authorization.expiresAt.addSecs(expirySlack.count())) {
            throw expired(QString());
        }
        if (!hooks.wait(nextWait)) {
            throw OidcError(OidcError::Kind::Cancelled, QStringLiteral("sign-in cancelled"));
        }
        const OidcAnswer answer =
            postOidcForm(endpoints.token,
                         {{QStringLiteral("grant_type"), QString::fromLatin1(deviceCodeGrant)},
                          {QStringLiteral("device_code"), authorization.deviceCode},
                          {QStringLiteral("client_id"), clientId}},
                         timeout);
        nextWait = interval;
        QString reported = answer.error;
        if (answer.succeeded()) {
            reported = QStringLiteral("approved");
        } else if (!answer.answered) {
            // Section 3.5: back off exponentially on connection failures, up to a minute.
            nextWait = std::min<std::chrono::milliseconds>(std::chrono::minutes(1), nextWait * 2);
            reported = QStringLiteral("no answer");
        } else if (answer.error == QLatin1String("slow_down")) {
            interval += std::chrono::seconds(5);
            nextWait = interval;
        }
        if (hooks.polled) {
            hooks.polled(reported, interval);
        }
        if (answer.succeeded()) {
            return oidcTokensFrom(answer.json);
        }
        if (!answer.answered || answer.error == QLatin1String("authorization_pending") ||
            answer.error == QLatin1String("slow_down")) {
            continue;
        }
        if (answer.error == QLatin1String("access_denied")) {
            throw OidcError(OidcError::Kind::Denied,
                            QStringLiteral("the sign-in was denied at %1 (%2)")
                                .arg(endpoints.issuer.toString(), answer.problem()));
        }
        if (answer.error == QLatin1String("expired_token")) {
            throw expired(QStringLiteral("; the provider said: %1").arg(answer.problem()));
        }
        throw OidcError(OidcError::Kind::Failed,
                        QStringLiteral("the OIDC provider %1 refused the sign-in: %2")
                            .arg(endpoints.issuer.toString(), answer.problem()));
    }
}

} // namespace twins::federation
