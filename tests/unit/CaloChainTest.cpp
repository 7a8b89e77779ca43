// The calorimeter twin through the real worker: two `simulate` runs with different seeds,
// then `validate` of one against the other. Two samples of the same physics must agree
// within their statistical errors: small relative moment and profile errors.
#include "ShowerFile.h"
#include "WorkerRuns.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class CaloChainTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"calogan"};

    // Runs an action to the end; returns the run id ("" on failure, with the reason logged).
    QString run(const QStringList& arguments, int* exitCode = nullptr, QString* errors = nullptr) {
        twins::testing::ProcessOutcome outcome;
        const QString id = m_runs.run(arguments, &outcome, 60000);
        if (exitCode != nullptr) {
            *exitCode = outcome.exitCode;
        }
        if (errors != nullptr) {
            *errors = outcome.errors;
        }
        return id;
    }

    QString path(const QString& id, const QString& file) const {
        return m_runs.filePath(id + "/" + file);
    }

    QByteArray read(const QString& file) const {
        QFile handle(file);
        return handle.open(QIODevice::ReadOnly) ? handle.readAll() : QByteArray();
    }

private slots:
    void simulateTwoSeedsAndValidate() {
        QVERIFY(m_runs.isValid());
        const QStringList common{"--set", "energies=50,100", "--set", "theta_min=80",
                                 "--set", "theta_max=100",   "--set", "events=300"};
        const QString first = run(QStringList{"simulate", "--set", "seed=1"} + common);
        const QString second = run(QStringList{"simulate", "--set", "seed=2"} + common);
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        QVERIFY(QFile::exists(path(first, "outputs/showers.h5")));
        const QByteArray simulateMetrics = read(path(first, "metrics.jsonl"));
        QVERIFY(simulateMetrics.contains("\"events_per_second\""));
        for (const QByteArray& line : simulateMetrics.split('\n')) {
            const QJsonObject metric = QJsonDocument::fromJson(line).object();
            if (!metric.isEmpty()) {
                qInfo("simulate: %s = %g", qPrintable(metric.value("name").toString()),
                      metric.value("value").toDouble());
            }
        }

        const QString validated =
            run({"validate", "--input", first, "--input", second, "--set", "energy_bins=50,100"});
        QVERIFY(!validated.isEmpty());
        const QJsonObject report =
            QJsonDocument::fromJson(read(path(validated, "outputs/metrics.json"))).object();
        const QJsonObject metrics = report.value("metrics").toObject();
        const double moments = metrics.value("relative_moment_error").toDouble(-1);
        const double longitudinal = metrics.value("longitudinal_profile_error").toDouble(-1);
        const double transverse = metrics.value("transverse_profile_error").toDouble(-1);
        const double sampling = metrics.value("sampling_fraction_error").toDouble(-1);
        qInfo("seed 1 vs seed 2, 150 showers per bin: relative moment error %.4f, longitudinal "
              "%.4f, transverse %.4f, sampling fraction %.4f",
              moments, longitudinal, transverse, sampling);
        QCOMPARE(report.value("bins").toArray().size(), 2);
        // Statistical agreement of 150 showers a bin: the moments' spread over sqrt(150) is
        // ~8% of the scale they are divided by, the mean over nine moments well below that.
        QVERIFY2(moments >= 0 && moments < 0.05, qPrintable(QString::number(moments)));
        QVERIFY2(longitudinal >= 0 && longitudinal < 0.05,
                 qPrintable(QString::number(longitudinal)));
        QVERIFY2(transverse >= 0 && transverse < 0.1, qPrintable(QString::number(transverse)));
        QVERIFY2(sampling >= 0 && sampling < 0.01, qPrintable(QString::number(sampling)));
        QVERIFY(read(path(validated, "metrics.jsonl")).contains("\"relative_moment_error\""));
        QVERIFY(QFile::exists(path(validated, "outputs/profiles.csv")));
        QVERIFY(QFile::exists(path(validated, "outputs/sampling_fraction.csv")));
    }

    void cascadeReferenceThroughTheWorker() {
        // The particle-level reference writes the same showers file (validate reads it beside
        // the parametrised one) and the same showers on one thread or two.
        const QStringList common{
            "--set", "reference_model=cascade", "--set", "energies=4,6", "--set", "theta_min=70",
            "--set", "theta_max=110",           "--set", "events=6",     "--set", "seed=3"};
        const QString two = run(QStringList{"simulate", "--set", "threads=2"} + common);
        const QString one = run(QStringList{"simulate", "--set", "threads=1"} + common);
        QVERIFY(!two.isEmpty() && !one.isEmpty());
        const calo::ShowerFileReader a(path(two, "outputs/showers.h5").toStdString());
        const calo::ShowerFileReader b(path(one, "outputs/showers.h5").toStdString());
        QCOMPARE(a.events(), std::size_t(6));
        QCOMPARE(a.energies(), b.energies());
        std::vector<float> cellsA, cellsB;
        a.read(0, 6, cellsA);
        b.read(0, 6, cellsB);
        QVERIFY(cellsA == cellsB);
        double visible = 0.0;
        for (float cell : cellsA) {
            visible += cell;
        }
        QVERIFY(visible > 0.0);
        QVERIFY(read(path(two, "metrics.jsonl")).contains("\"events_per_cpu_second\""));
        QVERIFY(read(path(two, "log.txt")).contains("cascade reference"));

        const QString parametrised = run(QStringList{"simulate", "--set", "energies=4,6", "--set",
                                                     "events=6", "--set", "seed=3"});
        const QString validated = run({"validate", "--input", parametrised, "--input", two});
        QVERIFY(!validated.isEmpty());
        const QJsonObject metrics =
            QJsonDocument::fromJson(read(path(validated, "outputs/metrics.json")))
                .object()
                .value("metrics")
                .toObject();
        qInfo("cascade against parametrised, 6 showers: sampling fraction error %.3f",
              metrics.value("sampling_fraction_error").toDouble(-1));
        QVERIFY(metrics.value("sampling_fraction_error").toDouble(-1) >= 0.0);
    }

    void validateNeedsTwoInputs() {
        const QString first = run({"simulate", "--set", "events=2"});
        QVERIFY(!first.isEmpty());
        int code = 0;
        QString errors;
        run({"validate", "--input", first}, &code, &errors);
        QCOMPARE(code, 1);
        QVERIFY2(errors.contains("expected two"), qPrintable(errors));
    }
};

QTEST_GUILESS_MAIN(CaloChainTest)
#include "CaloChainTest.moc"
