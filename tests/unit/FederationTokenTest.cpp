// Where the slurmrestd JWT comes from: `scontrol token` output parsed and cached, its failures
// reported without the token, and the keychain source failing clearly (never falling back to
// a file) when no secret service holds the token.
#include "twinbench/federation/FederationError.h"
#include "twinbench/federation/SlurmToken.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace twins::federation;

namespace {

// A stand-in for scontrol: a shell that prints what `script` prints, and counts its calls.
ScontrolTokenSource::CommandLineBuilder shellPrinting(const QString& script, int* calls) {
    return [script, calls](const QStringList&) {
        ++*calls;
        return QStringList{QStringLiteral("sh"), QStringLiteral("-c"), script};
    };
}

} // namespace

class FederationTokenTest : public QObject {
    Q_OBJECT

private slots:
    void scontrolTokenIsParsedAndCached() {
        int calls = 0;
        ScontrolTokenSource source(shellPrinting("echo SLURM_JWT=eyJ.header.sig", &calls),
                                   std::chrono::seconds(600), std::chrono::seconds(5));
        QCOMPARE(source.token(), QStringLiteral("eyJ.header.sig"));
        QCOMPARE(source.token(), QStringLiteral("eyJ.header.sig"));
        QCOMPARE(calls, 1); // cached in memory
        source.invalidate();
        QCOMPARE(source.token(), QStringLiteral("eyJ.header.sig"));
        QCOMPARE(calls, 2); // a 401 makes it ask again
    }

    void scontrolFailureNamesTheCauseNotTheToken() {
        int calls = 0;
        ScontrolTokenSource failing(
            shellPrinting("echo SLURM_JWT=secret-part; echo 'scontrol: error: JWT disabled' >&2; "
                          "exit 1",
                          &calls),
            std::chrono::seconds(600), std::chrono::seconds(5));
        try {
            failing.token();
            QFAIL("a failing scontrol gave a token");
        } catch (const FederationError& error) {
            QVERIFY2(error.message().contains("JWT disabled"), qPrintable(error.message()));
            QVERIFY(!error.message().contains("secret-part"));
        }
        ScontrolTokenSource empty(shellPrinting("echo nothing useful", &calls),
                                  std::chrono::seconds(600), std::chrono::seconds(5));
        try {
            empty.token();
            QFAIL("output without SLURM_JWT= gave a token");
        } catch (const FederationError& error) {
            QVERIFY2(error.message().contains("no SLURM_JWT="), qPrintable(error.message()));
        }
    }

    void keychainWithoutStoredTokenFailsClearly() {
        // Whatever the machine has (no D-Bus session, or a secret service without this entry),
        // the answer is a clear error naming the keychain entry, within the timeout.
        QTemporaryDir home;
        qputenv("XDG_CONFIG_HOME", home.path().toLocal8Bit()); // a file fallback would land here
        KeychainTokenSource source(keychainKeyForSlurmRest("http://127.0.0.1:1"),
                                   std::chrono::seconds(5));
        QElapsedTimer timer;
        timer.start();
        try {
            source.token();
            QFAIL("a token came from an empty keychain");
        } catch (const FederationError& error) {
            qInfo("keychain answer: %s", qPrintable(error.message()));
            QVERIFY2(error.message().contains("keychain") &&
                         error.message().contains("slurm-jwt:http://127.0.0.1:1"),
                     qPrintable(error.message()));
        }
        QVERIFY(timer.elapsed() < 8000);
        QVERIFY(QDir(home.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }
};

QTEST_GUILESS_MAIN(FederationTokenTest)
#include "FederationTokenTest.moc"
