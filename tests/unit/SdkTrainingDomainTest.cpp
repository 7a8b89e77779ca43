// The training-domain check every inference runs (twins/sdk TrainingDomain): each kind of
// dimension a model card holds (range, exact setting, period, categories) is inside when asked
// within it and a departure naming the dimension, the trained and the requested value when not;
// unstated dimensions are listed as unchecked, never called inside; domain.json round-trips.
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TrainingDomain.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace twins::sdk;

namespace {

// The dimensions the shipped twins declare: calogan energy and angle, cyclone grid, wildfire
// period and scenario, and a world category.
QJsonObject trained() {
    return QJsonObject{
        {"energy_gev", QJsonArray{100, 200}},   {"theta_rad", QJsonArray{1.3, 1.8}},
        {"resolution_degrees", 0.25},           {"period", QJsonArray{"2001-01-01", "2016-12-31"}},
        {"scenario", QJsonArray{"historical"}}, {"world", "standard"}};
}

DomainCheck checkOne(const char* dimension, const QJsonValue& requested) {
    return checkTrainingDomain(trained(), QJsonObject{{QLatin1String(dimension), requested}});
}

} // namespace

class SdkTrainingDomainTest : public QObject {
    Q_OBJECT

private slots:
    void everyKindInside() {
        const DomainCheck check = checkTrainingDomain(
            trained(), QJsonObject{{"energy_gev", QJsonArray{120, 200}},
                                   {"theta_rad", 1.5},
                                   {"resolution_degrees", 0.25},
                                   {"period", QJsonArray{"2005-08-01", "2005-09-30"}},
                                   {"scenario", "historical"},
                                   {"world", QJsonArray{"standard"}}});
        QVERIFY2(check.inside(), qPrintable(check.summary()));
        QCOMPARE(check.checked.size(), 6);
        QVERIFY(check.unchecked.isEmpty());
        QVERIFY(check.summary().isEmpty());
    }

    void everyDimensionFlaggedOutside_data() {
        QTest::addColumn<QString>("dimension");
        QTest::addColumn<QJsonValue>("requested");
        QTest::addColumn<QString>("trainedText");
        QTest::newRow("energy above")
            << "energy_gev" << QJsonValue(QJsonArray{150, 600}) << "[100, 200]";
        QTest::newRow("energy below") << "energy_gev" << QJsonValue(50.0) << "[100, 200]";
        QTest::newRow("angle") << "theta_rad" << QJsonValue(QJsonArray{1.0, 1.5}) << "[1.3, 1.8]";
        QTest::newRow("grid") << "resolution_degrees" << QJsonValue(1.0) << "0.25";
        QTest::newRow("period after")
            << "period" << QJsonValue(QJsonArray{"2019-01-01", "2021-12-31"})
            << "[2001-01-01, 2016-12-31]";
        QTest::newRow("one date before")
            << "period" << QJsonValue("1999-06-01") << "[2001-01-01, 2016-12-31]";
        QTest::newRow("scenario") << "scenario" << QJsonValue("ssp585") << "[historical]";
        QTest::newRow("one of two scenarios")
            << "scenario" << QJsonValue(QJsonArray{"historical", "ssp245"}) << "[historical]";
        QTest::newRow("world") << "world" << QJsonValue("harder") << "standard";
    }

    void everyDimensionFlaggedOutside() {
        QFETCH(QString, dimension);
        QFETCH(QJsonValue, requested);
        QFETCH(QString, trainedText);
        const DomainCheck check = checkOne(qPrintable(dimension), requested);
        QVERIFY(!check.inside());
        QCOMPARE(check.departures.size(), 1);
        QCOMPARE(check.departures[0].dimension, dimension);
        QCOMPARE(check.departures[0].trained, trainedText);
        QVERIFY2(check.summary().startsWith(dimension + QStringLiteral(": requested ")),
                 qPrintable(check.summary()));
        QCOMPARE(check.unchecked.size(), 5); // the five dimensions not asked about
    }

    void boundsAreInside() {
        QVERIFY(checkOne("energy_gev", QJsonArray{100, 200}).inside());
        QVERIFY(checkOne("period", QJsonArray{"2001-01-01", "2016-12-31"}).inside());
        QVERIFY(checkOne("resolution_degrees", 0.25 + 1e-12).inside());
    }

    void incomparableRequestIsADepartureSayingWhy() {
        const DomainCheck check = checkOne("energy_gev", "lots");
        QVERIFY(!check.inside());
        QVERIFY2(check.departures[0].requested.contains("not a number"),
                 qPrintable(check.departures[0].requested));
        QVERIFY(!checkOne("period", "last summer").inside());
    }

    void dimensionTheModelNeverSawIsADeparture() {
        const DomainCheck check =
            checkTrainingDomain(QJsonObject{{"rows", 180}}, QJsonObject{{"scenario", "ssp245"}});
        QVERIFY(!check.inside());
        QCOMPARE(check.departures[0].trained, QStringLiteral("not in the training domain"));
        QCOMPARE(check.unchecked, QStringList{"rows"});
    }

    void writtenBesideTheResultsAndReadBack() {
        QTemporaryDir model;
        QTemporaryDir run;
        QFile card(QDir(model.path()).filePath("model.json"));
        QVERIFY(card.open(QIODevice::WriteOnly));
        card.write(QJsonDocument(
                       QJsonObject{{"format", "twinbench-model/1"}, {"training_domain", trained()}})
                       .toJson());
        card.close();
        const QJsonObject domain = readTrainingDomain(model.path());
        QCOMPARE(domain, trained());
        const DomainCheck check =
            writeDomainCheck(run.path(), QStringLiteral("model-run"), domain,
                             QJsonObject{{"scenario", "ssp370"}, {"energy_gev", 150}});
        QFile written(QDir(run.path()).filePath(QString::fromLatin1(domainCheckFileName)));
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(written.readAll()).object();
        QCOMPARE(json.value("format").toString(), QString::fromLatin1(domainCheckFormat));
        QCOMPARE(json.value("inside").toBool(), check.inside());
        QCOMPARE(json.value("inside").toBool(), false);
        QCOMPARE(json.value("model").toString(), QStringLiteral("model-run"));
        QCOMPARE(json.value("departures").toArray().size(), 1);
        QCOMPARE(json.value("departures").toArray()[0].toObject().value("dimension").toString(),
                 QStringLiteral("scenario"));
        QCOMPARE(json.value("unchecked").toArray().size(), 4);
    }

    void unreadableModelCardNamesTheFile() {
        QTemporaryDir model;
        try {
            readTrainingDomain(model.path());
            QFAIL("a missing model.json was read");
        } catch (const SdkError& error) {
            QVERIFY2(error.message().contains("model.json"), qPrintable(error.message()));
        }
    }
};

QTEST_GUILESS_MAIN(SdkTrainingDomainTest)
#include "SdkTrainingDomainTest.moc"
