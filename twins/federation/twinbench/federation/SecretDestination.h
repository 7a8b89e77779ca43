#pragma once

#include <QString>
#include <QUrl>

namespace twins::federation {

// The one rule for where Twinbench sends a secret - a slurmrestd JWT, an OIDC bearer token, an
// S3 key, a password for remote data - whatever the backend or data source: only over https
// (anywhere), or over http to this machine (a loopback address: 127.0.0.0/8, ::1, or the name
// "localhost" itself), where nothing crosses a network. Everything else is refused before the
// secret is even fetched. Every backend and remote-data reader asks here, so the rule has one
// definition and one test (tests/unit/SecretDestinationTest.cpp).

// True for "localhost" (any case, not its subdomains), 127.0.0.0/8, ::1 and ::ffff:127.x.y.z.
bool isLoopbackHost(const QString& host);

// Empty when `url` may carry a secret; otherwise why not, as a sentence naming the URL (without
// any user info), e.g. "http://example.org:6820: plain http to another machine would carry it
// across the network unencrypted; use https, or http to a loopback address (...)".
QString secretDestinationRefusal(const QUrl& url);

// Throws FederationError("<who>: refusing to send <secret> to " + refusal) when the rule says no.
void requireSecretDestination(const QUrl& url, const QString& who, const QString& secret);

} // namespace twins::federation
