// OIDC sign-in against a real provider (oidc-provider, tests/fixtures/oidc) with the real desktop
// keychain (gnome-keyring in a private D-Bus session, tests/support/with-keyring.sh):
// `twinbench-run login interlink` by the device flow through pending, slow_down and approval,
// denial and expiry; access tokens refreshed without the user; logout revoking at the provider;
// a revoked sign-in asking to sign in again; memory-only tokens without a Secret Service; and
// no token, nor any part of a JWT, in any file, output or environment the sign-in touched.
#include "OidcFixture.h"
#include "twinbench/federation/BackendSettings.h"
#include "twinbench/federation/DesktopKeychain.h"
#include "twinbench/federation/OidcError.h"
#include "twinbench/federation/OidcSession.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace twins::federation;
using twins::testing::OidcFixture;

namespace {

constexpr char clientId[] = "twinbench-test";

// Writes the interlink OIDC settings where BackendSettings::load() finds them under `config`.
void writeSettings(const QString& config, const QUrl& issuer) {
    QSettings settings(config + QStringLiteral("/Twinbench/federation.ini"), QSettings::IniFormat);
    BackendSettings values;
    values.interlinkOidcIssuer = issuer.toString();
    values.interlinkOidcClientId = QString::fromLatin1(clientId);
    values.backendTimeout = std::chrono::seconds(10);
    values.save(settings);
}

OidcClientSettings clientSettings(const QUrl& issuer) {
    OidcClientSettings settings;
    settings.backend = QStringLiteral("interlink");
    settings.issuer = issuer;
    settings.clientId = QString::fromLatin1(clientId);
    return settings;
}

// One twinbench-run login/logout with what it printed, kept for the final search for tokens.
struct Command {
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    QString output;
    QString errors;
};

} // namespace

class OidcSignInTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_root; // HOME, XDG_* and TMPDIR of this test and its children
    std::unique_ptr<OidcFixture> m_provider;
    QStringList m_seenOutputs;       // every stdout and stderr of the children
    QStringList m_childEnvironments; // every child's environment and arguments, one per line

    QString path(const QString& name) const { return m_root.filePath(name); }

    QProcessEnvironment childEnvironment(const QString& config) const {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config);
        return environment;
    }

    void startCommand(Command& command, const QStringList& arguments,
                      const QProcessEnvironment& environment) {
        command.process->setProcessEnvironment(environment);
        command.process->start(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE), arguments);
        m_childEnvironments << environment.toStringList().join('\n') << arguments.join(' ');
        QVERIFY2(command.process->waitForStarted(10000), "twinbench-run did not start");
    }

    // Reads the login's output until it shows the user code; returns it.
    QString userCodeOf(Command& login) {
        QElapsedTimer timer;
        timer.start();
        const QRegularExpression code(QStringLiteral("enter the code\\n\\s+(\\S+)\\n"));
        while (timer.elapsed() < 20000) {
            login.process->waitForReadyRead(200);
            login.output += QString::fromUtf8(login.process->readAllStandardOutput());
            const QRegularExpressionMatch match = code.match(login.output);
            if (match.hasMatch()) {
                return match.captured(1);
            }
            if (login.process->state() == QProcess::NotRunning) {
                break;
            }
        }
        login.errors += QString::fromUtf8(login.process->readAllStandardError());
        qWarning("login printed: %s\n%s", qPrintable(login.output), qPrintable(login.errors));
        return {};
    }

    // Waits for the end of a command; returns its exit status (-1 when it did not end).
    int finish(Command& command, int timeoutMs) {
        const bool ended = command.process->waitForFinished(timeoutMs);
        command.output += QString::fromUtf8(command.process->readAllStandardOutput());
        command.errors += QString::fromUtf8(command.process->readAllStandardError());
        m_seenOutputs << command.output << command.errors;
        if (!ended) {
            command.process->kill();
            command.process->waitForFinished(5000);
            return -1;
        }
        return command.process->exitStatus() == QProcess::NormalExit ? command.process->exitCode()
                                                                     : -1;
    }

    QJsonArray pollsOf(const OidcFixture& provider, const QString& userCode) {
        return provider.get(QStringLiteral("/test/polls?user_code=") + userCode).toArray();
    }

    // Polls the provider's poll log until one answer `answer` is there.
    bool waitForPollAnswer(const OidcFixture& provider, const QString& userCode,
                           const QString& answer, int timeoutMs) {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < timeoutMs) {
            for (const QJsonValue& poll : pollsOf(provider, userCode)) {
                if (poll[QStringLiteral("answer")].toString() == answer) {
                    return true;
                }
            }
            QThread::msleep(100);
        }
        return false;
    }

    QJsonObject playUser(const OidcFixture& provider, const QString& userCode,
                         const QString& decision) {
        return provider
            .post(QStringLiteral("/test/device"),
                  {{QStringLiteral("user_code"), userCode},
                   {QStringLiteral("decision"), decision},
                   {QStringLiteral("account"), QStringLiteral("alice")}})
            .toObject();
    }

    // A full approved login by the CLI against the main provider.
    void loginApproved() {
        Command login;
        startCommand(login, {QStringLiteral("login"), QStringLiteral("interlink")},
                     childEnvironment(path(QStringLiteral("config"))));
        const QString userCode = userCodeOf(login);
        QVERIFY(!userCode.isEmpty());
        QCOMPARE(playUser(*m_provider, userCode, QStringLiteral("approve"))["title"].toString(),
                 QStringLiteral("Sign-in Success"));
        QCOMPARE(finish(login, 20000), 0);
    }

    QJsonObject verify(const QString& accessToken) {
        return m_provider
            ->post(QStringLiteral("/test/verify"), {{QStringLiteral("token"), accessToken}})
            .toObject();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_root.isValid());
        for (const char* folder : {"home", "config", "data", "cache", "tmp", "provider"}) {
            QVERIFY(QDir().mkpath(path(QString::fromLatin1(folder))));
        }
        // Everything this test and its children write lands under m_root, searched at the end.
        qputenv("HOME", path(QStringLiteral("home")).toUtf8());
        qputenv("XDG_CONFIG_HOME", path(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", path(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CACHE_HOME", path(QStringLiteral("cache")).toUtf8());
        qputenv("TMPDIR", path(QStringLiteral("tmp")).toUtf8());
        QVERIFY2(!qEnvironmentVariableIsEmpty("TWINBENCH_TEST_KEYRING_DIR"),
                 "run this test through tests/support/with-keyring.sh");
        // The keychain must be the real one: a Secret Service that answers "no such entry".
        QElapsedTimer timer;
        timer.start();
        const KeychainAnswer probe =
            readKeychainSecret(QStringLiteral("probe-of-oidc-test"), std::chrono::seconds(10));
        QVERIFY2(probe.status == KeychainStatus::NotFound, qPrintable(probe.error));
        qInfo("the keychain answered in %lld ms", static_cast<long long>(timer.restart()));
        try {
            m_provider = std::make_unique<OidcFixture>(
                path(QStringLiteral("provider")),
                QStringList{QStringLiteral("--interval"), QStringLiteral("1"),
                            QStringLiteral("--access-token-ttl"), QStringLiteral("4"),
                            QStringLiteral("--device-code-ttl"), QStringLiteral("120")});
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
        qInfo("the OIDC provider started in %lld ms", static_cast<long long>(timer.elapsed()));
        writeSettings(path(QStringLiteral("config")), m_provider->issuer());
    }

    void cleanupTestCase() {
        if (m_provider) {
            qInfo("provider log:\n%s", qPrintable(m_provider->log()));
        }
        m_provider.reset();
    }

    void discoveryChecksTheIssuer() {
        const OidcEndpoints endpoints =
            discoverOidcEndpoints(m_provider->issuer(), std::chrono::seconds(10));
        QCOMPARE(endpoints.token.toString(), m_provider->issuer().toString() + "/token");
        QCOMPARE(endpoints.deviceAuthorization.path(), QStringLiteral("/device/auth"));
        QCOMPARE(endpoints.revocation.path(), QStringLiteral("/token/revocation"));
        const auto refusal = [](const QUrl& issuer) {
            try {
                discoverOidcEndpoints(issuer, std::chrono::seconds(10));
            } catch (const OidcError& error) {
                return error.message();
            }
            return QString();
        };
        // The same server under another name is another issuer (a document copied elsewhere).
        QUrl renamed = m_provider->issuer();
        renamed.setHost(QStringLiteral("localhost"));
        QVERIFY2(refusal(renamed).contains(QStringLiteral("names another issuer")),
                 qPrintable(refusal(renamed)));
        // Device codes and refresh tokens never go over plain http to another machine.
        const QString remote = refusal(QUrl(QStringLiteral("http://example.org/realms/test")));
        QVERIFY2(remote.contains(QStringLiteral("plain http to another machine")),
                 qPrintable(remote));
    }

    void signInThroughPendingSlowDownAndApproval() {
        Command login;
        startCommand(login, {QStringLiteral("login"), QStringLiteral("interlink")},
                     childEnvironment(path(QStringLiteral("config"))));
        const QString userCode = userCodeOf(login);
        QVERIFY(!userCode.isEmpty());
        QVERIFY2(login.output.contains(m_provider->issuer().toString() + QStringLiteral("/device")),
                 qPrintable(login.output));
        QVERIFY(waitForPollAnswer(*m_provider, userCode, QStringLiteral("authorization_pending"),
                                  10000));
        m_provider->post(QStringLiteral("/test/slow-down"),
                         {{QStringLiteral("user_code"), userCode}});
        QVERIFY(waitForPollAnswer(*m_provider, userCode, QStringLiteral("slow_down"), 10000));
        QCOMPARE(playUser(*m_provider, userCode, QStringLiteral("approve"))["title"].toString(),
                 QStringLiteral("Sign-in Success"));
        QCOMPARE(finish(login, 20000), 0);
        QVERIFY2(login.output.contains(QStringLiteral("Signed in to interlink as alice")) &&
                     login.output.contains(QStringLiteral("desktop keychain")),
                 qPrintable(login.output));
        QVERIFY2(login.errors.contains(QStringLiteral("poll more slowly: every 6 s")),
                 qPrintable(login.errors));

        // The client kept RFC 8628's pace: never early, 5 s more after slow_down.
        const QJsonArray polls = pollsOf(*m_provider, userCode);
        qInfo("polls: %s", QJsonDocument(polls).toJson(QJsonDocument::Compact).constData());
        QStringList answers;
        qint64 afterSlowDown = -1;
        for (qsizetype i = 0; i < polls.size(); ++i) {
            answers << polls[i][QStringLiteral("answer")].toString();
            QVERIFY2(!polls[i][QStringLiteral("early")].toBool(),
                     "a poll came before its interval");
            if (i > 0 && answers[i - 1] == QLatin1String("slow_down")) {
                afterSlowDown = polls[i][QStringLiteral("at_ms")].toInteger() -
                                polls[i - 1][QStringLiteral("at_ms")].toInteger();
            }
        }
        QCOMPARE(answers.first(), QStringLiteral("authorization_pending"));
        QCOMPARE(answers.count(QStringLiteral("slow_down")), 1);
        QCOMPARE(answers.last(), QStringLiteral("tokens"));
        QVERIFY2(afterSlowDown >= 5950, qPrintable(QString::number(afterSlowDown)));

        // The refresh token reached the keychain: this process gets access tokens with it.
        OidcSession session(clientSettings(m_provider->issuer()));
        const QJsonObject checked = verify(session.accessToken());
        QVERIFY2(checked["active"].toBool(), qPrintable(checked["reason"].toString()));
        QCOMPARE(checked["sub"].toString(), QStringLiteral("alice"));
    }

    void expiredAccessTokenIsRefreshedWithoutTheUser() {
        OidcSession session(clientSettings(m_provider->issuer()));
        const QString first = session.accessToken();
        QCOMPARE(session.accessToken(), first); // cached while fresh
        // Access tokens live 4 s here: wait until the provider's check calls it expired.
        QElapsedTimer timer;
        timer.start();
        while (verify(first)["active"].toBool() && timer.elapsed() < 10000) {
            QThread::msleep(200);
        }
        QCOMPARE(verify(first)["reason"].toString(), QStringLiteral("expired"));
        const QString second = session.accessToken();
        QVERIFY(second != first);
        QVERIFY(verify(second)["active"].toBool());
        // The provider rotated the refresh token; the new one went to the keychain, so another
        // process (a new session) signs on with it.
        OidcSession another(clientSettings(m_provider->issuer()));
        QVERIFY(verify(another.accessToken())["active"].toBool());
    }

    void logoutRevokesAtTheProvider() {
        const qsizetype revokedBefore =
            m_provider->get(QStringLiteral("/test/revocations")).toArray().size();
        Command logout;
        startCommand(logout, {QStringLiteral("logout"), QStringLiteral("interlink")},
                     childEnvironment(path(QStringLiteral("config"))));
        QCOMPARE(finish(logout, 20000), 0);
        QVERIFY2(logout.output.contains(QStringLiteral("revoked at")), qPrintable(logout.output));
        const QJsonArray revoked = m_provider->get(QStringLiteral("/test/revocations")).toArray();
        QCOMPARE(revoked.size(), revokedBefore + 1);
        QCOMPARE(revoked.last()[QStringLiteral("kind")].toString(), QStringLiteral("RefreshToken"));
        const KeychainAnswer entry = readKeychainSecret(
            keychainKeyForOidc(clientSettings(m_provider->issuer())), std::chrono::seconds(10));
        QCOMPARE(int(entry.status), int(KeychainStatus::NotFound));
        OidcSession session(clientSettings(m_provider->issuer()));
        try {
            session.accessToken();
            QFAIL("an access token after logout");
        } catch (const OidcError& error) {
            QCOMPARE(int(error.kind()), int(OidcError::Kind::SignInRequired));
            QVERIFY2(error.message().contains(QStringLiteral("not signed in")),
                     qPrintable(error.message()));
        }
        Command again;
        startCommand(again, {QStringLiteral("logout"), QStringLiteral("interlink")},
                     childEnvironment(path(QStringLiteral("config"))));
        QCOMPARE(finish(again, 20000), 0);
        QVERIFY2(again.output.contains(QStringLiteral("Not signed in")), qPrintable(again.output));
    }

    void revokedSignInAsksToSignInAgain() {
        loginApproved();
        const QJsonObject revoked =
            m_provider
                ->post(QStringLiteral("/test/revoke-account"),
                       {{QStringLiteral("account"), QStringLiteral("alice")}})
                .toObject();
        QVERIFY(revoked["grants"].toInt() >= 1);
        OidcSession session(clientSettings(m_provider->issuer()));
        try {
            session.accessToken();
            QFAIL("an access token from a revoked sign-in");
        } catch (const OidcError& error) {
            qInfo("answer: %s", qPrintable(error.message()));
            QCOMPARE(int(error.kind()), int(OidcError::Kind::SignInRequired));
            QVERIFY2(error.message().contains(QStringLiteral("sign in again with 'twinbench-run "
                                                             "login interlink'")),
                     qPrintable(error.message()));
        }
        // The dead refresh token is gone from the keychain.
        const KeychainAnswer entry = readKeychainSecret(
            keychainKeyForOidc(clientSettings(m_provider->issuer())), std::chrono::seconds(10));
        QCOMPARE(int(entry.status), int(KeychainStatus::NotFound));
    }

    void denialIsReported() {
        Command login;
        startCommand(login, {QStringLiteral("login"), QStringLiteral("interlink")},
                     childEnvironment(path(QStringLiteral("config"))));
        const QString userCode = userCodeOf(login);
        QVERIFY(!userCode.isEmpty());
        playUser(*m_provider, userCode, QStringLiteral("deny"));
        QCOMPARE(finish(login, 20000), 1);
        QVERIFY2(login.errors.contains(QStringLiteral("the sign-in was denied at")) &&
                     login.errors.contains(QStringLiteral("access_denied")),
                 qPrintable(login.errors));
        QVERIFY(!login.output.contains(QStringLiteral("Signed in")));
    }

    void expiryIsReported() {
        // A provider whose device codes live 3 s; nobody approves.
        std::unique_ptr<OidcFixture> shortLived;
        try {
            shortLived = std::make_unique<OidcFixture>(
                path(QStringLiteral("provider-short")),
                QStringList{QStringLiteral("--interval"), QStringLiteral("1"),
                            QStringLiteral("--device-code-ttl"), QStringLiteral("3")});
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
        const QString config = path(QStringLiteral("config-short"));
        writeSettings(config, shortLived->issuer());
        Command login;
        startCommand(login, {QStringLiteral("login"), QStringLiteral("interlink")},
                     childEnvironment(config));
        QVERIFY(!userCodeOf(login).isEmpty());
        QCOMPARE(finish(login, 20000), 1);
        QVERIFY2(login.errors.contains(QStringLiteral("expired before it was approved")) &&
                     login.errors.contains(QStringLiteral("expired_token")),
                 qPrintable(login.errors));
    }

    void withoutSecretServiceTokensStayInMemory() {
        QProcessEnvironment environment = childEnvironment(path(QStringLiteral("config")));
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=") + path(QStringLiteral("no-such-bus")));
        Command login;
        startCommand(login, {QStringLiteral("login"), QStringLiteral("interlink")}, environment);
        const QString userCode = userCodeOf(login);
        QVERIFY(!userCode.isEmpty());
        playUser(*m_provider, userCode, QStringLiteral("approve"));
        QCOMPARE(finish(login, 30000), 0);
        QVERIFY2(login.output.contains(QStringLiteral("kept in this process's memory only")),
                 qPrintable(login.output));
        // Nothing reached the real keychain either.
        const KeychainAnswer entry = readKeychainSecret(
            keychainKeyForOidc(clientSettings(m_provider->issuer())), std::chrono::seconds(10));
        QCOMPARE(int(entry.status), int(KeychainStatus::NotFound));
    }

    // Last: every token the provider issued in this test, and each segment of every JWT among
    // them, searched for in every file under this test's HOME, XDG folders and TMPDIR (settings,
    // lock files, anything a fallback could write), in the keyring's own files, in everything
    // the commands printed, and in the environments and arguments of this process and its
    // children. None may be found.
    void tokensAppearNowhere() {
        const QStringList needles = m_provider->issuedTokenPieces();
        QVERIFY2(needles.size() >= 20, qPrintable(QString::number(needles.size())));

        QStringList roots{m_root.path(), qEnvironmentVariable("TWINBENCH_TEST_KEYRING_DIR")};
        const auto filesUnder = [](const QString& root) {
            QStringList files;
            QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                files << it.next();
            }
            return files;
        };
        const auto findIn = [&](const QByteArray& haystack) {
            for (const QString& needle : needles) {
                if (haystack.contains(needle.toUtf8())) {
                    return needle;
                }
            }
            return QString();
        };
        // The search can fail: a token written to a file is found.
        {
            QFile canary(path(QStringLiteral("tmp/canary")));
            QVERIFY(canary.open(QIODevice::WriteOnly));
            canary.write("x " + needles.last().toUtf8() + " y");
            canary.close();
            QVERIFY(canary.open(QIODevice::ReadOnly));
            QCOMPARE(findIn(canary.readAll()), needles.last());
            canary.close();
            QVERIFY(canary.remove());
        }
        int searched = 0;
        for (const QString& root : roots) {
            for (const QString& name : filesUnder(root)) {
                if (name.startsWith(path(QStringLiteral("provider")))) {
                    continue; // the provider's own log, not Twinbench's
                }
                QFile file(name);
                if (!file.open(QIODevice::ReadOnly)) {
                    continue; // sockets
                }
                ++searched;
                const QString found = findIn(file.readAll());
                QVERIFY2(found.isEmpty(),
                         qPrintable(
                             QStringLiteral("%1 holds a token (%2...)").arg(name, found.left(8))));
            }
        }
        QVERIFY2(searched >= 3, "the sign-in wrote no settings or keyring files to search");
        for (const QString& text : m_seenOutputs + m_childEnvironments +
                                       QProcessEnvironment::systemEnvironment().toStringList()) {
            const QString found = findIn(text.toUtf8());
            QVERIFY2(found.isEmpty(),
                     qPrintable(QStringLiteral("an output or environment holds a token (%1...)")
                                    .arg(found.left(8))));
        }
        qInfo("%lld token pieces searched in %d files, %lld outputs and environments",
              static_cast<long long>(needles.size()), searched,
              static_cast<long long>(m_seenOutputs.size() + m_childEnvironments.size() + 1));
    }
};

QTEST_GUILESS_MAIN(OidcSignInTest)
#include "OidcSignInTest.moc"
