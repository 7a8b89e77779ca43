#include "twinbench/federation/SecretDestination.h"

#include "twinbench/federation/FederationError.h"

#include <QHostAddress>

namespace twins::federation {

bool isLoopbackHost(const QString& host) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    // Only literal addresses: a name other than localhost is whatever DNS says it is today.
    QHostAddress address;
    if (!address.setAddress(host)) {
        return false;
    }
    if (address.isLoopback()) {
        return true;
    }
    bool mapped = false;
    const quint32 ipv4 = address.toIPv4Address(&mapped);
    return mapped && (ipv4 >> 24) == 127;
}

QString secretDestinationRefusal(const QUrl& url) {
    const QString shown = url.toString(QUrl::RemoveUserInfo);
    if (!url.isValid() || url.host().isEmpty()) {
        return QStringLiteral("'%1': not a URL with a host").arg(shown);
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https")) {
        return {};
    }
    if (scheme != QLatin1String("http")) {
        return QStringLiteral("%1: the scheme '%2' is neither https nor http to this machine")
            .arg(shown, url.scheme());
    }
    if (isLoopbackHost(url.host())) {
        return {};
    }
    return QStringLiteral("%1: plain http to another machine would carry it across the network "
                          "unencrypted; use https, or http to a loopback address (127.0.0.1, ::1, "
                          "localhost)")
        .arg(shown);
}

void requireSecretDestination(const QUrl& url, const QString& who, const QString& secret) {
    const QString refusal = secretDestinationRefusal(url);
    if (!refusal.isEmpty()) {
        throw FederationError(
            QStringLiteral("%1: refusing to send %2 to %3").arg(who, secret, refusal));
    }
}

} // namespace twins::federation
