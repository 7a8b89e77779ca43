// A model's VVUQ card (twins/runs/VvuqCard.h): over a registry of testtwin runs (generate ->
// fit -> predict -> sum), the card finds the validation runs downstream of the model and no
// others, judges their metrics and the model's own against the test twin's thresholds (pass,
// fail, no threshold), gives the verdict (fit, not fit, not established), the training data's
// hashes and the energy estimate; then `twinbench-run models --card` on real worker runs.
#include "twinbench/runs/VvuqCard.h"

#include "twinbench/runs/Provenance.h"
#include "twinbench/runs/RunDirectory.h"
#include "twinbench/runs/RunError.h"
#include "twinbench/runs/RunRegistry.h"
#include "twinbench/sdk/ModelCard.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>

using namespace twins::runs;

namespace {

twins::sdk::ModuleMetadata testTwinMetadata() {
    QFile file(QStringLiteral(TWINBENCH_SOURCE_DIR "/tests/plugins/testtwin/testtwin.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return twins::sdk::ModuleMetadata::fromJson(QJsonDocument::fromJson(file.readAll()).object(),
                                                file.fileName());
}

void writeBytes(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(bytes);
    }
}

// Runs made by hand, as the worker leaves them: spec, outputs, metrics, succeeded, prov.json.
class Runs {
public:
    explicit Runs(const QString& root)
        : m_root(root), m_registry(QDir(root).filePath(QStringLiteral("runs.sqlite"))) {}

    RunRegistry& registry() { return m_registry; }
    QString directory(const QString& id) const { return m_directories.value(id); }

    // `write` puts the run's outputs in place; `metrics` go to metrics.jsonl.
    QString add(const QString& action, const QStringList& inputs, const QJsonObject& parameters,
                const std::function<void(const QString& outputs)>& write,
                const QList<std::pair<QString, double>>& metrics = {}) {
        RunSpec spec =
            RunSpec::forCurrentBuild(QStringLiteral("testtwin"), action, QStringLiteral("local"));
        spec.inputs = inputs;
        spec.parameters = parameters;
        const QString path = QDir(m_root).filePath(QStringLiteral("run%1").arg(m_count++));
        const RunRecord record = m_registry.registerRun(spec, path);
        const RunDirectory run = RunDirectory::create(path, record.id, spec);
        write(run.outputsPath());
        for (const auto& [name, value] : metrics) {
            run.appendMetric(0, name, value);
        }
        for (RunState state : {RunState::Queued, RunState::Running, RunState::Succeeded}) {
            run.changeState(state, {},
                            state == RunState::Succeeded ? std::optional<int>(0) : std::nullopt);
            m_registry.updateState(record.id, state);
        }
        writeProvenance(run);
        m_directories.insert(record.id, path);
        return record.id;
    }

    QString generate() {
        return add(QStringLiteral("generate"), {}, QJsonObject{{QStringLiteral("size"), 8}},
                   [](const QString& outputs) {
                       writeBytes(outputs + QStringLiteral("/field.nc"), "field bytes");
                   });
    }

    // A fit whose model card says `rmse` and 2 CPU hours of training.
    QString fit(const QString& generateRun, double rmse) {
        return add(QStringLiteral("fit"), {generateRun}, {}, [&](const QString& outputs) {
            writeBytes(outputs + QStringLiteral("/plane.json"), "{}");
            twins::sdk::ModelCard card;
            card.weights = QStringList{QStringLiteral("plane.json")};
            card.metrics = QJsonObject{{QStringLiteral("rmse"), rmse},
                                       {QStringLiteral("max_abs_error"), 2 * rmse}};
            card.validated = rmse <= 0.05;
            card.description = QStringLiteral("plane");
            card.trainingDomain = QJsonObject{{QStringLiteral("x"), QJsonArray{0, 7}},
                                              {QStringLiteral("y"), QJsonArray{0, 7}}};
            card.cpuSeconds = 7200.0;
            card.wallSeconds = 3600.0;
            card.threads = 2;
            card.steps = 1;
            twins::sdk::writeModelCard(outputs, card, {generateRun});
        });
    }

    QString predict(const QString& model, int size) {
        return add(QStringLiteral("predict"), {model}, QJsonObject{{QStringLiteral("size"), size}},
                   [](const QString& outputs) {
                       writeBytes(outputs + QStringLiteral("/field.nc"), "predicted");
                   });
    }

    QString sum(const QString& input, double value) {
        return add(
            QStringLiteral("sum"), {input}, {},
            [](const QString& outputs) { writeBytes(outputs + QStringLiteral("/sum.json"), "{}"); },
            {{QStringLiteral("sum"), value}});
    }

private:
    QString m_root;
    RunRegistry m_registry;
    QHash<QString, QString> m_directories;
    int m_count = 0;
};

QJsonObject checkOf(const QJsonArray& checks, const QString& metric) {
    for (const QJsonValue& check : checks) {
        if (check.toObject().value(QStringLiteral("metric")).toString() == metric) {
            return check.toObject();
        }
    }
    return {};
}

QStringList runsOf(const QJsonArray& validations) {
    QStringList ids;
    for (const QJsonValue& validation : validations) {
        ids << validation.toObject().value(QStringLiteral("run")).toString();
    }
    return ids;
}

QString verdictOf(const QJsonObject& card) {
    return card.value(QStringLiteral("fit_for_purpose"))
        .toObject()
        .value(QStringLiteral("verdict"))
        .toString();
}

QString reasonsOf(const QJsonObject& card) {
    QStringList reasons;
    for (const QJsonValue& reason : card.value(QStringLiteral("fit_for_purpose"))
                                        .toObject()
                                        .value(QStringLiteral("reasons"))
                                        .toArray()) {
        reasons << reason.toString();
    }
    return reasons.join(QLatin1Char('\n'));
}

} // namespace

class VvuqCardTest : public QObject {
    Q_OBJECT

private slots:
    void cardJudgesDownstreamRunsAgainstTheThresholds() {
        const twins::sdk::ModuleMetadata twin = testTwinMetadata();
        QCOMPARE(twin.fitForPurpose.size(), 2); // rmse <= 0.05 from fit, sum <= 200 from sum
        QTemporaryDir root;
        Runs runs(root.path());
        const QString field = runs.generate();
        const QString model = runs.fit(field, 0.01);
        const QString small = runs.predict(model, 16);
        // Named by a path inside the predict run, as a file input: still downstream.
        const QString passing =
            runs.sum(runs.directory(small) + QStringLiteral("/outputs/field.nc"), 128.0);
        const QString large = runs.predict(model, 20);
        const QString failing = runs.sum(large, 253.3);
        // Not downstream of the model: a sum of the training field, another model's chain.
        runs.sum(field, 10.0);
        const QString otherModel = runs.fit(field, 0.02);
        const QString otherPredict = runs.predict(otherModel, 20);
        const QString otherSum = runs.sum(otherPredict, 253.3);

        const QJsonObject card = buildVvuqCard(runs.registry(), model, &twin);
        QCOMPARE(card.value(QStringLiteral("format")).toString(),
                 QStringLiteral("twinbench-vvuq/1"));
        QCOMPARE(
            card.value(QStringLiteral("model")).toObject().value(QStringLiteral("run")).toString(),
            model);
        // Validation set provenance: only the model's own chain, each through its predict run.
        const QJsonArray validations = card.value(QStringLiteral("validations")).toArray();
        QCOMPARE(runsOf(validations), QStringList({passing, failing}));
        const QJsonObject first = validations.at(0).toObject();
        QCOMPARE(
            first.value(QStringLiteral("via")).toObject().value(QStringLiteral("run")).toString(),
            small);
        const QJsonObject firstInput =
            first.value(QStringLiteral("inputs")).toArray().at(0).toObject();
        QCOMPARE(firstInput.value(QStringLiteral("run")).toString(), small);
        QCOMPARE(firstInput.value(QStringLiteral("action")).toString(), QStringLiteral("predict"));
        QCOMPARE(firstInput.value(QStringLiteral("files")).toArray().size(), 1);
        QCOMPARE(validations.at(1)
                     .toObject()
                     .value(QStringLiteral("via"))
                     .toObject()
                     .value(QStringLiteral("run"))
                     .toString(),
                 large);
        // Every metric against its threshold.
        const QJsonObject pass =
            checkOf(first.value(QStringLiteral("checks")).toArray(), QStringLiteral("sum"));
        QCOMPARE(pass.value(QStringLiteral("value")).toDouble(), 128.0);
        QCOMPARE(pass.value(QStringLiteral("threshold")).toString(), QStringLiteral("sum <= 200"));
        QCOMPARE(pass.value(QStringLiteral("verdict")).toString(), QStringLiteral("pass"));
        QCOMPARE(checkOf(validations.at(1).toObject().value(QStringLiteral("checks")).toArray(),
                         QStringLiteral("sum"))
                     .value(QStringLiteral("verdict"))
                     .toString(),
                 QStringLiteral("fail"));
        const QJsonArray heldOut = card.value(QStringLiteral("held_out"))
                                       .toObject()
                                       .value(QStringLiteral("checks"))
                                       .toArray();
        QCOMPARE(
            checkOf(heldOut, QStringLiteral("rmse")).value(QStringLiteral("verdict")).toString(),
            QStringLiteral("pass"));
        QCOMPARE(checkOf(heldOut, QStringLiteral("max_abs_error"))
                     .value(QStringLiteral("verdict"))
                     .toString(),
                 QStringLiteral("no threshold"));
        // Fit: the model's rmse passes, and one downstream sum run passes.
        QCOMPARE(verdictOf(card), QStringLiteral("fit for purpose"));
        const QJsonArray perThreshold = card.value(QStringLiteral("fit_for_purpose"))
                                            .toObject()
                                            .value(QStringLiteral("thresholds"))
                                            .toArray();
        QCOMPARE(perThreshold.size(), 2);
        const QJsonObject sumThreshold = perThreshold.at(1).toObject();
        QCOMPARE(sumThreshold.value(QStringLiteral("passing_runs")).toArray(), QJsonArray{passing});
        QCOMPARE(sumThreshold.value(QStringLiteral("failing_runs")).toArray(), QJsonArray{failing});
        // Training data with the hash its generate run's prov.json recorded; domain; energy.
        const QJsonObject trainingInput = card.value(QStringLiteral("training_data"))
                                              .toObject()
                                              .value(QStringLiteral("inputs"))
                                              .toArray()
                                              .at(0)
                                              .toObject();
        QCOMPARE(trainingInput.value(QStringLiteral("run")).toString(), field);
        QCOMPARE(trainingInput.value(QStringLiteral("parameters")).toObject().value("size").toInt(),
                 8);
        const QJsonObject fieldFile =
            trainingInput.value(QStringLiteral("files")).toArray().at(0).toObject();
        QCOMPARE(fieldFile.value(QStringLiteral("path")).toString(), QStringLiteral("field.nc"));
        QCOMPARE(fieldFile.value(QStringLiteral("sha256")).toString(),
                 QString::fromLatin1(
                     QCryptographicHash::hash("field bytes", QCryptographicHash::Sha256).toHex()));
        QCOMPARE(card.value(QStringLiteral("training_domain")).toObject().value("x").toArray(),
                 (QJsonArray{0, 7}));
        const QJsonObject cost = card.value(QStringLiteral("training_cost")).toObject();
        QCOMPARE(cost.value(QStringLiteral("cpu_hours")).toDouble(), 2.0);
        QCOMPARE(cost.value(QStringLiteral("watts_per_core")).toDouble(),
                 twins::sdk::assumedWattsPerCore);
        QCOMPARE(cost.value(QStringLiteral("energy_wh")).toDouble(),
                 2.0 * twins::sdk::assumedWattsPerCore);
        QVERIFY(
            !card.value(QStringLiteral("code")).toObject().value("twinbench").toString().isEmpty());

        const QString text = vvuqCardText(card);
        for (const QString& expected :
             {QStringLiteral("VVUQ card of model ") + model, QStringLiteral("x: [0, 7]"),
              QStringLiteral("energy estimate: 24 Wh = CPU hours x 12 W per core"),
              QStringLiteral("sum <= 200 from sum"), QStringLiteral("via predict run ") + small,
              QStringLiteral("PASS"), QStringLiteral("FAIL"), QStringLiteral("NO THRESHOLD"),
              QStringLiteral("Verdict: FIT FOR PURPOSE")}) {
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral("\n") + text));
        }

        // The other model: its only downstream sum fails, so it is not fit for purpose.
        const QJsonObject other = buildVvuqCard(runs.registry(), otherModel, &twin);
        QCOMPARE(runsOf(other.value(QStringLiteral("validations")).toArray()),
                 QStringList{otherSum});
        QCOMPARE(verdictOf(other), QStringLiteral("not fit for purpose"));
        QVERIFY2(reasonsOf(other).contains(QStringLiteral("sum <= 200 fails on every sum run")),
                 qPrintable(reasonsOf(other)));
    }

    void verdictSaysWhatIsMissing() {
        const twins::sdk::ModuleMetadata twin = testTwinMetadata();
        QTemporaryDir root;
        Runs runs(root.path());
        const QString field = runs.generate();
        const QString alone = runs.fit(field, 0.01);
        // No run downstream: nothing measured the sum threshold.
        const QJsonObject card = buildVvuqCard(runs.registry(), alone, &twin);
        QVERIFY(card.value(QStringLiteral("validations")).toArray().isEmpty());
        QCOMPARE(verdictOf(card), QStringLiteral("not established"));
        QVERIFY2(reasonsOf(card).contains(
                     QStringLiteral("no sum run downstream of the model reports 'sum'")),
                 qPrintable(reasonsOf(card)));
        // A model failing its own held-out threshold is not fit, whatever runs downstream.
        const QString rough = runs.fit(field, 0.5);
        runs.sum(runs.predict(rough, 16), 128.0);
        const QJsonObject roughCard = buildVvuqCard(runs.registry(), rough, &twin);
        QCOMPARE(verdictOf(roughCard), QStringLiteral("not fit for purpose"));
        QVERIFY2(reasonsOf(roughCard).contains(QStringLiteral("rmse <= 0.05 fails")),
                 qPrintable(reasonsOf(roughCard)));
        // The twin not installed: the card still shows the facts, and says it cannot judge.
        const QJsonObject unknownTwin = buildVvuqCard(runs.registry(), alone, nullptr);
        QCOMPARE(verdictOf(unknownTwin), QStringLiteral("not established"));
        QVERIFY(reasonsOf(unknownTwin).contains(QStringLiteral("is not installed")));
        // Not a model, and no run at all: refused with the reason.
        QVERIFY_THROWS_EXCEPTION(RunError, buildVvuqCard(runs.registry(), field, &twin));
        try {
            buildVvuqCard(runs.registry(), field, &twin);
        } catch (const RunError& error) {
            QVERIFY2(
                QString::fromUtf8(error.what()).contains(QStringLiteral("not a trained model")),
                error.what());
        }
        QVERIFY_THROWS_EXCEPTION(RunError,
                                 buildVvuqCard(runs.registry(), QStringLiteral("nope"), &twin));
    }

    void cardGathersCalibrationAndDomainOfEachValidation() {
        const twins::sdk::ModuleMetadata twin = testTwinMetadata();
        QTemporaryDir root;
        Runs runs(root.path());
        const QString model = runs.fit(runs.generate(), 0.01);
        const QString predicted = runs.predict(model, 8); // writes no domain.json
        const QString validation = runs.add(
            QStringLiteral("sum"), {predicted}, {},
            [](const QString& outputs) {
                writeBytes(outputs + QStringLiteral("/reliability.csv"), "bin,p,observed\n");
            },
            {{QStringLiteral("sum"), 100.0}, {QStringLiteral("ece_calibrated"), 0.031}});
        const QJsonObject card = buildVvuqCard(runs.registry(), model, &twin);
        const QJsonObject domain = card.value(QStringLiteral("validations"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QStringLiteral("domain"))
                                       .toObject();
        QCOMPARE(domain.value(QStringLiteral("recorded")).toBool(), false);
        const QJsonArray calibration = card.value(QStringLiteral("calibration")).toArray();
        QCOMPARE(calibration.size(), 1);
        QCOMPARE(calibration[0].toObject().value(QStringLiteral("run")).toString(), validation);
        QCOMPARE(calibration[0].toObject().value(QStringLiteral("value")).toDouble(), 0.031);
        QVERIFY(calibration[0]
                    .toObject()
                    .value(QStringLiteral("reliability"))
                    .toString()
                    .endsWith(QStringLiteral("outputs/reliability.csv")));
        const QString text = vvuqCardText(card);
        for (const QString& expected : {QStringLiteral("training domain: not recorded by this run"),
                                        QStringLiteral("ece_calibrated = 0.031 (run ") + validation,
                                        QStringLiteral("reliability diagram: ")}) {
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral("\n") + text));
        }
    }

    void workerPrintsTheCardOfRealRuns() {
        QTemporaryDir root;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TWINBENCH_RUNS_DIR"), root.path());
        environment.insert(QStringLiteral("TWINBENCH_PLUGIN_PATH"),
                           QStringLiteral(TWINBENCH_TEST_PLUGIN_DIR));
        environment.insert(QStringLiteral("TWINBENCH_PLUGIN_PATH_ONLY"), QStringLiteral("1"));
        const auto worker = [&](const QStringList& arguments, int expectedExit,
                                QString* errorText = nullptr) {
            QProcess process;
            process.setProcessEnvironment(environment);
            process.start(QStringLiteral(TWINBENCH_WORKER_EXECUTABLE), arguments);
            [&] { QVERIFY(process.waitForFinished(60000)); }();
            const QByteArray error = process.readAllStandardError();
            if (errorText) {
                *errorText = QString::fromUtf8(error);
            }
            [&] { QVERIFY2(process.exitCode() == expectedExit, error.constData()); }();
            return QString::fromUtf8(process.readAllStandardOutput());
        };
        const auto submit = [&](const QStringList& arguments) {
            return worker(QStringList{QStringLiteral("run"), QStringLiteral("testtwin")} +
                              arguments + QStringList{QStringLiteral("--wait")},
                          0)
                .trimmed();
        };
        const QString field = submit({QStringLiteral("generate")});
        const QString model = submit({QStringLiteral("fit"), QStringLiteral("--input"), field});
        const QString predicted =
            submit({QStringLiteral("predict"), QStringLiteral("--input"), model});
        const QString sum = submit({QStringLiteral("sum"), QStringLiteral("--input"), predicted});
        QVERIFY(!sum.isEmpty());
        // Beyond the 16 x 16 cells fitted on: the predict run is flagged, on its result
        // (outputs/domain.json), in its log and on the card.
        const QString extrapolated =
            submit({QStringLiteral("predict"), QStringLiteral("--input"), model,
                    QStringLiteral("--set"), QStringLiteral("size=24")});
        const QString extrapolatedSum =
            submit({QStringLiteral("sum"), QStringLiteral("--input"), extrapolated});
        const QString extrapolatedLog = worker({QStringLiteral("logs"), extrapolated}, 0);
        QVERIFY2(extrapolatedLog.contains(
                     QStringLiteral("warning: outside the model's training domain: x: requested "
                                    "[0, 23], trained [0, 15]")),
                 qPrintable(extrapolatedLog));

        const QString text = worker({QStringLiteral("models"), QStringLiteral("--card"), model}, 0);
        for (const QString& expected :
             {QStringLiteral("VVUQ card of model ") + model, QStringLiteral("run ") + field,
              QStringLiteral("x: [0, 15]"), QStringLiteral("energy estimate: "),
              QStringLiteral("run ") + sum, QStringLiteral("via predict run ") + predicted,
              QStringLiteral("rmse <= 0.05 from fit"), QStringLiteral("training domain: inside"),
              QStringLiteral("run ") + extrapolatedSum,
              QStringLiteral("OUTSIDE THE TRAINING DOMAIN: x requested [0, 23], trained [0, 15]; "
                             "y requested [0, 23], trained [0, 15]"),
              QStringLiteral("Verdict: FIT FOR PURPOSE")}) {
            QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral("\n") + text));
        }
        const QJsonObject card =
            QJsonDocument::fromJson(worker({QStringLiteral("models"), QStringLiteral("--card"),
                                            model, QStringLiteral("--json")},
                                           0)
                                        .toUtf8())
                .object();
        QCOMPARE(card.value(QStringLiteral("format")).toString(),
                 QStringLiteral("twinbench-vvuq/1"));
        const QJsonObject validation =
            card.value(QStringLiteral("validations")).toArray().at(0).toObject();
        QCOMPARE(validation.value(QStringLiteral("run")).toString(), sum);
        // A 16 x 16 unit gradient predicted by an exact plane sums to 16 * 16 * 0.5.
        const double measured =
            validation.value(QStringLiteral("metrics")).toObject().value("sum").toDouble();
        QVERIFY2(std::abs(measured - 128.0) < 1e-6, qPrintable(QString::number(measured)));
        QVERIFY(card.value(QStringLiteral("training_cost"))
                    .toObject()
                    .value(QStringLiteral("energy_wh"))
                    .isDouble());
        QString refusal;
        worker({QStringLiteral("models"), QStringLiteral("--card"), field}, 1, &refusal);
        QVERIFY2(refusal.contains(QStringLiteral("is not a trained model")), qPrintable(refusal));
        QVERIFY(
            worker({QStringLiteral("--help")}, 0).contains(QStringLiteral("models --card RUN")));
    }
};

QTEST_GUILESS_MAIN(VvuqCardTest)
#include "VvuqCardTest.moc"
