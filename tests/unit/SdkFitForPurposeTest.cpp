// A twin's fit-for-purpose thresholds (metadata "fit_for_purpose"): read with their bound and
// reason, judged pass/fail, and every malformed one refused naming the plugin, the entry and
// what is wrong; the shipped twins' thresholds name metrics their validate actions report.
#include "twinbench/sdk/ModuleMetadata.h"
#include "twinbench/sdk/SdkError.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>

using namespace twins::sdk;

namespace {

QJsonObject metaData(const QJsonArray& thresholds) {
    QJsonObject json{
        {"id", "wave"},
        {"name", "Wave twin"},
        {"domain", "ocean"},
        {"version", "1"},
        {"abiVersion", 1},
        {"actions", QJsonArray{QJsonObject{{"id", "train"}}, QJsonObject{{"id", "validate"}}}}};
    json.insert("fit_for_purpose", thresholds);
    return json;
}

QString refusal(const QJsonObject& threshold) {
    try {
        ModuleMetadata::fromJson(metaData(QJsonArray{threshold}), QStringLiteral("wave.so"));
    } catch (const SdkError& error) {
        return error.message();
    }
    return QStringLiteral("(accepted)");
}

QJsonObject shippedMetaData(const char* relativePath) {
    QFile file(QStringLiteral(TWINBENCH_SOURCE_DIR "/") + QLatin1String(relativePath));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class SdkFitForPurposeTest : public QObject {
    Q_OBJECT

private slots:
    void readsThresholdsAndJudgesThem() {
        const ModuleMetadata module = ModuleMetadata::fromJson(
            metaData(
                QJsonArray{QJsonObject{{"metric", "pod"},
                                       {"at_least", 0.9},
                                       {"from", "validate"},
                                       {"why", "issue 17"}},
                           QJsonObject{{"metric", "far"}, {"at_most", 0.1}, {"from", "validate"}},
                           QJsonObject{{"metric", "loss"}, {"at_most", 2}, {"from", "train"}}}),
            QStringLiteral("wave.so"));
        QCOMPARE(module.fitForPurpose.size(), 3);
        const FitnessThreshold& pod = module.fitForPurpose.at(0);
        QCOMPARE(pod.metric, QStringLiteral("pod"));
        QVERIFY(pod.atLeast);
        QCOMPARE(pod.bound, 0.9);
        QCOMPARE(pod.from, QStringLiteral("validate"));
        QCOMPARE(pod.why, QStringLiteral("issue 17"));
        QCOMPARE(pod.text(), QStringLiteral("pod >= 0.9"));
        QVERIFY(pod.passes(0.9));
        QVERIFY(pod.passes(0.95));
        QVERIFY(!pod.passes(0.89));
        QVERIFY(!pod.passes(std::nan("")));
        const FitnessThreshold& far = module.fitForPurpose.at(1);
        QVERIFY(!far.atLeast);
        QCOMPARE(far.text(), QStringLiteral("far <= 0.1"));
        QVERIFY(far.passes(0.1));
        QVERIFY(!far.passes(0.11));
        QVERIFY(far.why.isEmpty());
        // Written back as read, so the GUI and describe show what the plugin declared.
        const ModuleMetadata again =
            ModuleMetadata::fromJson(module.toJson(), QStringLiteral("again"));
        QCOMPARE(again.fitForPurpose.size(), 3);
        QCOMPARE(again.fitForPurpose.at(1).text(), far.text());
        QCOMPARE(again.fitForPurpose.at(0).why, pod.why);
        // Optional: a twin without thresholds still loads.
        QJsonObject none = metaData({});
        none.remove("fit_for_purpose");
        QVERIFY(ModuleMetadata::fromJson(none, QStringLiteral("wave.so")).fitForPurpose.isEmpty());
    }

    void refusesMalformedThresholds() {
        const QString neither = refusal(QJsonObject{{"metric", "pod"}, {"from", "validate"}});
        QVERIFY2(neither.contains(QStringLiteral("wave.so: fit_for_purpose[0]")) &&
                     neither.contains(QStringLiteral("names neither of 'at_least' and "
                                                     "'at_most'")),
                 qPrintable(neither));
        const QString both = refusal(QJsonObject{
            {"metric", "pod"}, {"at_least", 0.9}, {"at_most", 1.0}, {"from", "validate"}});
        QVERIFY2(both.contains(QStringLiteral("names both of 'at_least' and 'at_most'")) &&
                     both.contains(QStringLiteral("a range is two thresholds")),
                 qPrintable(both));
        const QString text =
            refusal(QJsonObject{{"metric", "pod"}, {"at_least", "0.9"}, {"from", "validate"}});
        QVERIFY2(text.contains(QStringLiteral("field 'at_least' must be a finite number")),
                 qPrintable(text));
        const QString action =
            refusal(QJsonObject{{"metric", "pod"}, {"at_least", 0.9}, {"from", "infer"}});
        QVERIFY2(action.contains(QStringLiteral("names action 'infer' in 'from', which the module "
                                                "does not declare")),
                 qPrintable(action));
        const QString noFrom = refusal(QJsonObject{{"metric", "pod"}, {"at_least", 0.9}});
        QVERIFY2(noFrom.contains(QStringLiteral("field 'from' must be non-empty text")),
                 qPrintable(noFrom));
        const QString noMetric = refusal(QJsonObject{{"at_least", 0.9}, {"from", "validate"}});
        QVERIFY2(noMetric.contains(QStringLiteral("field 'metric' must be non-empty text")),
                 qPrintable(noMetric));
        const QString misspelt =
            refusal(QJsonObject{{"metric", "pod"}, {"atleast", 0.9}, {"from", "validate"}});
        QVERIFY2(misspelt.contains(QStringLiteral("unknown field 'atleast'")),
                 qPrintable(misspelt));
        const QJsonObject pod{{"metric", "pod"}, {"at_least", 0.9}, {"from", "validate"}};
        QString twice;
        try {
            ModuleMetadata::fromJson(metaData(QJsonArray{pod, pod}), QStringLiteral("wave.so"));
        } catch (const SdkError& error) {
            twice = error.message();
        }
        QVERIFY2(twice.contains(QStringLiteral("fit_for_purpose[1]")) &&
                     twice.contains(QStringLiteral("bounds 'pod' from action 'validate' twice")),
                 qPrintable(twice));
        QString notArray;
        QJsonObject json = metaData({});
        json.insert("fit_for_purpose", QJsonObject{{"metric", "pod"}});
        try {
            ModuleMetadata::fromJson(json, QStringLiteral("wave.so"));
        } catch (const SdkError& error) {
            notArray = error.message();
        }
        QVERIFY2(notArray.contains(QStringLiteral("field 'fit_for_purpose' must be an array")),
                 qPrintable(notArray));
    }

    // The shipped twins declare their issues' targets on metrics their validate actions report
    // (cyclone ValidateAction: pod, far; calogan ValidateAction: the worst energy bin's errors).
    void shippedTwinsDeclareTheirTargets() {
        const ModuleMetadata cyclone = ModuleMetadata::fromJson(
            shippedMetaData("plugins/cyclone/cyclone.json"), QStringLiteral("cyclone.json"));
        QStringList texts;
        for (const FitnessThreshold& threshold : cyclone.fitForPurpose) {
            QCOMPARE(threshold.from, QStringLiteral("validate"));
            texts << threshold.text();
        }
        QCOMPARE(texts, QStringList({"pod >= 0.9", "far <= 0.1"}));
        const ModuleMetadata calogan = ModuleMetadata::fromJson(
            shippedMetaData("plugins/calogan/calogan.json"), QStringLiteral("calogan.json"));
        texts.clear();
        for (const FitnessThreshold& threshold : calogan.fitForPurpose) {
            QCOMPARE(threshold.from, QStringLiteral("validate"));
            texts << threshold.text();
        }
        QCOMPARE(texts, QStringList({"sampling_fraction_max_error <= 0.05",
                                     "longitudinal_profile_max_error <= 0.1"}));
    }
};

QTEST_GUILESS_MAIN(SdkFitForPurposeTest)
#include "SdkFitForPurposeTest.moc"
