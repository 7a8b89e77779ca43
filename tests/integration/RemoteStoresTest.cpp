// WebDAV over TLS (davs://, a CA the fixture makes) and S3 against s3rver (requests signed with
// AWS SigV4) as remote stores: folder listings and prefixes, a davs:// server without its CA
// refused, S3 refusals naming the URL, S3 keys from the settings with the secret in the desktop
// keychain. The servers and test files are RemoteServers.h's.
#include "RemoteServers.h"

using twins::testing::HttpFixture;
namespace data = twins::data;
namespace remote = twins::data::remote;
using namespace twins::testing::remote_data;

class RemoteStoresTest : public RemoteServers {
    Q_OBJECT

private slots:
    void initTestCase() { startServers(); }
    void cleanupTestCase() { stopServers(); }

    void davsFolderListing() {
        const auto client = remote::defaultHttpClient();
        try {
            const std::vector<remote::DavEntry> entries =
                remote::listDavFolder(*client, m_server->davsUrl().toStdString());
            QVERIFY(!entries.empty());
            QVERIFY(entries.front().folder); // folders first
            bool sawStore = false;
            bool sawSmall = false;
            for (const remote::DavEntry& entry : entries) {
                if (entry.name == "big.zarr") {
                    sawStore = entry.folder &&
                               entry.url == (m_server->davsUrl() + "/big.zarr/").toStdString();
                }
                if (entry.name == "small.nc") {
                    sawSmall =
                        !entry.folder &&
                        entry.size == std::uint64_t(QFileInfo(dataPath("small.nc")).size()) &&
                        entry.url == (m_server->davsUrl() + "/small.nc").toStdString();
                }
            }
            QVERIFY(sawStore && sawSmall);
            // Inside the store: the field's folder (nginx's listing leaves out dot files such
            // as .zmetadata, which are read by their URL all the same).
            const auto inside = remote::listDavFolder(*client, entries.front().url);
            QVERIFY(std::any_of(inside.begin(), inside.end(), [](const remote::DavEntry& e) {
                return e.name == "field" && e.folder;
            }));
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
        // The plain-http server has no WebDAV: a clear message naming the URL.
        try {
            remote::listDavFolder(*client, (m_server->url() + "/").toStdString());
            QFAIL("listed a folder without WebDAV");
        } catch (const remote::HttpError& error) {
            QVERIFY2(QString(error.what()).contains(m_server->url()) &&
                         QString(error.what()).contains("405"),
                     error.what());
        }
    }

    // An S3 "folder": the keys under a prefix up to the next "/", signed like every request.
    void s3FolderListing() {
        try {
            const auto client = remote::defaultHttpClient();
            const std::vector<remote::DavEntry> top =
                remote::listRemoteFolder(*client, "s3://data");
            QVERIFY(!top.empty() && top.front().folder);
            QCOMPARE(top.front().url, std::string("s3://data/big.zarr/"));
            const auto small = std::find_if(top.begin(), top.end(), [](const remote::DavEntry& e) {
                return e.name == "small.nc";
            });
            QVERIFY(small != top.end());
            QCOMPARE(small->url, std::string("s3://data/small.nc"));
            QCOMPARE(small->size, std::uint64_t(QFileInfo(dataPath("small.nc")).size()));
            const auto store = remote::listRemoteFolder(*client, top.front().url);
            QStringList names;
            for (const remote::DavEntry& entry : store) {
                names << QString::fromStdString(entry.name) + (entry.folder ? "/" : "");
            }
            QVERIFY2(names.contains(".zmetadata") && names.contains("field/"),
                     qPrintable(names.join(", ")));
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
    }

    // Without the test CA the server is not trusted: refused, naming the URL.
    void davsWithoutItsCaIsRefused() {
        const remote::HttpClient client; // the system's CAs only
        const std::string url = (m_server->davsUrl() + "/small.nc").toStdString();
        try {
            client.stat(url);
            QFAIL("trusted a server signed by an unknown CA");
        } catch (const remote::HttpError& error) {
            QVERIFY2(QString(error.what()).contains(QString::fromStdString(url)) &&
                         QString(error.what()).contains("certificate"),
                     error.what());
        }
    }

    // S3's answers and the rules for keys: an unknown access key is refused by the server,
    // naming the s3:// URL; no endpoint, and keys over plain http to another machine, are
    // refused before any request.
    void s3RefusalsNameTheUrl() {
        remote::HttpOptions options;
        options.s3.endpoint = m_s3Endpoint.toStdString();
        options.s3.accessKey = "NOBODY";
        options.s3.secretKey = "not-a-key";
        const std::string url = "s3://data/small.nc";
        try {
            remote::HttpClient(options).stat(url);
            QFAIL("an unknown access key was accepted");
        } catch (const remote::HttpError& error) {
            QCOMPARE(error.status(), 403L);
            QVERIFY2(QString(error.what()).startsWith(QString::fromStdString(url)), error.what());
        }
        try {
            remote::HttpClient().stat(url);
            QFAIL("an s3:// URL was read without an endpoint");
        } catch (const remote::HttpError& error) {
            QVERIFY2(QString(error.what()).contains("no S3 endpoint"), error.what());
        }
        options.s3.endpoint = "http://s3.example.org";
        options.allowPlainHttp = true;
        try {
            remote::HttpClient(options).stat(url);
            QFAIL("signed a request over plain http to another machine");
        } catch (const remote::HttpError& error) {
            QVERIFY2(QString(error.what()).contains("refusing to send"), error.what());
        }
    }

    // The worker as a user runs it, with no S3 environment: the endpoint and access key from
    // the settings file the GUI writes, the secret key from the desktop keychain (a private
    // gnome-keyring, tests/support/with-keyring.sh); a missing secret or an unknown key is told,
    // naming the URL.
    void s3KeysFromSettingsAndKeychain() {
        QTemporaryDir config;
        QVERIFY(config.isValid());
        const auto writeSettings = [&](const QString& accessKey) {
            QDir().mkpath(config.filePath("Twinbench"));
            QFile ini(config.filePath("Twinbench/federation.ini"));
            QVERIFY(ini.open(QIODevice::WriteOnly | QIODevice::Truncate));
            ini.write(QStringLiteral("[remoteData]\ns3Endpoint=%1\ns3Region=us-east-1\n"
                                     "s3AccessKey=%2\n")
                          .arg(m_s3Endpoint, accessKey)
                          .toUtf8());
        };
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("XDG_CONFIG_HOME", config.path());
        for (const char* name :
             {"TWINBENCH_S3_ENDPOINT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}) {
            environment.remove(QString::fromLatin1(name));
        }
        const QString url = QStringLiteral("s3://data/small.nc");
        const auto inspect = [&] {
            return twins::testing::runProcess(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE),
                                              {QStringLiteral("inspect"), url}, 60000, environment);
        };
        const auto key = QString::fromLatin1(twins::federation::s3SecretKeychainKey);
        const std::chrono::milliseconds timeout(10000);

        writeSettings("S3RVER");
        QCOMPARE(twins::federation::writeKeychainSecret(key, "S3RVER", timeout).status,
                 twins::federation::KeychainStatus::Ok);
        twins::testing::ProcessOutcome outcome = inspect();
        QVERIFY2(outcome.succeeded(), qPrintable(outcome.errors));
        QVERIFY2(outcome.output.contains("t2m"), outcome.output.constData());

        writeSettings("NOBODY"); // s3rver knows no such key
        outcome = inspect();
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.errors.contains(url) && outcome.errors.contains("403"),
                 qPrintable(outcome.errors));

        writeSettings("S3RVER");
        twins::federation::deleteKeychainSecret(key, timeout);
        outcome = inspect();
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.errors.contains(url) &&
                     outcome.errors.contains("not in the desktop keychain"),
                 qPrintable(outcome.errors));
    }
};

QTEST_GUILESS_MAIN(RemoteStoresTest)
#include "RemoteStoresTest.moc"
