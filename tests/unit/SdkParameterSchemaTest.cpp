// The typed parameter schema: parsing the JSON form (and refusing malformed entries with the
// entry named), resolving a run's parameters (defaults filled; out-of-range, bad enum, wrong
// type, non-integer, unknown and missing keys refused with key, value and expectation named),
// and --set text parsing per type.
#include "twinbench/sdk/ParameterSchema.h"
#include "twinbench/sdk/SdkError.h"

#include <QJsonDocument>
#include <QTest>

using namespace twins::sdk;

namespace {

QJsonArray parseArray(const char* text) {
    return QJsonDocument::fromJson(text).array();
}

const char* sampleSchema = R"([
  {"key": "size", "label": "Grid size", "type": "integer", "minimum": 2, "maximum": 4096,
   "default": 16, "help": "points per side"},
  {"key": "amplitude", "type": "number", "unit": "K", "minimum": 0, "maximum": 100,
   "default": 1.0},
  {"key": "pattern", "type": "enum", "choices": ["gradient", "checker"], "default": "gradient"},
  {"key": "smooth", "type": "bool", "default": false},
  {"key": "period", "type": "date_range", "default": "2017-09-01/2017-09-30"},
  {"key": "weights", "type": "path"},
  {"key": "note", "type": "string", "default": ""}
])";

ParameterSchema sample() {
    return ParameterSchema::fromJson(parseArray(sampleSchema), QStringLiteral("sample.json"));
}

// Runs `call`, expecting an SdkError whose message contains every one of `fragments`.
template <typename Call> QString expectError(Call call, const QStringList& fragments) {
    try {
        call();
    } catch (const SdkError& error) {
        const QString message = error.message();
        for (const QString& fragment : fragments) {
            if (!message.contains(fragment)) {
                return QStringLiteral("message '%1' lacks '%2'").arg(message, fragment);
            }
        }
        return {};
    }
    return QStringLiteral("no SdkError thrown");
}

#define VERIFY_ERROR(call, ...)                                                                    \
    do {                                                                                           \
        const QString problem = expectError([&] { call; }, __VA_ARGS__);                           \
        QVERIFY2(problem.isEmpty(), qPrintable(problem));                                          \
    } while (false)

} // namespace

class SdkParameterSchemaTest : public QObject {
    Q_OBJECT

private slots:
    void parsesEveryTypeAndRoundTrips() {
        const ParameterSchema schema = sample();
        QCOMPARE(schema.parameters().size(), 7);
        const ParameterSpec* size = schema.find("size");
        QVERIFY(size);
        QCOMPARE(size->type, ParameterType::Integer);
        QCOMPARE(size->label, QString("Grid size"));
        QCOMPARE(*size->minimum, 2.0);
        QCOMPARE(*size->maximum, 4096.0);
        QCOMPARE(size->defaultValue.toInteger(), 16);
        QCOMPARE(schema.find("amplitude")->unit, QString("K"));
        QCOMPARE(schema.find("amplitude")->label, QString("amplitude")); // label defaults to key
        QCOMPARE(schema.find("pattern")->choices, QStringList({"gradient", "checker"}));
        QVERIFY(schema.find("weights")->isRequired());
        QVERIFY(!schema.find("note")->isRequired()); // an empty default is still a default
        QVERIFY(!schema.find("nosuch"));

        const ParameterSchema again = ParameterSchema::fromJson(schema.toJson(), "round trip");
        QCOMPARE(again.toJson(), schema.toJson());
    }

    void resolveFillsDefaultsAndKeepsGivenValues() {
        const QJsonObject resolved =
            sample().resolve({{"size", 64}, {"pattern", "checker"}, {"weights", "/w.pt"}});
        QCOMPARE(resolved.value("size").toInteger(), 64);
        QCOMPARE(resolved.value("pattern").toString(), QString("checker"));
        QCOMPARE(resolved.value("amplitude").toDouble(), 1.0);
        QCOMPARE(resolved.value("smooth").toBool(), false);
        QCOMPARE(resolved.value("period").toString(), QString("2017-09-01/2017-09-30"));
        QCOMPARE(resolved.size(), 7);
        // An integral number is a fine integer; it comes back as a whole number.
        QCOMPARE(sample().resolve({{"size", 32.0}, {"weights", "w"}}).value("size").toInteger(),
                 32);
    }

    void resolveRefusesBadValuesNamingKeyValueAndExpectation() {
        const ParameterSchema schema = sample();
        const QJsonObject base{{"weights", "/w.pt"}};
        auto with = [&](const QString& key, const QJsonValue& value) {
            QJsonObject given = base;
            given.insert(key, value);
            return given;
        };
        VERIFY_ERROR(schema.resolve(with("size", 9000)),
                     {"'size'", "9000", "out of range", "an integer in [2, 4096]"});
        VERIFY_ERROR(schema.resolve(with("size", 1)), {"'size'", "1 is out of range"});
        VERIFY_ERROR(schema.resolve(with("size", 3.5)), {"'size'", "3.5", "not an integer"});
        VERIFY_ERROR(schema.resolve(with("size", "16")), {"'size'", "'16'", "not an integer"});
        VERIFY_ERROR(schema.resolve(with("amplitude", 100.5)),
                     {"'amplitude'", "100.5", "a number in [0, 100] K"});
        VERIFY_ERROR(schema.resolve(with("amplitude", true)), {"'amplitude'", "not a finite"});
        VERIFY_ERROR(schema.resolve(with("pattern", "stripes")),
                     {"'pattern'", "'stripes'", "one of gradient, checker"});
        VERIFY_ERROR(schema.resolve(with("smooth", "yes")), {"'smooth'", "true or false"});
        VERIFY_ERROR(schema.resolve(with("period", "2017-09-30/2017-09-01")),
                     {"'period'", "date range"});
        VERIFY_ERROR(schema.resolve(with("period", "last week")), {"'period'", "'last week'"});
        VERIFY_ERROR(schema.resolve(with("weights", "  ")), {"'weights'", "path"});
        VERIFY_ERROR(schema.resolve(with("sise", 16)),
                     {"'sise'", "unknown parameter", "size, amplitude"});
        VERIFY_ERROR(schema.resolve({}), {"'weights'", "required"});
    }

    void parsesSetTextPerType() {
        const ParameterSchema schema = sample();
        QCOMPARE(schema.parseValue("size", "128").toInteger(), 128);
        QCOMPARE(schema.parseValue("amplitude", " 2.5e1 ").toDouble(), 25.0);
        QCOMPARE(schema.parseValue("smooth", "yes").toBool(), true);
        QCOMPARE(schema.parseValue("smooth", "OFF").toBool(), false);
        QCOMPARE(schema.parseValue("pattern", "checker").toString(), QString("checker"));
        QCOMPARE(schema.parseValue("period", "2017-09-01T00:00Z/2017-09-02").toString(),
                 QString("2017-09-01T00:00Z/2017-09-02"));
        QCOMPARE(schema.parseValue("note", " spaced ").toString(), QString(" spaced "));

        VERIFY_ERROR(schema.parseValue("size", "12.5"), {"'size'", "'12.5'", "not an integer"});
        VERIFY_ERROR(schema.parseValue("size", "lots"), {"'size'", "'lots'"});
        VERIFY_ERROR(schema.parseValue("size", "0"), {"'size'", "out of range"});
        VERIFY_ERROR(schema.parseValue("amplitude", "1,5"), {"'amplitude'", "'1,5'"});
        VERIFY_ERROR(schema.parseValue("amplitude", "nan"), {"'amplitude'"});
        VERIFY_ERROR(schema.parseValue("smooth", "maybe"), {"'smooth'", "'maybe'"});
        VERIFY_ERROR(schema.parseValue("pattern", "stripes"), {"'pattern'", "gradient, checker"});
        VERIFY_ERROR(schema.parseValue("colour", "red"), {"'colour'", "unknown parameter"});
    }

    void refusesMalformedSchemaEntries() {
        auto parse = [](const char* text) {
            ParameterSchema::fromJson(parseArray(text), QStringLiteral("bad.json"));
        };
        VERIFY_ERROR(parse(R"([{"key": "a", "type": "float"}])"),
                     {"bad.json", "parameters[0]", "'float'", "number, integer"});
        VERIFY_ERROR(parse(R"([{"type": "number"}])"), {"parameters[0]", "'key'"});
        VERIFY_ERROR(parse(R"([{"key": "2x", "type": "number"}])"), {"'key'", "'2x'"});
        VERIFY_ERROR(parse(R"([{"key": "e", "type": "enum"}])"), {"('e')", "choices"});
        VERIFY_ERROR(parse(R"([{"key": "n", "type": "number", "defualt": 1}])"),
                     {"('n')", "unknown field 'defualt'"});
        VERIFY_ERROR(parse(R"([{"key": "n", "type": "integer", "minimum": 5, "maximum": 1}])"),
                     {"('n')", "minimum 5 is greater than maximum 1"});
        VERIFY_ERROR(parse(R"([{"key": "n", "type": "integer", "maximum": 10, "default": 11}])"),
                     {"('n')", "bad default", "11"});
        VERIFY_ERROR(parse(R"([{"key": "s", "type": "string", "minimum": 1}])"),
                     {"('s')", "minimum/maximum"});
        VERIFY_ERROR(parse(R"([{"key": "a", "type": "bool"}, {"key": "a", "type": "bool"}])"),
                     {"parameters[1]", "'a' is declared twice"});
        VERIFY_ERROR(parse(R"([3])"), {"parameters[0]", "object"});
    }

    void subsetKeepsOrderAndRefusesUnknownKeys() {
        const ParameterSchema subset = sample().subset({"pattern", "size"}, "action generate");
        QCOMPARE(subset.keys(), QStringList({"pattern", "size"}));
        VERIFY_ERROR(sample().subset({"size", "colour"}, "action generate"),
                     {"action generate", "'colour'"});
    }
};

QTEST_GUILESS_MAIN(SdkParameterSchemaTest)
#include "SdkParameterSchemaTest.moc"
