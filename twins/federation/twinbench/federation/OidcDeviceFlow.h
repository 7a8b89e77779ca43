#pragma once

#include "twinbench/federation/OidcProvider.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>

namespace twins::federation {

// One device authorization (RFC 8628 section 3.2). The device code is a credential: it stays in
// memory and is sent only to the token endpoint; the user code and the URLs are for the user.
struct DeviceAuthorization {
    QString deviceCode;
    QString userCode;
    QUrl verificationUri;
    QUrl verificationUriComplete; // empty when the provider gives none
    std::chrono::seconds expiresIn{0};
    QDateTime expiresAt; // UTC
    std::chrono::seconds interval{5};
};

// Asks the device authorization endpoint for a user code. Throws OidcError (Kind::Failed).
DeviceAuthorization startDeviceAuthorization(const OidcEndpoints& endpoints,
                                             const QString& clientId, const QString& scope,
                                             std::chrono::milliseconds timeout);

// How the polling loop waits and reports, so a terminal and a dialog can drive it alike.
struct DevicePollHooks {
    // Sleeps `duration`; returns false when the user cancelled (the loop then stops).
    std::function<bool(std::chrono::milliseconds)> wait;
    // After each poll: the provider's answer ("authorization_pending", "slow_down", ...) and the
    // interval now in force. Optional.
    std::function<void(const QString& answer, std::chrono::seconds interval)> polled;
};

// Polls the token endpoint as RFC 8628 section 3.4-3.5 says: every `interval`, 5 s more after
// each slow_down, longer after a failed connection; until tokens come (returned), or
// access_denied (OidcError Kind::Denied), expired_token or the code's own expiry
// (Kind::Expired), a cancel (Kind::Cancelled) or another error (Kind::Failed).
OidcTokens waitForDeviceApproval(const OidcEndpoints& endpoints, const QString& clientId,
                                 const DeviceAuthorization& authorization,
                                 const DevicePollHooks& hooks, std::chrono::milliseconds timeout);

} // namespace twins::federation
