// Where a secret may go (SecretDestination.h): https anywhere, http only to a loopback address,
// everything else refused with a message naming the URL and the reason. And the slurmrestd
// executor obeys it: for a plain-http URL to another machine it neither fetches nor sends its
// JWT, and the backend cannot even be made from such settings.
#include "twinbench/federation/SecretDestination.h"

#include "twinbench/federation/BackendSettings.h"
#include "twinbench/federation/Executor.h"
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/SlurmRestExecutor.h"
#include "twinbench/federation/SlurmToken.h"

#include <QTemporaryDir>
#include <QTest>

using namespace twins::federation;

namespace {

// Counts how often the executor asks for the token.
class CountingTokenSource : public SlurmTokenSource {
public:
    explicit CountingTokenSource(int* calls) : m_calls(calls) {}
    QString token() override {
        ++*m_calls;
        return QStringLiteral("eyJ.secret.token");
    }
    void invalidate() override {}

private:
    int* m_calls;
};

} // namespace

class SecretDestinationTest : public QObject {
    Q_OBJECT

private slots:
    void allowedDestinations_data() {
        QTest::addColumn<QString>("url");
        QTest::newRow("https anywhere") << "https://slurm.example.org:6820";
        QTest::newRow("https with path") << "https://anything/slurm";
        QTest::newRow("http 127.0.0.1") << "http://127.0.0.1:6820";
        QTest::newRow("http 127.8.9.10") << "http://127.8.9.10/";
        QTest::newRow("http ::1") << "http://[::1]:6820";
        QTest::newRow("http localhost") << "http://localhost:6820";
        QTest::newRow("http LOCALHOST") << "http://LOCALHOST";
        QTest::newRow("http mapped IPv4 loopback") << "http://[::ffff:127.0.0.1]/";
    }
    void allowedDestinations() {
        QFETCH(QString, url);
        QCOMPARE(secretDestinationRefusal(QUrl(url)), QString());
        requireSecretDestination(QUrl(url), QStringLiteral("test"), QStringLiteral("a token"));
    }

    void refusedDestinations_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("reason");
        QTest::newRow("http other host") << "http://example.org"
                                         << "plain http to another machine";
        QTest::newRow("http localhost suffix") << "http://localhost.evil.com:6820"
                                               << "plain http to another machine";
        QTest::newRow("http subdomain of localhost") << "http://evil.localhost"
                                                     << "plain http to another machine";
        QTest::newRow("http private address") << "http://10.0.0.7:6820"
                                              << "plain http";
        QTest::newRow("http 128.0.0.1") << "http://128.0.0.1"
                                        << "plain http";
        QTest::newRow("http ::2") << "http://[::2]"
                                  << "plain http";
        QTest::newRow("ftp") << "ftp://127.0.0.1/"
                             << "neither https nor http";
        QTest::newRow("no host") << "slurm-login:6820"
                                 << "not a URL with a host";
        QTest::newRow("empty") << ""
                               << "not a URL with a host";
    }
    void refusedDestinations() {
        QFETCH(QString, url);
        QFETCH(QString, reason);
        const QString refusal = secretDestinationRefusal(QUrl(url));
        QVERIFY2(refusal.contains(reason), qPrintable(refusal));
        try {
            requireSecretDestination(QUrl(url), QStringLiteral("slurm-rest"),
                                     QStringLiteral("the SLURM JWT"));
            QFAIL("refused destination accepted");
        } catch (const FederationError& error) {
            const QString message = error.message();
            QVERIFY2(message.startsWith("slurm-rest: refusing to send the SLURM JWT to "),
                     qPrintable(message));
            QVERIFY2(message.contains(QUrl(url).toString()), qPrintable(message));
        }
    }

    void userInfoIsNotRepeated() {
        const QString refusal = secretDestinationRefusal(QUrl("http://alice:pw@example.org/"));
        QVERIFY2(refusal.contains("http://example.org/"), qPrintable(refusal));
        QVERIFY(!refusal.contains("pw"));
    }

    void slurmRestExecutorNeverFetchesOrSendsItsTokenOverPlainHttp() {
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        int tokenRequests = 0;
        SlurmRestExecutor executor(
            SlurmRestExecutor::Options{QUrl("http://example.org:6820"), QStringLiteral("alice"),
                                       QStringLiteral("/usr/bin/twinbench-run"), QString(),
                                       std::chrono::milliseconds(2000)},
            std::make_unique<CountingTokenSource>(&tokenRequests));
        try {
            executor.submit(BackendJob{QStringLiteral("run-1"), directory.path(), QString()});
            QFAIL("submitted over plain http to another machine");
        } catch (const FederationError& error) {
            QVERIFY2(error.message().contains(
                         "refusing to send the SLURM JWT to http://example.org:6820/slurm"),
                     qPrintable(error.message()));
        }
        const auto observations =
            executor.query({BackendJob{QStringLiteral("run-1"), directory.path(), "1"}});
        QVERIFY(!observations.value(QStringLiteral("run-1")).reachable);
        QVERIFY(observations.value(QStringLiteral("run-1")).detail.contains("refusing to send"));
        QCOMPARE(tokenRequests, 0);

        BackendSettings settings;
        settings.slurmRestUrl = QStringLiteral("http://example.org:6820");
        settings.workerExecutable = QStringLiteral("/usr/bin/twinbench-run");
        try {
            makeExecutor(settings, QStringLiteral("slurm-rest"));
            QFAIL("a slurm-rest backend was made for plain http to another machine");
        } catch (const FederationError& error) {
            QVERIFY2(error.message().contains("refusing to send the SLURM JWT to "
                                              "http://example.org:6820"),
                     qPrintable(error.message()));
        }
        settings.slurmRestUrl = QStringLiteral("http://127.0.0.1:6820");
        QVERIFY(makeExecutor(settings, QStringLiteral("slurm-rest")) != nullptr);
    }
};

QTEST_GUILESS_MAIN(SecretDestinationTest)
#include "SecretDestinationTest.moc"
