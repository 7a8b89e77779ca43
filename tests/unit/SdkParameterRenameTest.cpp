// Renamed parameters (ParameterSpec::formerKeys, JSON "former_keys"): a run spec or --set with
// the former name still resolves, to the new key, with a note for the run's log; both names
// at once, and a former name that clashes with a key, are refused.
#include "twinbench/sdk/ParameterSchema.h"
#include "twinbench/sdk/SdkError.h"

#include <QJsonDocument>
#include <QTest>

using namespace twins::sdk;

namespace {

ParameterSchema schema(const char* text) {
    return ParameterSchema::fromJson(QJsonDocument::fromJson(text).array(), "test.json");
}

const char* renamed = R"([
  {"key": "time_budget_minutes", "former_keys": ["max_minutes", "time_budget"],
   "type": "number", "minimum": 0, "default": 0},
  {"key": "epochs", "type": "integer", "default": 3}
])";

} // namespace

class SdkParameterRenameTest : public QObject {
    Q_OBJECT

private slots:
    void formerNameResolvesWithANote() {
        const ParameterSchema parameters = schema(renamed);
        QStringList notes;
        const QJsonObject resolved =
            parameters.resolve(QJsonObject{{"max_minutes", 30}, {"epochs", 5}}, &notes);
        QCOMPARE(resolved.value("time_budget_minutes").toDouble(), 30.0);
        QVERIFY(!resolved.contains("max_minutes"));
        QCOMPARE(notes, QStringList{"parameter 'max_minutes' is now called "
                                    "'time_budget_minutes'; its value 30 was used for "
                                    "'time_budget_minutes'"});
        // The new name: no note. Without notes requested: the same values.
        notes.clear();
        QCOMPARE(parameters.resolve(QJsonObject{{"time_budget_minutes", 2}}, &notes)
                     .value("time_budget_minutes")
                     .toDouble(),
                 2.0);
        QVERIFY(notes.isEmpty());
        QCOMPARE(parameters.resolve(QJsonObject{{"time_budget", 4}})
                     .value("time_budget_minutes")
                     .toDouble(),
                 4.0);
        // --set with the former name parses as the parameter's type and range.
        QCOMPARE(parameters.parseValue("time_budget", "1.5").toDouble(), 1.5);
        QVERIFY_THROWS_EXCEPTION(SdkError, parameters.parseValue("time_budget", "-1"));
        // The former name is checked like the new one.
        QVERIFY_THROWS_EXCEPTION(SdkError, parameters.resolve(QJsonObject{{"max_minutes", -2}}));
        // The metadata keeps the former names (describe, the GUI's form).
        QCOMPARE(
            parameters.find("time_budget_minutes")->toJson().value("former_keys").toArray().size(),
            2);
    }

    void bothNamesOrClashesAreRefused() {
        const ParameterSchema parameters = schema(renamed);
        try {
            parameters.resolve(QJsonObject{{"max_minutes", 1}, {"time_budget_minutes", 2}});
            QFAIL("both names at once must be refused");
        } catch (const SdkError& error) {
            QCOMPARE(error.message(),
                     QStringLiteral("parameter 'max_minutes': is the former name of "
                                    "'time_budget_minutes', which is given too; keep only "
                                    "'time_budget_minutes'"));
        }
        QVERIFY_THROWS_EXCEPTION(SdkError, schema(R"([
          {"key": "a", "type": "number", "former_keys": ["b"]},
          {"key": "b", "type": "number"}])"));
        QVERIFY_THROWS_EXCEPTION(SdkError, schema(R"([
          {"key": "a", "type": "number", "former_keys": ["2x"]}])"));
    }
};

QTEST_GUILESS_MAIN(SdkParameterRenameTest)
#include "SdkParameterRenameTest.moc"
