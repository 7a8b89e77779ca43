// The model catalogue: train runs' manifests listed per module with metrics, data and code
// version; broken manifests reported, not hidden; "model:latest" picks the newest validated
// model, end to end through the worker with the testtwin's real plane fit.
#include "twinbench/runs/ModelCatalogue.h"

#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunRegistry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace twins::runs;

namespace {

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

} // namespace

class ModelCatalogueTest : public QObject {
    Q_OBJECT
private slots:
    void listsManifestsAndReportsBrokenOnes() {
        QTemporaryDir root;
        RunRegistry registry(root.filePath(QStringLiteral("runs.sqlite")));
        const auto makeRun = [&](const QString& name, const QByteArray& manifest) {
            RunSpec spec = RunSpec::forCurrentBuild(QStringLiteral("twin"), QStringLiteral("train"),
                                                    QStringLiteral("local"));
            spec.inputs << QStringLiteral("/data/era5.nc");
            const QString path = root.filePath(name);
            const RunRecord record = registry.registerRun(spec, path);
            const RunDirectory run = RunDirectory::create(path, record.id, spec);
            if (!manifest.isEmpty()) {
                writeFile(run.outputsPath() + QStringLiteral("/weights.bin"), "w");
                writeFile(run.outputsPath() + QStringLiteral("/model.json"), manifest);
            }
            registry.updateState(record.id, RunState::Queued);
            registry.updateState(record.id, RunState::Running);
            registry.updateState(record.id, RunState::Succeeded);
            return record.id;
        };
        const QString good = makeRun(QStringLiteral("a"), R"({"format": "twinbench-model/1",
            "weights": ["weights.bin"], "metrics": {"pod": 0.93}, "validated": true})");
        makeRun(QStringLiteral("b"), {}); // not a training run: no manifest
        makeRun(QStringLiteral("c"), R"({"format": "twinbench-model/1",
            "weights": ["missing.bin"], "metrics": {}, "validated": true})");
        makeRun(QStringLiteral("d"), R"({"format": "twinbench-model/1",
            "weights": ["weights.bin"], "metrics": {"pod": "high"}, "validated": true})");
        const QString unvalidated = makeRun(QStringLiteral("e"), R"({"format": "twinbench-model/1",
            "weights": ["weights.bin"], "metrics": {"pod": 0.5}, "validated": false})");

        const ModelCatalogue catalogue = ModelCatalogue::scan(registry, QStringLiteral("twin"));
        QCOMPARE(catalogue.models().size(), 2);
        QCOMPARE(catalogue.models().first().runId, unvalidated); // newest first
        QCOMPARE(catalogue.problems().size(), 2);
        QVERIFY(catalogue.problems().join('\n').contains(QStringLiteral("missing.bin")));
        QVERIFY(catalogue.problems().join('\n').contains(
            QStringLiteral("metric 'pod' must be a number")));
        const auto newest = catalogue.newestValidated(QStringLiteral("twin"));
        QVERIFY(newest.has_value());
        QCOMPARE(newest->runId, good);
        QCOMPARE(newest->metrics.value(QStringLiteral("pod")).toDouble(), 0.93);
        QCOMPARE(newest->trainingInputs, QStringList{QStringLiteral("/data/era5.nc")});
        QVERIFY(!newest->twinbenchVersion.isEmpty());
        QVERIFY(!ModelCatalogue::scan(registry, QStringLiteral("other"))
                     .newestValidated(QStringLiteral("other")));
    }

    void modelLatestChainsTrainAndInferThroughTheWorker() {
        QTemporaryDir root;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TWINBENCH_RUNS_DIR"), root.path());
        environment.insert(QStringLiteral("TWINBENCH_PLUGIN_PATH"),
                           QStringLiteral(TWINBENCH_TEST_PLUGIN_DIR));
        const auto worker = [&](const QStringList& arguments, int expectedExit) {
            QProcess process;
            process.setProcessEnvironment(environment);
            process.start(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE), arguments);
            [&] { QVERIFY(process.waitForFinished(60000)); }();
            const QByteArray error = process.readAllStandardError();
            [&] { QVERIFY2(process.exitCode() == expectedExit, error.constData()); }();
            return QString::fromUtf8(process.readAllStandardOutput())
                .section(QLatin1Char('\n'), 0, 0)
                .trimmed();
        };
        // No model yet: refused before anything is submitted.
        worker({QStringLiteral("run"), QStringLiteral("testtwin"), QStringLiteral("predict"),
                QStringLiteral("--input"), QStringLiteral("model:latest")},
               1);
        const QString plane =
            worker({QStringLiteral("run"), QStringLiteral("testtwin"), QStringLiteral("generate"),
                    QStringLiteral("--set"), QStringLiteral("size=24"), QStringLiteral("--wait")},
                   0);
        const QString checker = worker(
            {QStringLiteral("run"), QStringLiteral("testtwin"), QStringLiteral("generate"),
             QStringLiteral("--set"), QStringLiteral("pattern=checker"), QStringLiteral("--wait")},
            0);
        const QString goodFit =
            worker({QStringLiteral("run"), QStringLiteral("testtwin"), QStringLiteral("fit"),
                    QStringLiteral("--input"), plane, QStringLiteral("--wait")},
                   0);
        const QString badFit =
            worker({QStringLiteral("run"), QStringLiteral("testtwin"), QStringLiteral("fit"),
                    QStringLiteral("--input"), checker, QStringLiteral("--wait")},
                   0);
        // The checkerboard is no plane: RMSE 0.5 K, newer but not validated, so not chosen.
        const QString listing = worker(
            {QStringLiteral("models"), QStringLiteral("testtwin"), QStringLiteral("--json")}, 0);
        QProcess json;
        json.setProcessEnvironment(environment);
        json.start(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE),
                   {QStringLiteral("models"), QStringLiteral("--json")});
        QVERIFY(json.waitForFinished(20000));
        const QJsonArray models = QJsonDocument::fromJson(json.readAllStandardOutput()).array();
        QCOMPARE(models.size(), 2);
        QCOMPARE(models[0].toObject().value(QStringLiteral("run")).toString(), badFit);
        QCOMPARE(models[0].toObject().value(QStringLiteral("validated")).toBool(), false);
        QVERIFY(qAbs(models[0]
                         .toObject()
                         .value(QStringLiteral("metrics"))
                         .toObject()
                         .value(QStringLiteral("rmse"))
                         .toDouble() -
                     0.5) < 1e-9);
        QCOMPARE(models[1].toObject().value(QStringLiteral("run")).toString(), goodFit);
        QVERIFY(models[1]
                    .toObject()
                    .value(QStringLiteral("metrics"))
                    .toObject()
                    .value(QStringLiteral("rmse"))
                    .toDouble() < 1e-9);

        const QString predicted = worker({QStringLiteral("run"), QStringLiteral("testtwin"),
                                          QStringLiteral("predict"), QStringLiteral("--input"),
                                          QStringLiteral("model:latest"), QStringLiteral("--wait")},
                                         0);
        const RunDirectory run = RunDirectory::open(QDir(root.path()).filePath(predicted));
        QCOMPARE(run.spec().inputs, QStringList{goodFit}); // the exact model, recorded
        QVERIFY(QFile::exists(run.outputsPath() + QStringLiteral("/field.nc")));
        QVERIFY(QFile::exists(run.provenancePath()));
        Q_UNUSED(listing);
    }
};

QTEST_MAIN(ModelCatalogueTest)
#include "ModelCatalogueTest.moc"
