// The module catalog and loader against the real test plugins: scanning reads metadata without
// mapping the library (checked in /proc/self/maps, which does show it once loaded); broken
// plugins and duplicate ids are refused with reasons while the others stay listed; loading
// checks the interface; the loaded testtwin runs an action in-process and answers a query.
#include "TestFiles.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/sdk/BuildConfig.h"
#include "twinbench/sdk/ModuleLoader.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace twins::sdk;

namespace {

const QString pluginDirectory = QStringLiteral(TWINBENCH_TEST_PLUGIN_DIR);
const QString brokenDirectory = pluginDirectory + QStringLiteral("/broken");
const QString testTwinPath = pluginDirectory + QStringLiteral("/testtwin.so");

bool isMapped(const QString& libraryPath) {
    const QByteArray maps = twins::testing::readBytes(QStringLiteral("/proc/self/maps"));
    return maps.contains(QFile::encodeName(QFileInfo(libraryPath).canonicalFilePath()));
}

const RefusedPlugin* refusalOf(const ModuleCatalog& catalog, const QString& fileName) {
    for (const RefusedPlugin& refused : catalog.refused()) {
        if (QFileInfo(refused.libraryPath).fileName() == fileName) {
            return &refused;
        }
    }
    return nullptr;
}

// An ActionContext that keeps everything in memory, as a unit test of a plugin would.
class RecordingContext : public ActionContext {
public:
    QJsonObject parameterValues;
    QString outputs;
    QList<double> progress;
    QList<QPair<QString, double>> metrics;
    QStringList lines;

    QJsonObject parameters() const override { return parameterValues; }
    QStringList inputs() const override { return {}; }
    QString outputDirectory() const override { return outputs; }
    QString workDirectory() const override { return outputs; }
    void reportProgress(double fraction, const QString&) override { progress.append(fraction); }
    void reportMetric(qint64, const QString& name, double value) override {
        metrics.append({name, value});
    }
    void log(const QString& line) override { lines.append(line); }
    bool isCancelled() const override { return false; }
};

} // namespace

class SdkModuleCatalogTest : public QObject {
    Q_OBJECT

private slots:
    // First on purpose: nothing in this process has loaded a plugin yet.
    void scanningDoesNotLoadLibraries() {
        QVERIFY2(QFileInfo::exists(testTwinPath), qPrintable(testTwinPath));
        QVERIFY(!isMapped(testTwinPath));
        const ModuleCatalog catalog = ModuleCatalog::scan({pluginDirectory, brokenDirectory});
        QVERIFY(catalog.find("testtwin"));
        QVERIFY2(!isMapped(testTwinPath), "scan() mapped the plugin library");
        for (const RefusedPlugin& refused : catalog.refused()) {
            QVERIFY2(!isMapped(refused.libraryPath), qPrintable(refused.libraryPath));
        }
    }

    void listsTestTwinFromMetadata() {
        const ModuleCatalog catalog = ModuleCatalog::scan({pluginDirectory});
        QCOMPARE(catalog.moduleIds(), QStringList({"testtwin"}));
        QVERIFY(catalog.refused().isEmpty());
        const ModuleEntry& entry = catalog.require("testtwin");
        QCOMPARE(entry.libraryPath, QFileInfo(testTwinPath).canonicalFilePath());
        QCOMPARE(entry.metadata.name, QString("Test twin"));
        QCOMPARE(entry.metadata.domain, QString("testing"));
        QCOMPARE(entry.metadata.actionIds(),
                 QStringList({"generate", "sleep", "fail", "sum", "fit", "predict"}));
        QCOMPARE(entry.metadata.actionParameters("generate").keys(),
                 QStringList({"size", "amplitude", "pattern"}));
        QCOMPARE(entry.metadata.parameters.find("amplitude")->unit, QString("K"));
        QCOMPARE(entry.metadata.parameters.find("size")->defaultValue.toInteger(), 16);
        QVERIFY(entry.metadata.findQuery("field_stats"));
    }

    void refusesBrokenPluginsAndKeepsTheOthers() {
        const ModuleCatalog catalog = ModuleCatalog::scan({pluginDirectory, brokenDirectory});
        QCOMPARE(catalog.moduleIds(), QStringList({"testtwin"}));
        QCOMPARE(catalog.refused().size(), 3);
        const RefusedPlugin* malformed = refusalOf(catalog, "brokenmetadata.so");
        QVERIFY(malformed);
        QVERIFY2(malformed->reason.contains("field 'id' must be non-empty text"),
                 qPrintable(malformed->reason));
        const RefusedPlugin* future = refusalOf(catalog, "futureabi.so");
        QVERIFY(future);
        QVERIFY2(future->reason.contains("ABI version 999"), qPrintable(future->reason));
        const RefusedPlugin* other = refusalOf(catalog, "otheriid.so");
        QVERIFY(other);
        QVERIFY2(other->reason.contains("'org.example.NotATwin/1'"), qPrintable(other->reason));
    }

    void refusesDuplicateIdsEarlierDirectoryWins() {
        QTemporaryDir first;
        QTemporaryDir second;
        QVERIFY(QFile::copy(testTwinPath, first.filePath("testtwin.so")));
        QVERIFY(QFile::copy(testTwinPath, second.filePath("another.so")));
        const ModuleCatalog catalog = ModuleCatalog::scan({first.path(), second.path()});
        QCOMPARE(catalog.moduleIds(), QStringList({"testtwin"}));
        QCOMPARE(catalog.find("testtwin")->libraryPath,
                 QFileInfo(first.filePath("testtwin.so")).canonicalFilePath());
        QCOMPARE(catalog.refused().size(), 1);
        QVERIFY2(catalog.refused()[0].reason.contains("duplicate module id 'testtwin'"),
                 qPrintable(catalog.refused()[0].reason));
        // The same directory twice is one directory, not a duplicate.
        QVERIFY(ModuleCatalog::scan({first.path(), first.path()}).refused().isEmpty());
    }

    void missingModuleNamesTheKnownOnes() {
        const ModuleCatalog catalog = ModuleCatalog::scan({pluginDirectory, "/nonexistent"});
        try {
            catalog.require("no_such_twin");
            QFAIL("unknown module accepted");
        } catch (const SdkError& error) {
            QVERIFY2(error.message().contains("module 'no_such_twin': not found; known modules: "
                                              "testtwin"),
                     error.what());
            QVERIFY2(error.message().contains("/nonexistent"), error.what());
        }
    }

    void searchPathStartsWithTheEnvironment() {
        qputenv("TWINBENCH_PLUGIN_PATH", "/opt/a::/opt/b/");
        const QStringList paths = ModuleCatalog::defaultSearchPaths();
        qunsetenv("TWINBENCH_PLUGIN_PATH");
        QVERIFY(paths.size() >= 3);
        QCOMPARE(paths[0], QString("/opt/a"));
        QCOMPARE(paths[1], QString("/opt/b"));
        // Then the installed plugin folder relative to the executable (bin/ ->
        // lib/<multiarch>/twinbench/plugins, as the Debian packages install it).
        QCOMPARE(paths[2], QDir::cleanPath(QCoreApplication::applicationDirPath() + "/" +
                                           TWINBENCH_PLUGIN_DIR_FROM_BIN));
        QVERIFY2(paths[2].endsWith("/twinbench/plugins") && paths[2].contains("/lib/"),
                 qPrintable(paths[2]));
    }

    void loadsTestTwinAndRunsAnActionInProcess() {
        const ModuleCatalog catalog = ModuleCatalog::scan({pluginDirectory});
        const std::unique_ptr<LoadedModule> loaded = loadModule(catalog.require("testtwin"));
        QVERIFY(isMapped(testTwinPath)); // the check above can see a mapped plugin
        QCOMPARE(loaded->module().compiledAbiVersion(), twinModuleAbiVersion);

        QTemporaryDir outputs;
        RecordingContext context;
        context.outputs = outputs.path();
        context.parameterValues = catalog.require("testtwin")
                                      .metadata.actionParameters("generate")
                                      .resolve({{"size", 20}, {"amplitude", 4.0}});
        loaded->module().runAction("generate", context);
        QVERIFY(context.progress.size() >= 9 && context.progress.size() <= 11);
        QCOMPARE(context.progress.last(), 1.0);
        QCOMPARE(context.metrics.size(), 1);
        QCOMPARE(context.metrics[0].first, QString("mean"));
        QCOMPARE(context.metrics[0].second, 2.0); // linear gradient 0..4 K: mean 2 K

        const auto file = twins::data::NetcdfFile::open(outputs.filePath("field.nc").toStdString());
        const twins::data::VariableInfo& field = file->variable("field");
        QCOMPARE(field.units(), std::string("K"));
        QCOMPARE(field.shape, (std::vector<std::size_t>{20, 20}));
        const std::vector<double> values = file->readDecoded("field", {19, 19}, {1, 1});
        QCOMPARE(values[0], 4.0);
    }

    void queriesGoThroughTheLoadedModule() {
        const ModuleCatalog catalog = ModuleCatalog::scan({pluginDirectory});
        const std::unique_ptr<LoadedModule> loaded = loadModule(catalog.require("testtwin"));
        const QJsonObject stats =
            loaded->query("field_stats", {{"size", 10}, {"pattern", "checker"}, {"amplitude", 3}});
        QCOMPARE(stats.value("mean").toDouble(), 1.5);
        QCOMPARE(stats.value("max").toDouble(), 3.0);
        QCOMPARE(stats.value("min").toDouble(), 0.0);
        try {
            loaded->query("nope", {});
            QFAIL("unknown query answered");
        } catch (const SdkError& error) {
            QCOMPARE(error.message(),
                     QString("module testtwin: has no query 'nope' (queries: field_stats, "
                             "field_summary, field_cube, field_track, field_histogram)"));
        }
    }

    void loaderRefusesAPluginWithoutTheInterface() {
        // A hand-made entry pointing at the plugin of another IID, as if its file had been
        // swapped after the scan: loading must refuse it, not crash on a bad cast.
        ModuleEntry entry = ModuleCatalog::scan({pluginDirectory}).require("testtwin");
        entry.libraryPath = brokenDirectory + "/otheriid.so";
        try {
            loadModule(entry);
            QFAIL("plugin without TwinModule loaded");
        } catch (const SdkError& error) {
            QVERIFY2(error.message().contains("does not implement org.twinbench.TwinModule/1"),
                     error.what());
        }
        entry.libraryPath = brokenDirectory + "/missing.so";
        try {
            loadModule(entry);
            QFAIL("missing library loaded");
        } catch (const SdkError& error) {
            QVERIFY2(error.message().contains("cannot load module 'testtwin'"), error.what());
        }
    }
};

QTEST_GUILESS_MAIN(SdkModuleCatalogTest)
#include "SdkModuleCatalogTest.moc"
