// Finding datasets through STAC (twins/data/stac, `twinbench-run stac`), against the test rig of
// tests/fixtures/stac: a STAC API server written for the tests and a static catalogue, both over
// the remote fixture's test files on a real nginx (tests/fixtures/remote). Searches by
// collections, bbox and datetime (instant, closed and open intervals) return exactly the items
// the test names (written here, not taken from the server's table); POST paging merges the
// "next" link's body, GET paging follows its URL, a maximum item count stops early; a static
// catalogue is walked with relative hrefs resolved; broken answers (404, JSON cut short, an item
// without datetime or id, a missing child) give messages naming the URL and the field; an
// asset's href opens through the remote-open path with the same values as the local file; the
// server's answers, the client's view of them and the static catalogue pass the STAC schemas
// (python3-jsonschema), and the server's log shows the pages requested; the HTTP client's rules
// (plain http and tokens only to this machine) hold for STAC requests too.
#include "HttpFixture.h"
#include "ProcessRun.h"
#include "StacServers.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/remote/HttpError.h"
#include "twinbench/data/remote/RemoteDataset.h"
#include "twinbench/data/stac/StacCatalogue.h"
#include "twinbench/data/stac/StacSearch.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using twins::testing::HttpFixture;
using twins::testing::runProcess;
namespace data = twins::data;
namespace remote = twins::data::remote;
namespace stac = twins::data::stac;

namespace {

QStringList idsOf(const std::vector<stac::StacItem>& items) {
    QStringList ids;
    for (const stac::StacItem& item : items) {
        ids << QString::fromStdString(item.id);
    }
    return ids;
}

QStringList sorted(QStringList list) {
    list.sort();
    return list;
}

const QStringList era5Days = {"era5-2020-01-01", "era5-2020-01-02", "era5-2020-01-03",
                              "era5-2020-01-04", "era5-2020-01-05", "era5-2020-01-06",
                              "era5-2020-01-07"};

bool sameValues(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) {
            return false;
        }
    }
    return true;
}

} // namespace

class StacTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_directory;
    std::unique_ptr<HttpFixture> m_nginx;
    QString m_api; // http://127.0.0.1:PORT of the STAC API server

    QString apiBase() const { return m_directory.filePath(QStringLiteral("stac-api")); }
    std::string api(const QString& path = {}) const { return (m_api + path).toStdString(); }
    std::string dataUrl(const QString& path) const { return (m_nginx->url() + path).toStdString(); }
    const remote::HttpClient& client() const { return *remote::defaultHttpClient(); }

    // The JSON lines the API server logged (every request) since it started.
    QList<QJsonObject> serverLog() const {
        QFile log(QDir(apiBase()).filePath(QStringLiteral("requests.log")));
        QList<QJsonObject> lines;
        if (log.open(QIODevice::ReadOnly)) {
            for (const QByteArray& line : log.readAll().split('\n')) {
                if (!line.isEmpty()) {
                    lines << QJsonDocument::fromJson(line).object();
                }
            }
        }
        return lines;
    }

    // The message of what `run` throws, or "" when it throws nothing.
    template <typename Run> static QString errorOf(Run run) {
        try {
            run();
        } catch (const data::DataError& error) {
            return QString::fromUtf8(error.what());
        }
        return {};
    }

    // `stac-fixture.sh validate KIND FILE...`: "" when valid, else what it printed.
    static QString violations(const QString& kind, const QStringList& files) {
        const auto outcome =
            runProcess(QStringLiteral("bash"), QStringList{twins::testing::stacFixtureScript(), "validate", kind} + files);
        return outcome.succeeded() ? QString() : QString::fromUtf8(outcome.output) + outcome.errors;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_directory.isValid());
        qputenv("TWINBENCH_REMOTE_CACHE", "off");
        const QString failed = twins::testing::startStacServers(
            m_directory, {"small.nc", "raster.tif", "big.zarr"}, m_nginx, m_api);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }

    void cleanupTestCase() { twins::testing::stopStacServers(m_directory, m_nginx); }

    // Each filter alone and together; the expected ids are the test's own reading of the items.
    void searchFilters_data() {
        QTest::addColumn<QStringList>("collections");
        QTest::addColumn<QString>("bbox");
        QTest::addColumn<QString>("datetime");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("collection")
            << QStringList{"raster-cog"} << ""
            << "" << QStringList{"cog-alps-2021-06-15", "cog-andes-2021-07-01"};
        QTest::newRow("bbox over the Alps")
            << QStringList{} << "0,40,20,50"
            << "" << era5Days + QStringList{"era5-month-2020-02", "cog-alps-2021-06-15"};
        QTest::newRow("bbox over Australia") << QStringList{} << "120,-30,130,-20"
                                             << "" << QStringList{"zarr-2020-01-04"};
        QTest::newRow("bbox across the antimeridian") << QStringList{} << "150,-40,-170,-20"
                                                      << "" << QStringList{"zarr-2020-01-04"};
        QTest::newRow("closed interval") << QStringList{} << ""
                                         << "2020-01-02T00:00:00Z/2020-01-04T23:59:59Z"
                                         << QStringList{"era5-2020-01-02", "era5-2020-01-03",
                                                        "era5-2020-01-04", "zarr-2020-01-04"};
        QTest::newRow("open start") << QStringList{} << ""
                                    << "../2020-01-01T23:59:59Z" << QStringList{"era5-2020-01-01"};
        QTest::newRow("open end") << QStringList{} << ""
                                  << "2021-06-20T00:00:00Z/.."
                                  << QStringList{"cog-andes-2021-07-01"};
        QTest::newRow("instant inside an item's range")
            << QStringList{} << ""
            << "2020-02-15T00:00:00Z" << QStringList{"era5-month-2020-02"};
        QTest::newRow("instant") << QStringList{} << ""
                                 << "2020-01-04T12:00:00Z" << QStringList{"zarr-2020-01-04"};
        QTest::newRow("all three") << QStringList{"era5-sample"} << "-5,40,5,45"
                                   << "2020-01-05T00:00:00Z/2020-03-01T00:00:00Z"
                                   << QStringList{"era5-2020-01-05", "era5-2020-01-06",
                                                  "era5-2020-01-07", "era5-month-2020-02"};
        QTest::newRow("nothing matches")
            << QStringList{"raster-cog"} << ""
            << "2020-01-01T00:00:00Z/2020-12-31T00:00:00Z" << QStringList{};
    }
    void searchFilters() {
        QFETCH(QStringList, collections);
        QFETCH(QString, bbox);
        QFETCH(QString, datetime);
        QFETCH(QStringList, expected);
        stac::StacSearchRequest request;
        for (const QString& id : collections) {
            request.collections.push_back(id.toStdString());
        }
        if (!bbox.isEmpty()) {
            request.bbox = stac::parseBbox(bbox.toStdString());
        }
        request.datetime = datetime.toStdString();
        try {
            const stac::StacSearchResult result = stac::searchStac(client(), api(), request);
            QCOMPARE(QString::fromStdString(result.method), QStringLiteral("POST"));
            QCOMPARE(QString::fromStdString(result.searchUrl), m_api + "/search");
            QCOMPARE(sorted(idsOf(result.items)), sorted(expected));
            QVERIFY(!result.truncated);
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
    }

    // POST paging: three pages of 3 + 3 + 3, the later requests being the first one with the
    // "next" link's body merged in (the server's log shows what was sent); a maximum stops early.
    void postPagingFollowsNextLinks() {
        stac::StacSearchRequest request;
        request.collections = {"era5-sample"};
        request.pageSize = 3;
        try {
            const int before = serverLog().size();
            const stac::StacSearchResult result = stac::searchStac(client(), api(), request);
            QCOMPARE(idsOf(result.items),
                     (era5Days + QStringList{"zarr-2020-01-04", "era5-month-2020-02"}));
            QCOMPARE(result.pages, 3);
            QCOMPARE(result.matched.value_or(0), std::uint64_t(9));
            const QList<QJsonObject> sent = serverLog().mid(before);
            QCOMPARE(sent.size(), 4); // the landing page, then three pages
            QCOMPARE(sent[0].value("path").toString(), QStringLiteral("/"));
            for (int page = 0; page < 3; ++page) {
                const QJsonObject line = sent[page + 1];
                QCOMPARE(line.value("method").toString(), QStringLiteral("POST"));
                const QJsonObject body =
                    QJsonDocument::fromJson(line.value("body").toString().toUtf8()).object();
                QCOMPARE(body.value("collections").toArray(), QJsonArray{"era5-sample"});
                QCOMPARE(body.value("limit").toInt(), 3);
                QCOMPARE(body.value("token").toInt(0), page * 3);
            }

            request.maxItems = 5;
            const stac::StacSearchResult capped =
                stac::searchStac(client(), api("/search"), request);
            QCOMPARE(idsOf(capped.items), era5Days.mid(0, 5));
            QCOMPARE(capped.pages, 2);
            QVERIFY(capped.truncated);
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
    }

    // An API offering only GET search: the query parameters, then the next links' URLs.
    void getPagingFollowsNextLinks() {
        stac::StacSearchRequest request;
        request.collections = {"era5-sample"};
        request.bbox = stac::parseBbox("0,40,20,50");
        request.pageSize = 4;
        try {
            const int before = serverLog().size();
            const stac::StacSearchResult result =
                stac::searchStac(client(), api("/get-only"), request);
            QCOMPARE(QString::fromStdString(result.method), QStringLiteral("GET"));
            QCOMPARE(idsOf(result.items), era5Days + QStringList{"era5-month-2020-02"});
            QCOMPARE(result.pages, 2);
            const QList<QJsonObject> sent = serverLog().mid(before + 1);
            QCOMPARE(sent.size(), 2);
            for (const QJsonObject& line : sent) {
                QCOMPARE(line.value("method").toString(), QStringLiteral("GET"));
                QVERIFY2(line.value("query").toString().contains("collections=era5-sample"),
                         qPrintable(line.value("query").toString()));
            }
            QVERIFY(sent[1].value("query").toString().contains("token=4"));
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
    }

    // The static catalogue: two collections, their items, asset hrefs made absolute from the
    // relative ones the files hold (over HTTP and from disk); the same walk over the API
    // (child -> items pages).
    void browseStaticCatalogue() {
        try {
            const stac::StacBrowseResult result =
                stac::browseStacCatalogue(client(), dataUrl("/stac/catalog.json"));
            QCOMPARE(QString::fromStdString(result.root.type), QStringLiteral("Catalog"));
            QCOMPARE(QString::fromStdString(result.root.id), QStringLiteral("twinbench-test"));
            QCOMPARE(result.root.children.size(), std::size_t(2));
            QCOMPARE(result.itemCount, std::size_t(11));
            QCOMPARE(result.documents, std::size_t(14)); // catalogue, 2 collections, 11 items
            const stac::StacNode& era5 = result.root.children[0];
            QCOMPARE(QString::fromStdString(era5.type), QStringLiteral("Collection"));
            QCOMPARE(QString::fromStdString(era5.id), QStringLiteral("era5-sample"));
            QCOMPARE(idsOf(era5.items),
                     (era5Days + QStringList{"zarr-2020-01-04", "era5-month-2020-02"}));
            QCOMPARE(idsOf(result.root.children[1].items),
                     (QStringList{"cog-alps-2021-06-15", "cog-andes-2021-07-01"}));
            const stac::StacItem& first = era5.items[0];
            QCOMPARE(QString::fromStdString(first.primaryAsset()->href),
                     QString::fromStdString(dataUrl("/small.nc")));
            QCOMPARE(QString::fromStdString(first.thumbnail()->href),
                     QString::fromStdString(dataUrl("/stac/thumbs/era5.png")));
            const stac::StacItem& month = era5.items[8];
            QVERIFY(month.datetime.empty());
            QCOMPARE(QString::fromStdString(month.timeText()),
                     QStringLiteral("2020-02-01T00:00:00Z/2020-02-29T23:59:59Z"));

            // The same catalogue on disk: read as files, asset hrefs become local paths.
            const QString onDisk = m_directory.filePath("data/stac/catalog.json");
            const stac::StacBrowseResult local =
                stac::browseStacCatalogue(client(), onDisk.toStdString());
            QCOMPARE(local.itemCount, std::size_t(11));
            QCOMPARE(QString::fromStdString(local.root.children[0].items[0].primaryAsset()->href),
                     m_directory.filePath("data/small.nc"));

            const stac::StacBrowseResult overApi = stac::browseStacCatalogue(client(), api());
            QCOMPARE(overApi.itemCount, std::size_t(11));
            QCOMPARE(idsOf(overApi.root.children[1].items),
                     (QStringList{"cog-alps-2021-06-15", "cog-andes-2021-07-01"}));
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
    }

    // Broken answers and documents: the message names the URL and, for a document that is not
    // STAC, the field and what was expected.
    void brokenAnswersNameUrlAndField() {
        const QString notFound = errorOf([&] { stac::searchStac(client(), api("/nowhere"), {}); });
        QVERIFY2(notFound.contains(m_api + "/nowhere") && notFound.contains("404"),
                 qPrintable(notFound));
        QVERIFY2(notFound.contains("no such resource"), qPrintable(notFound)); // server's words

        const QString cut =
            errorOf([&] { stac::searchStac(client(), api("/bad/invalid-json/search"), {}); });
        QVERIFY2(cut.startsWith(m_api + "/bad/invalid-json/search: ") &&
                     cut.contains("not valid JSON"),
                 qPrintable(cut));

        const QString noDatetime =
            errorOf([&] { stac::searchStac(client(), api("/bad/missing-datetime/search"), {}); });
        QVERIFY2(noDatetime.startsWith(m_api + "/bad/missing-datetime/search: ") &&
                     noDatetime.contains("features[1] (id era5-2020-01-02).properties.datetime") &&
                     noDatetime.contains("missing"),
                 qPrintable(noDatetime));

        const QString child = errorOf(
            [&] { stac::browseStacCatalogue(client(), dataUrl("/stac/bad/missing-child.json")); });
        QVERIFY2(child.contains(QString::fromStdString(
                     dataUrl("/stac/bad/no-such-collection/collection.json"))) &&
                     child.contains("404") &&
                     child.contains(QString::fromStdString(
                         "linked as \"child\" from " + dataUrl("/stac/bad/missing-child.json"))),
                 qPrintable(child));

        const QString noId = errorOf(
            [&] { stac::browseStacCatalogue(client(), dataUrl("/stac/bad/bad-item.json")); });
        QVERIFY2(noId.startsWith(QString::fromStdString(dataUrl("/stac/bad/missing-id.json")) +
                                 ": field id: missing"),
                 qPrintable(noId));

        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, stac::parseBbox("10,50,20"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, stac::parseBbox("0,60,10,50"));
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            stac::checkDatetimeFilter("2020-01-02T00:00:00Z/2020-01-01T00:00:00Z"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, stac::checkDatetimeFilter("2020-01-02"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, stac::checkDatetimeFilter("../.."));
    }

    // Requests follow the HTTP client's rules: plain http only to this machine, a bearer token
    // only over https or to loopback (refused before any connection); sent where allowed.
    void clientRulesApply() {
        const QString plain =
            errorOf([&] { stac::searchStac(client(), "http://192.0.2.10/stac/search", {}); });
        QVERIFY2(plain.contains("plain http:// is allowed only to this machine"),
                 qPrintable(plain));

        remote::HttpOptions options;
        options.bearerToken = "secret-token-value";
        options.allowPlainHttp = true;
        const remote::HttpClient withToken(options);
        const QString token =
            errorOf([&] { stac::searchStac(withToken, "http://192.0.2.10/stac/search", {}); });
        QVERIFY2(token.contains("refusing to send the access token"), qPrintable(token));
        QVERIFY(!token.contains("secret-token-value"));
        try {
            const int before = serverLog().size();
            stac::StacSearchRequest request;
            request.collections = {"raster-cog"};
            QCOMPARE(stac::searchStac(withToken, api("/search"), request).items.size(),
                     std::size_t(2));
            const QList<QJsonObject> sent = serverLog().mid(before);
            QCOMPARE(sent.size(), 1);
            QVERIFY(sent[0].value("bearerToken").toBool());
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
    }

    // The data asset of a found item opens through the remote-open path (Dataset by URL) with
    // the same decoded values as the local file: netCDF-4, Zarr v2 and GeoTIFF.
    void assetOpensLikeLocalFile_data() {
        QTest::addColumn<QString>("itemId");
        QTest::addColumn<QString>("file");
        QTest::newRow("netCDF-4") << "era5-2020-01-03"
                                  << "small.nc";
        QTest::newRow("Zarr v2") << "zarr-2020-01-04"
                                 << "big.zarr";
        QTest::newRow("COG") << "cog-alps-2021-06-15"
                             << "raster.tif";
    }
    void assetOpensLikeLocalFile() {
        QFETCH(QString, itemId);
        QFETCH(QString, file);
        try {
            const stac::StacSearchResult result = stac::searchStac(client(), api(), {});
            const auto found =
                std::find_if(result.items.begin(), result.items.end(),
                             [&](const auto& item) { return item.id == itemId.toStdString(); });
            QVERIFY(found != result.items.end());
            const stac::StacAsset* asset = found->primaryAsset();
            QVERIFY(asset != nullptr);
            QCOMPARE(QString::fromStdString(asset->href), m_nginx->url() + "/" + file);
            const auto remote = data::openDataset(asset->href);
            const auto local =
                data::openDataset(m_directory.filePath("data/" + file).toStdString());
            QCOMPARE(remote->format(), local->format());
            int compared = 0;
            for (const data::DatasetVariable* variable : local->variables()) {
                if (!variable->isNumeric() || variable->rank() == 0) {
                    continue;
                }
                data::Hyperslab slab; // one step of a 3-D field, all of the rest
                for (std::size_t axis = 0; axis < variable->rank(); ++axis) {
                    const bool step = variable->rank() == 3 && axis == 0 && variable->shape[0] > 2;
                    slab.start.push_back(step ? 2 : 0);
                    slab.count.push_back(step ? 1 : variable->shape[axis]);
                }
                QVERIFY2(sameValues(remote->readDecoded(remote->variable(variable->path), slab),
                                    local->readDecoded(*variable, slab)),
                         variable->path.c_str());
                ++compared;
            }
            QVERIFY(compared > 0);
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
    }

    // The schemas (written from the STAC spec, checked by python3-jsonschema): the static
    // catalogue's files, and answers of the server as the client received them; and the server
    // checked every answer it sent (its log names no violation, no 500).
    void answersPassStacSchemas() {
        const QString root = m_directory.filePath(QStringLiteral("data/stac"));
        QStringList items;
        for (const QString& collection : {"era5-sample", "raster-cog"}) {
            QDir folder(root + "/" + collection);
            for (const QString& item : folder.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
                items << folder.filePath(item + "/" + item + ".json");
            }
        }
        QCOMPARE(items.size(), 11);
        QCOMPARE(violations("item", items), QString());
        QCOMPARE(violations("catalog", {root + "/catalog.json"}), QString());
        QCOMPARE(violations("collection", {root + "/era5-sample/collection.json",
                                           root + "/raster-cog/collection.json"}),
                 QString());
        // The validator does fail: an item without an id.
        QVERIFY(violations("item", {root + "/bad/missing-id.json"}).contains("'id' is a required"));

        const auto save = [&](const QString& name, const std::string& text) -> QStringList {
            QFile file(m_directory.filePath(name));
            if (!file.open(QIODevice::WriteOnly)) {
                return {};
            }
            file.write(QByteArray::fromStdString(text));
            return {file.fileName()};
        };
        try {
            QCOMPARE(violations("landing-page", save("landing.json", client().exchangeJson(api()))),
                     QString());
            QCOMPARE(violations("collections", save("collections.json",
                                                    client().exchangeJson(api("/collections")))),
                     QString());
            const std::string page = client().exchangeJson(
                api("/search"), "{\"collections\": [\"era5-sample\"], \"limit\": 4, \"token\": 4}");
            QCOMPARE(violations("item-collection", save("page.json", page)), QString());
        } catch (const data::DataError& error) {
            QFAIL(error.what());
        }
        int checked = 0;
        for (const QJsonObject& line : serverLog()) {
            QVERIFY2(line.value("status").toInt() != 500, qPrintable(QJsonDocument(line).toJson()));
            QVERIFY2(line.value("problems").toArray().isEmpty(),
                     qPrintable(QJsonDocument(line).toJson()));
            checked += line.value("schema").isString() ? 1 : 0;
        }
        QVERIFY2(checked >= 10, qPrintable(QString::number(checked)));
    }

    // `twinbench-run stac search|browse`: items as JSON and text; usage and server errors.
    void commandLine() {
        const QString worker = QStringLiteral(TWINBENCH_WORKER_EXECUTABLE);
        const auto json = runProcess(worker, {"stac", "search", m_api, "--collections",
                                              "raster-cog,era5-sample", "--bbox", "0,40,20,50",
                                              "--datetime", "2020-01-06T00:00:00Z/..", "--json"});
        QVERIFY2(json.succeeded(), qPrintable(json.errors));
        QStringList ids;
        for (const QJsonValue& item : QJsonDocument::fromJson(json.output).array()) {
            ids << item.toObject().value("id").toString();
        }
        QCOMPARE(sorted(ids), (QStringList{"cog-alps-2021-06-15", "era5-2020-01-06",
                                           "era5-2020-01-07", "era5-month-2020-02"}));
        const QJsonObject first = QJsonDocument::fromJson(json.output).array()[0].toObject();
        QVERIFY(first.value("assets").toObject().contains("data"));
        QVERIFY(first.value("thumbnail").toString().endsWith(".png"));

        const auto limited =
            runProcess(worker, {"stac", "search", m_api, "--limit", "4", "--page-size", "3"});
        QVERIFY2(limited.succeeded(), qPrintable(limited.errors));
        QVERIFY2(
            limited.output.startsWith("4 items from " + m_api.toUtf8() + "/search (POST, 2 pages"),
            limited.output.constData());
        QVERIFY(limited.output.contains("  data: " + m_nginx->url().toUtf8() +
                                        "/small.nc "
                                        "(application/x-netcdf) [data]"));

        const auto browse = runProcess(
            worker, {"stac", "browse", QString::fromStdString(dataUrl("/stac/catalog.json"))});
        QVERIFY2(browse.succeeded(), qPrintable(browse.errors));
        QVERIFY(browse.output.contains("  Collection raster-cog \"Cloud-optimised rasters\""));
        QVERIFY(browse.output.contains("11 items in 14 documents"));

        const auto usage = runProcess(worker, {"stac", "search", m_api, "--bbox", "1,2,3"});
        QCOMPARE(usage.exitCode, 2);
        QVERIFY2(usage.errors.contains("expected four numbers"), qPrintable(usage.errors));
        const auto broken =
            runProcess(worker, {"stac", "search", m_api + "/bad/invalid-json/search"});
        QCOMPARE(broken.exitCode, 1);
        QVERIFY2(broken.errors.contains("not valid JSON"), qPrintable(broken.errors));
    }
};

QTEST_GUILESS_MAIN(StacTest)
#include "StacTest.moc"
