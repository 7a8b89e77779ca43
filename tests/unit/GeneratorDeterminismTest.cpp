// Issue 16: a generator's data follow from its seed alone (the SDK's random-number policy,
// twinbench/sdk/Random.h). Each generator runs twice through the real worker with the same seed,
// once confined to one CPU (taskset -c 0: every "all cores" setting becomes 1 thread) and once
// on every CPU of the machine, and must write the same values: cyclone generate (every variable
// of drivers.nc, and truth_tracks.csv byte for byte), calogan simulate (every dataset of
// showers.h5), pulsar simulate (every variable of frames.nc) and wildfire generate (every
// variable of cube.nc, statistics.csv byte for byte). The files themselves carry run ids and
// HDF5 object times, so values are compared, not whole files.
#include "WorkerRuns.h"
#include "twinbench/data/Dataset.h"

#include <QFile>
#include <QStandardPaths>
#include <QTest>

#include <cstring>
#include <thread>

namespace {

QByteArray fileBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every variable's decoded values, bit for bit (NaN == NaN), by variable path.
QString compareDatasets(const QString& first, const QString& second) {
    const auto a = twins::data::Dataset::open(first.toStdString());
    const auto b = twins::data::Dataset::open(second.toStdString());
    const auto variables = a->variables();
    if (variables.empty() || variables.size() != b->variables().size()) {
        return QStringLiteral("%1 has %2 variables, %3 has %4")
            .arg(first)
            .arg(variables.size())
            .arg(second)
            .arg(b->variables().size());
    }
    for (const twins::data::DatasetVariable* variable : variables) {
        const twins::data::DatasetVariable* other = b->findVariable(variable->path);
        if (other == nullptr) {
            return QStringLiteral("%1 has no %2")
                .arg(second, QString::fromStdString(variable->path));
        }
        const std::vector<double> x = a->readDecoded(*variable);
        const std::vector<double> y = b->readDecoded(*other);
        if (x.size() != y.size() ||
            (!x.empty() && std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) != 0)) {
            return QStringLiteral("%1 differs between the two runs")
                .arg(QString::fromStdString(variable->path));
        }
    }
    return {};
}

} // namespace

class GeneratorDeterminismTest : public QObject {
    Q_OBJECT

private:
    // Runs `arguments` through the worker, confined to CPU 0 when `oneCpu`; returns the run's
    // outputs/ directory ("" on failure, with the reason logged).
    static QString runOutputs(twins::testing::WorkerRuns& runs, const QStringList& arguments,
                              bool oneCpu) {
        QStringList command{"run"};
        command << arguments << "--wait";
        twins::testing::ProcessOutcome outcome;
        if (oneCpu) {
            outcome = twins::testing::runProcess(
                QStandardPaths::findExecutable("taskset"),
                QStringList{"-c", "0", TWINBENCH_WORKER_EXECUTABLE} + command, 300000,
                runs.environment());
        } else {
            outcome = runs.worker(command, 300000);
        }
        if (outcome.exitCode != 0) {
            qWarning("%s failed (%d): %s", qPrintable(arguments.join(' ')), outcome.exitCode,
                     qPrintable(outcome.errors));
            return {};
        }
        return runs.outputs(QString::fromUtf8(outcome.output).trimmed().split('\n').first());
    }

private slots:
    void initTestCase() {
        QVERIFY2(!QStandardPaths::findExecutable("taskset").isEmpty(),
                 "taskset (util-linux) is needed to run the worker on one CPU");
        qInfo("CPUs: %u (the second run of each generator uses all of them)",
              std::thread::hardware_concurrency());
    }

    void cycloneGenerateIsTheSameOnOneAndOnAllCpus() {
        twins::testing::WorkerRuns runs("cyclone");
        QVERIFY(runs.isValid());
        const QStringList arguments{
            "cyclone", "generate",     "--set", "period=2017-09-01/2017-09-03",
            "--set",   "resolution=1", "--set", "seed=11"};
        const QString one = runOutputs(runs, arguments, true);
        const QString all = runOutputs(runs, arguments, false);
        QVERIFY(!one.isEmpty() && !all.isEmpty());
        const QByteArray truth = fileBytes(one + "/truth_tracks.csv");
        QVERIFY(truth.count('\n') > 2); // a header, the units and at least one storm point
        QCOMPARE(fileBytes(all + "/truth_tracks.csv"), truth);
        const QString difference = compareDatasets(one + "/drivers.nc", all + "/drivers.nc");
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    void caloganSimulateIsTheSameOnOneAndOnAllCpus() {
        twins::testing::WorkerRuns runs("calogan");
        QVERIFY(runs.isValid());
        const QStringList arguments{"calogan", "simulate",     "--set", "events=24",
                                    "--set",   "seed=7",       "--set", "energy_min=20",
                                    "--set",   "energy_max=80"};
        const QString one = runOutputs(runs, arguments, true);
        const QString all = runOutputs(runs, arguments, false);
        QVERIFY(!one.isEmpty() && !all.isEmpty());
        const QString difference = compareDatasets(one + "/showers.h5", all + "/showers.h5");
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    void pulsarSimulateIsTheSameOnOneAndOnAllCpus() {
        twins::testing::WorkerRuns runs("pulsar");
        QVERIFY(runs.isValid());
        const QStringList arguments{"pulsar", "simulate",       "--set", "frames=24",
                                    "--set",  "channels=64",    "--set", "seed=9",
                                    "--set",  "write_flux=true"};
        const QString one = runOutputs(runs, arguments, true);
        const QString all = runOutputs(runs, arguments, false);
        QVERIFY(!one.isEmpty() && !all.isEmpty());
        const QString difference = compareDatasets(one + "/frames.nc", all + "/frames.nc");
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    void wildfireGenerateIsTheSameOnOneAndOnAllCpus() {
        twins::testing::WorkerRuns runs("wildfire");
        QVERIFY(runs.isValid());
        const QStringList arguments{"wildfire", "generate",           "--set", "first_year=2003",
                                    "--set",    "last_year=2003",     "--set", "resolution=2",
                                    "--set",    "bbox=-20,-20,40,20", "--set", "seed=12"};
        const QString one = runOutputs(runs, arguments, true);
        const QString all = runOutputs(runs, arguments, false);
        QVERIFY(!one.isEmpty() && !all.isEmpty());
        const QString difference = compareDatasets(one + "/cube.nc", all + "/cube.nc");
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        QCOMPARE(fileBytes(all + "/statistics.csv"), fileBytes(one + "/statistics.csv"));
    }
};

QTEST_GUILESS_MAIN(GeneratorDeterminismTest)
#include "GeneratorDeterminismTest.moc"
