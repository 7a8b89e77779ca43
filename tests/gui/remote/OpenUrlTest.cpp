// File > Open URL (issue 25) against the remote-data fixtures on 127.0.0.1: a GeoTIFF opened by
// URL renders the same pixels as the local file; a WebDAV folder over TLS (davs://, a CA the
// fixture makes) is listed by Browse and an object in it opens by a double-click; S3 Settings
// stores an endpoint and keys (the secret in the keychain) with which an s3:// prefix lists and
// an object opens from s3rver; 401, 403 and 404 leave the dialog open with a message naming the
// URL; a slow open is cancelled at once, and the GUI thread keeps answering throughout (the
// probe and the read run elsewhere).
#include "HttpFixture.h"
#include "ProcessRun.h"
#include "SameFieldPixels.h"
#include "remote/OpenUrlDialog.h"
#include "remote/S3SettingsDialog.h"
#include "shell/MainWindow.h"
#include "shell/actions/OpenUrlAction.h"
#include "twinbench/federation/DesktopKeychain.h"
#include "twinbench/federation/RemoteDataSettings.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/VtkView.h"
#include "workspace/FigureExports.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using twins::app::MainWindow;
using twins::app::OpenUrlAction;
using twins::app::OpenUrlDialog;
using twins::app::S3SettingsDialog;
using twins::app::Workspace;
using twins::testing::HttpFixture;

namespace {

// What the dialog says, or that it is gone (accepted dialogs delete themselves).
QString statusOf(const QPointer<OpenUrlDialog>& dialog) {
    return dialog ? dialog->statusText() : QStringLiteral("(the dialog closed)");
}

// The frame of the active view after a field was drawn in it.
QImage activeFrame(MainWindow& window) {
    auto* shown = qobject_cast<twins::viz::VtkView*>(
        window.workspace()->cellWidgetOf(window.workspace()->activeView()));
    return shown == nullptr ? QImage() : shown->grabFramebuffer();
}

} // namespace

class OpenUrlTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    std::unique_ptr<HttpFixture> m_server;
    QString m_s3Endpoint;

    static QString s3Fixture() {
        return QStringLiteral(TWINBENCH_SOURCE_DIR "/tests/fixtures/s3/s3-fixture.sh");
    }

    QString urlOf(const QString& name) const { return m_server->url() + "/" + name; }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        // The probe process and the window share this cache; never the user's.
        qputenv("TWINBENCH_REMOTE_CACHE", m_directory.filePath("cache").toUtf8());
        const twins::testing::ProcessOutcome made = twins::testing::runProcess(
            QStringLiteral("/usr/bin/python3"),
            {QStringLiteral(TWINBENCH_SOURCE_DIR "/tests/fixtures/remote/make-test-data.py"),
             m_directory.filePath("data"), QStringLiteral("raster.tif"), QStringLiteral("big.nc"),
             QStringLiteral("small.nc")},
            120000);
        QVERIFY2(made.succeeded(), qPrintable(made.errors));
        try {
            m_server = std::make_unique<HttpFixture>(m_directory.filePath("server"),
                                                     m_directory.filePath("data"));
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
        // The WebDAV server's certificate is signed by the CA the fixture just made.
        qputenv("TWINBENCH_CA_FILE", m_server->caFile().toUtf8());
        // s3rver with the raster in bucket "data"; its endpoint and keys are set in the S3
        // Settings dialog below (settings in a config folder of this test, the secret in the
        // private keychain of tests/support/with-keyring.sh), read as the programs read them.
        const twins::testing::ProcessOutcome s3 = twins::testing::runProcess(
            QStringLiteral("bash"),
            {s3Fixture(), QStringLiteral("start"), m_directory.filePath("s3"),
             m_directory.filePath("data"), QStringLiteral("data"), QStringLiteral("raster.tif")},
            180000);
        QVERIFY2(s3.succeeded(), qPrintable(s3.errors));
        m_s3Endpoint = QString::fromUtf8(s3.output).trimmed().split('\n').last();
        qputenv("XDG_CONFIG_HOME", m_directory.filePath("config").toUtf8());
        twins::federation::installRemoteDataSettings();
    }

    void cleanupTestCase() {
        m_server.reset();
        twins::testing::runProcess(QStringLiteral("bash"), {s3Fixture(), QStringLiteral("stop"),
                                                            m_directory.filePath("s3")});
    }

    // S3 Settings stores the endpoint and keys (the secret in the keychain); an s3:// URL then
    // lists under Browse and opens, in the window and in the probe process alike.
    void s3SettingsThenBrowseAndOpen() {
        MainWindow window;
        window.resize(900, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QPointer<OpenUrlDialog> dialog = OpenUrlAction::choose(window, *window.workspace());
        QTest::mouseClick(dialog->findChild<QWidget*>(QStringLiteral("s3SettingsButton")),
                          Qt::LeftButton);
        auto* settings = dialog->findChild<S3SettingsDialog*>();
        QVERIFY(settings != nullptr && settings->isVisible());
        settings->findChild<QLineEdit*>(QStringLiteral("s3Endpoint"))->setText(m_s3Endpoint);
        settings->findChild<QLineEdit*>(QStringLiteral("s3AccessKey"))->setText("S3RVER");
        settings->findChild<QLineEdit*>(QStringLiteral("s3SecretKey"))->setText("S3RVER");
        QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
        settings->grab().save(TWINBENCH_BINARY_DIR "/screenshots/open-url-s3-settings.png");
        QSignalSpy saved(settings, &S3SettingsDialog::saved);
        QTest::mouseClick(settings->findChild<QWidget*>(QStringLiteral("saveS3Button")),
                          Qt::LeftButton);
        QVERIFY2(saved.wait(20000), qPrintable(settings->statusText()));
        QCOMPARE(twins::federation::RemoteDataSettings::load().s3Endpoint, m_s3Endpoint);
        const twins::federation::KeychainAnswer secret = twins::federation::readKeychainSecret(
            QString::fromLatin1(twins::federation::s3SecretKeychainKey),
            std::chrono::milliseconds(10000));
        QCOMPARE(secret.secret, QStringLiteral("S3RVER"));

        dialog->setUrl(QStringLiteral("s3://data"));
        QSignalSpy listed(dialog.data(), &OpenUrlDialog::folderListed);
        dialog->browse();
        QVERIFY2(listed.wait(20000), qPrintable(statusOf(dialog)));
        auto* list = dialog->findChild<QListWidget*>(QStringLiteral("urlEntries"));
        QVERIFY(list->count() == 1 &&
                list->item(0)->data(Qt::UserRole).toString() == "s3://data/raster.tif");

        QSignalSpy rendered(window.workspace(), &Workspace::fieldFrameRendered);
        QTest::qWait(100); // the list laid out after it appeared
        const QPoint centre = list->visualItemRect(list->item(0)).center();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(dialog->url(), QStringLiteral("s3://data/raster.tif"));
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, centre);
        QVERIFY2(rendered.wait(60000) || !rendered.isEmpty(), qPrintable(statusOf(dialog)));
        QVERIFY(window.workspace()->dataset(QStringLiteral("s3://data/raster.tif")) != nullptr);
        const QImage frame = activeFrame(window);
        QSet<QRgb> colours;
        for (int y = frame.height() / 4; y < frame.height() * 3 / 4; y += 3) {
            for (int x = frame.width() / 4; x < frame.width() * 3 / 4; x += 3) {
                colours.insert(frame.pixel(x, y));
            }
        }
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    }

    void urlRendersAsTheLocalFile() {
        QImage frames[2];
        for (int remote = 0; remote < 2; ++remote) {
            MainWindow window;
            window.resize(900, 600);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QSignalSpy rendered(window.workspace(), &Workspace::fieldFrameRendered);
            QSignalSpy errors(&window, &MainWindow::errorShown);
            if (remote == 1) {
                const QPointer<OpenUrlDialog> dialog =
                    OpenUrlAction::start(window, *window.workspace(), urlOf("raster.tif"));
                QSignalSpy opened(dialog.data(), &OpenUrlDialog::urlOpened);
                QVERIFY2(opened.wait(60000) || !rendered.isEmpty(), qPrintable(statusOf(dialog)));
            } else {
                window.workspace()->openFiles({m_directory.filePath("data/raster.tif")});
            }
            QVERIFY2(!rendered.isEmpty() || rendered.wait(60000),
                     qPrintable(errors.isEmpty() ? QString("no error")
                                                 : errors.first().at(1).toString()));
            QVERIFY(QTest::qWaitFor([&] { return window.workspace()->pendingWork() == 0; }, 10000));
            QTest::qWait(200);
            frames[remote] = activeFrame(window);
            QVERIFY(!frames[remote].isNull());
            // An exported figure of a URL records what was read of it beside the image (issue
            // 25: provenance of remote inputs); one of a local file needs none.
            const QString figure =
                m_directory.filePath(QStringLiteral("figure-%1.png").arg(remote));
            QSignalSpy exported(&window.workspace()->figures(),
                                &twins::app::FigureExports::figureExported);
            window.workspace()->figures().exportFigureTo(figure, QSize(600, 400));
            QVERIFY(exported.wait(30000));
            QVERIFY(exported.first().at(1).toBool());
            QFile provenance(figure + ".prov.json");
            if (remote == 1) {
                QVERIFY2(provenance.open(QIODevice::ReadOnly), qPrintable(provenance.fileName()));
                const QByteArray json = provenance.readAll();
                QVERIFY2(json.contains("twinbench:RemoteObject") &&
                             json.contains(urlOf("raster.tif").toUtf8()) &&
                             json.contains("twinbench:rangesSha256"),
                         json.constData());
            } else {
                QVERIFY(!provenance.exists());
            }
            if (remote == 1) {
                // Opened by URL: listed under its URL, as a file is under its path.
                QVERIFY(window.workspace()->dataset(urlOf("raster.tif")) != nullptr);
                QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
                window.grab().save(TWINBENCH_BINARY_DIR "/screenshots/open-url.png");
            }
        }
        QCOMPARE(frames[1].size(), frames[0].size());
        const twins::testing::FieldPixelComparison pixels =
            twins::testing::compareFieldPixels(frames[0], frames[1]);
        QVERIFY2(pixels.sameField(), qPrintable(pixels.text()));
    }

    // Browse lists the WebDAV folder (davs://, the test CA); a double-click opens an object,
    // which renders.
    void davsFolderBrowsedAndOpened() {
        MainWindow window;
        window.resize(900, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy rendered(window.workspace(), &Workspace::fieldFrameRendered);
        const QPointer<OpenUrlDialog> dialog = OpenUrlAction::choose(window, *window.workspace());
        dialog->setUrl(m_server->davsUrl());
        QSignalSpy listed(dialog.data(), &OpenUrlDialog::folderListed);
        QTest::mouseClick(dialog->findChild<QWidget*>(QStringLiteral("browseUrlButton")),
                          Qt::LeftButton);
        QVERIFY2(listed.wait(20000), qPrintable(statusOf(dialog)));
        auto* list = dialog->findChild<QListWidget*>(QStringLiteral("urlEntries"));
        QVERIFY(list != nullptr && list->isVisible());
        const QString url = m_server->davsUrl() + "/raster.tif";
        QListWidgetItem* raster = nullptr;
        QStringList names;
        for (int row = 0; row < list->count(); ++row) {
            names << list->item(row)->text();
            if (list->item(row)->data(Qt::UserRole).toString() == url) {
                raster = list->item(row);
            }
        }
        QVERIFY2(raster != nullptr, qPrintable(names.join(", ")));
        QVERIFY2(names.filter(QRegularExpression("^small\\.nc +2\\d\\.\\d kB$")).size() == 1,
                 qPrintable(names.join(", ")));
        QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
        dialog->grab().save(TWINBENCH_BINARY_DIR "/screenshots/open-url-browse.png");
        const QPoint centre = list->visualItemRect(raster).center();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(dialog->url(), url);
        QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, centre);
        QVERIFY2(rendered.wait(60000) || !rendered.isEmpty(), qPrintable(statusOf(dialog)));
        QVERIFY(window.workspace()->dataset(url) != nullptr);
        const QImage frame = activeFrame(window);
        QSet<QRgb> colours;
        for (int y = frame.height() / 4; y < frame.height() * 3 / 4; y += 3) {
            for (int x = frame.width() / 4; x < frame.width() * 3 / 4; x += 3) {
                colours.insert(frame.pixel(x, y));
            }
        }
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    }

    void statusErrorsNameTheUrl_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::newRow("404") << "no-such-file.nc"
                             << "404 Not Found";
        QTest::newRow("403") << "forbidden/raster.tif"
                             << "403 Forbidden";
        QTest::newRow("401") << "private/raster.tif"
                             << "401 Unauthorized";
    }
    void statusErrorsNameTheUrl() {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        OpenUrlDialog* dialog = OpenUrlAction::start(window, *window.workspace(), urlOf(path));
        QSignalSpy failed(dialog, &OpenUrlDialog::urlFailed);
        QVERIFY(failed.wait(30000));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(urlOf(path)) && message.contains(expected), qPrintable(message));
        QCOMPARE(dialog->statusText(), message);
        QVERIFY(dialog->isVisible()); // to correct the URL
        QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
        dialog->grab().save(TWINBENCH_BINARY_DIR "/screenshots/open-url-" +
                            QString(QTest::currentDataTag()) + ".png");
        QCOMPARE(window.workspace()->pendingWork(), 0);
        QVERIFY(window.workspace()->dataset(urlOf(path)) == nullptr);
    }

    // A slow server (256 KiB/s): cancel stops the open within a second, and the GUI thread
    // never stalls meanwhile.
    void cancelStopsASlowOpen() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QElapsedTimer sinceTick;
        qint64 longestGap = 0;
        QTimer ticker;
        ticker.setInterval(20);
        connect(&ticker, &QTimer::timeout,
                [&] { longestGap = std::max(longestGap, sinceTick.restart()); });
        OpenUrlDialog* dialog =
            OpenUrlAction::start(window, *window.workspace(), urlOf("slow/big.nc"));
        sinceTick.start();
        ticker.start();
        QSignalSpy cancelled(dialog, &OpenUrlDialog::openingCancelled);
        QTest::qWait(1500);
        QVERIFY(dialog->isOpening());
        QVERIFY2(dialog->statusText().contains(urlOf("slow/big.nc")),
                 qPrintable(dialog->statusText()));
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(dialog->findChild<QWidget*>(QStringLiteral("cancelUrlButton")),
                          Qt::LeftButton);
        QVERIFY(cancelled.count() == 1 || cancelled.wait(5000));
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        ticker.stop();
        QVERIFY2(longestGap < 500,
                 qPrintable(QStringLiteral("GUI thread stalled %1 ms").arg(longestGap)));
        QCOMPARE(dialog->statusText(), QStringLiteral("Cancelled."));
        QCOMPARE(window.workspace()->pendingWork(), 0);
        QVERIFY(!dialog->isOpening());
    }
};

QTEST_MAIN(OpenUrlTest)
#include "OpenUrlTest.moc"
