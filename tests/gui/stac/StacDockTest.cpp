// The STAC dock (app/twinbench/stac) against the STAC test rig of tests/fixtures/stac on
// 127.0.0.1 (the API server and the static catalogue over the remote fixture's nginx): an area
// drawn on the dock's map and a collection find exactly the one raster item, its thumbnail
// shows (and the list's rows carry theirs), its URL can be copied, and its COG asset opens in the
// active view with the same pixels as the local file; a static catalogue is browsed as a tree; a
// broken answer is shown naming the URL; the GUI thread keeps answering while a slow search runs.
#include "stac/StacDock.h"

#include "HttpFixture.h"
#include "ProcessRun.h"
#include "SameFieldPixels.h"
#include "StacServers.h"
#include "shell/MainWindow.h"
#include "stac/BboxMap.h"
#include "stac/StacSearchForm.h"
#include "twinbench/viz/VtkView.h"
#include "workspace/Workspace.h"

#include <QClipboard>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QLabel>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <memory>

using twins::app::BboxMap;
using twins::app::MainWindow;
using twins::app::StacDock;
using twins::app::Workspace;
using twins::testing::HttpFixture;
using twins::testing::runProcess;

namespace {

QImage activeFrame(MainWindow& window) {
    auto* shown = qobject_cast<twins::viz::VtkView*>(
        window.workspace()->cellWidgetOf(window.workspace()->activeView()));
    return shown == nullptr ? QImage() : shown->grabFramebuffer();
}

// Where (lon, lat) is on the map widget (plate carree, 2:1, centred: BboxMap's own layout).
QPoint mapPixel(const QWidget& map, double lon, double lat) {
    const double width = std::min<double>(map.width(), 2.0 * map.height());
    const double left = (map.width() - width) / 2.0;
    const double top = (map.height() - width / 2.0) / 2.0;
    return QPoint(static_cast<int>(std::lround(left + (lon + 180.0) / 360.0 * width)),
                  static_cast<int>(std::lround(top + (90.0 - lat) / 180.0 * width / 2.0)));
}

QStringList listedIds(const StacDock& dock) {
    QStringList ids;
    for (const auto& item : dock.items()) {
        ids << QString::fromStdString(item.id);
    }
    return ids;
}

} // namespace

class StacDockTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    std::unique_ptr<HttpFixture> m_nginx;
    QString m_api;


    static StacDock* shownDock(MainWindow& window) {
        auto* dock = window.findChild<StacDock*>();
        if (dock != nullptr) {
            dock->show();
            dock->raise();
        }
        return dock;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        qputenv("TWINBENCH_REMOTE_CACHE", m_directory.filePath("cache").toUtf8());
        const QString failed =
            twins::testing::startStacServers(m_directory, {"raster.tif"}, m_nginx, m_api);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }

    void cleanupTestCase() { twins::testing::stopStacServers(m_directory, m_nginx); }

    // Area drawn on the map + a collection: only the Alps raster; its thumbnail shows; its COG
    // asset opens in the active view and draws the pixels the local file draws.
    void searchDrawnAreaAndOpenAsset() {
        QImage frames[2];
        for (int remote = 0; remote < 2; ++remote) {
            MainWindow window;
            window.resize(1400, 880);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QSignalSpy rendered(window.workspace(), &Workspace::fieldFrameRendered);
            if (remote == 0) {
                // The same layout as below (the dock shown), so the views have one size.
                QVERIFY(shownDock(window) != nullptr);
                window.workspace()->openFiles({m_directory.filePath("data/raster.tif")});
            } else {
                StacDock* dock = shownDock(window);
                QVERIFY(dock != nullptr);
                dock->setUrl(m_api);
                dock->form()->setCollections(QStringLiteral("raster-cog"));
                BboxMap* map = dock->form()->map();
                QVERIFY(QTest::qWaitFor([&] { return map->isVisible() && map->width() > 100; }));
                QTest::mousePress(map, Qt::LeftButton, {}, mapPixel(*map, 0, 50));
                QTest::mouseMove(map, mapPixel(*map, 10, 45));
                QTest::mouseMove(map, mapPixel(*map, 20, 40));
                QTest::mouseRelease(map, Qt::LeftButton, {}, mapPixel(*map, 20, 40));
                QVERIFY(map->box().has_value());
                const auto drawn = *map->box();
                // The fields follow the drawing (to a pixel of the map).
                const double pixel = 360.0 / map->width() + 0.1;
                QVERIFY2(std::abs(drawn[0] - 0) <= pixel && std::abs(drawn[1] - 40) <= pixel &&
                             std::abs(drawn[2] - 20) <= pixel && std::abs(drawn[3] - 50) <= pixel,
                         qPrintable(QStringLiteral("%1 %2 %3 %4")
                                        .arg(drawn[0])
                                        .arg(drawn[1])
                                        .arg(drawn[2])
                                        .arg(drawn[3])));
                QCOMPARE(dock->findChild<QDoubleSpinBox*>("stacWest")->value(), drawn[0]);
                QCOMPARE(dock->findChild<QDoubleSpinBox*>("stacNorth")->value(), drawn[3]);

                QSignalSpy listed(dock, &StacDock::itemsListed);
                QTest::mouseClick(dock->findChild<QWidget*>("stacSearchButton"), Qt::LeftButton);
                QVERIFY2(listed.wait(20000), qPrintable(dock->statusText()));
                QCOMPARE(listedIds(*dock), QStringList{"cog-alps-2021-06-15"});
                QVERIFY2(dock->statusText().startsWith("1 item from " + m_api + "/search (POST"),
                         qPrintable(dock->statusText()));

                QSignalSpy thumbnail(dock, &StacDock::thumbnailShown);
                QVERIFY(dock->selectItem("cog-alps-2021-06-15"));
                QVERIFY(thumbnail.count() == 1 || thumbnail.wait(20000));
                QCOMPARE(thumbnail.first().at(0).toString(),
                         m_nginx->url() + "/stac/thumbs/cog.png");
                QVERIFY(!dock->findChild<QLabel*>("stacThumbnail")->pixmap().isNull());

                QTest::mouseClick(dock->findChild<QWidget*>("stacCopyButton"), Qt::LeftButton);
                QCOMPARE(QGuiApplication::clipboard()->text(), m_nginx->url() + "/raster.tif");

                QSignalSpy opened(dock, &StacDock::assetOpened);
                QSignalSpy failed(dock, &StacDock::assetFailed);
                QTest::mouseClick(dock->findChild<QWidget*>("stacOpenButton"), Qt::LeftButton);
                QVERIFY2(opened.wait(60000),
                         qPrintable(failed.isEmpty() ? dock->statusText()
                                                     : failed.first().at(0).toString()));
                QCOMPARE(opened.first().at(0).toString(), m_nginx->url() + "/raster.tif");
                QVERIFY(window.workspace()->dataset(m_nginx->url() + "/raster.tif") != nullptr);
            }
            QVERIFY(!rendered.isEmpty() || rendered.wait(60000));
            QVERIFY(QTest::qWaitFor([&] { return window.workspace()->pendingWork() == 0; }, 10000));
            QTest::qWait(200);
            frames[remote] = activeFrame(window);
            QVERIFY(!frames[remote].isNull());
            if (remote == 1) {
                QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
                window.grab().save(TWINBENCH_BINARY_DIR "/screenshots/stac-dock.png");
            }
        }
        QCOMPARE(frames[1].size(), frames[0].size());
        const twins::testing::FieldPixelComparison pixels =
            twins::testing::compareFieldPixels(frames[0], frames[1]);
        QVERIFY2(pixels.sameField(), qPrintable(pixels.text()));
    }

    // Browse walks the static catalogue: the catalogue, its two collections and their items.
    void browseStaticCatalogue() {
        MainWindow window;
        window.resize(1400, 880);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        StacDock* dock = shownDock(window);
        dock->setUrl(m_nginx->url() + "/stac/catalog.json");
        QSignalSpy listed(dock, &StacDock::itemsListed);
        QTest::mouseClick(dock->findChild<QWidget*>("stacBrowseButton"), Qt::LeftButton);
        QVERIFY2(listed.wait(20000), qPrintable(dock->statusText()));
        QCOMPARE(listed.first().at(0).toInt(), 11);
        // Every item row shows its collection's thumbnail (two images fetched for 11 rows).
        QSignalSpy icons(dock, &StacDock::listIconsShown);
        QVERIFY(icons.wait(20000));
        QCOMPARE(icons.first().at(0).toInt(), 11);
        auto* tree = dock->findChild<QTreeWidget*>("stacResults");
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem* root = tree->topLevelItem(0);
        QCOMPARE(root->text(0), QStringLiteral("Twinbench test catalogue"));
        QCOMPARE(root->childCount(), 2);
        QCOMPARE(root->child(0)->text(0), QStringLiteral("ERA5-like fields"));
        QCOMPARE(root->child(0)->childCount(), 9);
        QCOMPARE(root->child(1)->childCount(), 2);
        QVERIFY(dock->selectItem("era5-month-2020-02"));
        QCOMPARE(root->child(0)->child(8)->text(1),
                 QStringLiteral("2020-02-01T00:00:00Z/2020-02-29T23:59:59Z"));
        QDir().mkpath(TWINBENCH_BINARY_DIR "/screenshots");
        window.grab().save(TWINBENCH_BINARY_DIR "/screenshots/stac-dock-browse.png");
    }

    // A broken answer: the dock says so in red, naming the URL; the GUI thread never stalls
    // while a slow search runs (the request is on the thread pool).
    void brokenAndSlowAnswers() {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        StacDock* dock = shownDock(window);
        dock->setUrl(m_api + "/bad/invalid-json/search");
        QSignalSpy failed(dock, &StacDock::listingFailed);
        dock->search();
        QVERIFY(failed.wait(20000));
        QVERIFY2(failed.first().at(0).toString().startsWith(m_api + "/bad/invalid-json/search: "),
                 qPrintable(failed.first().at(0).toString()));
        QVERIFY(dock->statusText().contains("not valid JSON"));

        QElapsedTimer sinceTick;
        qint64 longestGap = 0;
        QTimer ticker;
        ticker.setInterval(20);
        connect(&ticker, &QTimer::timeout,
                [&] { longestGap = std::max(longestGap, sinceTick.restart()); });
        dock->setUrl(m_api + "/slow/search");
        dock->form()->setCollections("era5-sample");
        QSignalSpy listed(dock, &StacDock::itemsListed);
        QElapsedTimer clock;
        clock.start();
        sinceTick.start();
        ticker.start();
        dock->search();
        QVERIFY2(listed.wait(20000), qPrintable(dock->statusText()));
        ticker.stop();
        QVERIFY2(clock.elapsed() >= 1000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(listed.first().at(0).toInt(), 9);
        QVERIFY2(longestGap < 300,
                 qPrintable(QStringLiteral("GUI thread stalled %1 ms").arg(longestGap)));
    }
};

QTEST_MAIN(StacDockTest)
#include "StacDockTest.moc"
