// `twinbench-run modules` and `describe` through the real executable: listing with refusals on
// stderr (exit 0), JSON that reads back into ModuleMetadata, and an unknown module naming the
// known ones (exit 1).
#include "twinbench/sdk/ModuleMetadata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

namespace {

struct Outcome {
    int exitCode = -1;
    QString output;
    QString errors;
};

Outcome runWorker(const QStringList& arguments, const QString& pluginPath) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("TWINBENCH_PLUGIN_PATH", pluginPath);
    environment.insert("TWINBENCH_PLUGIN_PATH_ONLY", "1"); // no real twins from the build tree
    process.setProcessEnvironment(environment);
    process.start(TWINBENCH_WORKER_EXECUTABLE, arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

const QString pluginDirectory = QStringLiteral(TWINBENCH_TEST_PLUGIN_DIR);
const QString withBroken =
    pluginDirectory + QStringLiteral(":") + pluginDirectory + QStringLiteral("/broken");

} // namespace

class SdkModuleCommandsTest : public QObject {
    Q_OBJECT

private slots:
    void modulesListsTwinsAndRefusals() {
        const Outcome outcome = runWorker({"modules"}, withBroken);
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.output.contains("testtwin") && outcome.output.contains("Test twin") &&
                     outcome.output.contains("generate, sleep, fail, sum"),
                 qPrintable(outcome.output));
        QVERIFY(!outcome.output.contains("futureabi"));
        QVERIFY2(outcome.errors.contains("futureabi.so: declares module ABI version 999"),
                 qPrintable(outcome.errors));
        QVERIFY(outcome.errors.contains("brokenmetadata.so: field 'id'"));
        QVERIFY(outcome.errors.contains("otheriid.so: declares plugin IID"));
    }

    void modulesJson() {
        const Outcome outcome = runWorker({"modules", "--json"}, withBroken);
        QCOMPARE(outcome.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
        const QJsonArray modules = json.value("modules").toArray();
        QCOMPARE(modules.size(), 1);
        QCOMPARE(modules[0].toObject().value("id").toString(), QString("testtwin"));
        QCOMPARE(modules[0].toObject().value("actions").toArray().size(), 6);
        QCOMPARE(json.value("refused").toArray().size(), 3);
        QCOMPARE(json.value("search_paths").toArray()[0].toString(), pluginDirectory);
    }

    void describeShowsParametersActionsAndResults() {
        const Outcome outcome = runWorker({"describe", "testtwin"}, pluginDirectory);
        QCOMPARE(outcome.exitCode, 0);
        for (const char* expected :
             {"testtwin: Test twin (testing, version 1.0.0, module ABI 1)",
              "an integer in [2, 4096], default 16", "a number in [0, 100] K, default 1",
              "one of gradient, checker, default 'gradient'",
              "parameters: size, amplitude, pattern", "field_stats",
              "map           field.nc:field from action generate",
              "Number of grid points along x and along y."}) {
            QVERIFY2(outcome.output.contains(expected), expected);
        }
    }

    void describeJsonReadsBack() {
        const Outcome outcome = runWorker({"describe", "testtwin", "--json"}, pluginDirectory);
        QCOMPARE(outcome.exitCode, 0);
        QJsonObject json = QJsonDocument::fromJson(outcome.output.toUtf8()).object();
        QVERIFY(json.value("library").toString().endsWith("/testtwin.so"));
        json.remove("library");
        twins::sdk::ModuleMetadata metadata;
        try {
            metadata = twins::sdk::ModuleMetadata::fromJson(json, "describe --json");
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
        QCOMPARE(metadata.id, QString("testtwin"));
        QCOMPARE(metadata.parameters.find("pattern")->choices,
                 QStringList({"gradient", "checker"}));
        QCOMPARE(metadata.results.size(), 2);
    }

    void describeUnknownModuleListsKnownOnes() {
        const Outcome outcome = runWorker({"describe", "no_such_twin"}, pluginDirectory);
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.errors.contains("module 'no_such_twin': not found; known modules: ") &&
                     outcome.errors.contains("testtwin"),
                 qPrintable(outcome.errors));
        QCOMPARE(runWorker({"describe"}, pluginDirectory).exitCode, 2);
        QCOMPARE(runWorker({"modules", "--verbose"}, pluginDirectory).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(SdkModuleCommandsTest)
#include "SdkModuleCommandsTest.moc"
