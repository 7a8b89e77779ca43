// twinbench-run's sign-in commands for backends that use OpenID Connect (interlink): login runs
// the device flow on the terminal (the user code and where to enter it, then polling until the
// user approves in a browser anywhere) and keeps the refresh token in the desktop keychain;
// logout revokes it at the provider and deletes it. Tokens are never printed.
#include "RunCommandSupport.h"
#include "WorkerCommands.h"
#include "twinbench/federation/BackendSettings.h"
#include "twinbench/federation/OidcError.h"
#include "twinbench/federation/OidcSession.h"

#include <QThread>

#include <cstdio>

namespace worker {

namespace {

using twins::federation::BackendSettings;
using twins::federation::DeviceAuthorization;
using twins::federation::FederationError;
using twins::federation::OidcSession;
using worker::runs::fail;

// The backend named on the command line, or a usage error (status 2) already reported.
std::optional<OidcSession> sessionFor(const char* command, const QStringList& arguments) {
    if (arguments.size() != 1 || arguments.first().startsWith(QLatin1Char('-'))) {
        fail(command,
             QStringLiteral("usage: twinbench-run %1 BACKEND (e.g. interlink)")
                 .arg(QLatin1String(command)),
             2);
        return std::nullopt;
    }
    return OidcSession(
        twins::federation::oidcClientSettings(BackendSettings::load(), arguments.first()));
}

QString minutes(std::chrono::seconds duration) {
    return duration.count() >= 120 ? QStringLiteral("%1 min").arg(duration.count() / 60)
                                   : QStringLiteral("%1 s").arg(duration.count());
}

} // namespace

const char* signInCommandsUsage() {
    return "  login BACKEND     sign in to a backend that uses OIDC (interlink) by the device\n"
           "                    flow: shows a code and a URL to approve it from any browser,\n"
           "                    keeps the refresh token in the desktop keychain\n"
           "  logout BACKEND    revoke the backend's sign-in at the provider and forget it\n";
}

int loginCommand(const QStringList& arguments) {
    try {
        std::optional<OidcSession> session = sessionFor("login", arguments);
        if (!session) {
            return 2;
        }
        const QString backend = session->settings().backend;
        const DeviceAuthorization authorization = session->beginSignIn();
        std::printf("To sign in to %s (%s), open\n  %s\nand enter the code\n  %s\n",
                    qPrintable(backend), qPrintable(session->settings().issuer.toString()),
                    qPrintable(authorization.verificationUri.toString()),
                    qPrintable(authorization.userCode));
        if (!authorization.verificationUriComplete.isEmpty()) {
            std::printf("(or open %s, which carries the code)\n",
                        qPrintable(authorization.verificationUriComplete.toString()));
        }
        std::printf("Waiting for the approval; the code expires in %s (Ctrl+C stops).\n",
                    qPrintable(minutes(authorization.expiresIn)));
        std::fflush(stdout);
        twins::federation::DevicePollHooks hooks;
        hooks.wait = [](std::chrono::milliseconds duration) {
            QThread::msleep(static_cast<unsigned long>(duration.count()));
            return true; // Ctrl+C ends the process
        };
        hooks.polled = [](const QString& answer, std::chrono::seconds interval) {
            if (answer == QLatin1String("slow_down")) {
                std::fprintf(stderr,
                             "twinbench-run login: the provider asked to poll more slowly: "
                             "every %lld s now\n",
                             static_cast<long long>(interval.count()));
            } else if (answer == QLatin1String("no answer")) {
                std::fprintf(stderr, "twinbench-run login: no answer from the provider; trying "
                                     "again\n");
            }
        };
        const QString who = session->completeSignIn(authorization, hooks);
        std::printf("Signed in to %s%s; %s.\n", qPrintable(backend),
                    who.isEmpty() ? "" : qPrintable(QStringLiteral(" as %1").arg(who)),
                    qPrintable(session->store().notice()));
        return 0;
    } catch (const FederationError& error) {
        return fail("login", error.message());
    }
}

int logoutCommand(const QStringList& arguments) {
    try {
        std::optional<OidcSession> session = sessionFor("logout", arguments);
        if (!session) {
            return 2;
        }
        const std::optional<QString> done = session->signOut();
        if (!done) {
            std::printf("Not signed in to %s; nothing to do.\n",
                        qPrintable(session->settings().backend));
            return 0;
        }
        std::printf("Signed out of %s: %s.\n", qPrintable(session->settings().backend),
                    qPrintable(*done));
        return 0;
    } catch (const FederationError& error) {
        return fail("logout", error.message());
    }
}

} // namespace worker
