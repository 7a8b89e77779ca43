// The pulsar twin through the real worker: simulate -> frames.nc in CF layout, dedisperse on
// it (dedispersion.csv and a threshold calibrated on pulsar-free frames), filterbank ->
// observation.fil -> dedisperse recovering its DM, and bad settings refused with messages that
// name them. Small settings (64 channels) keep it to a few seconds.
#include "WorkerRuns.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/sdk/Csv.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

class PulsarChainTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"pulsar"};

    QJsonObject readJson(const QString& path) const {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                              : QJsonObject();
    }

    // Runs an action that must fail; returns its error output.
    QString failure(const QStringList& arguments) {
        twins::testing::ProcessOutcome outcome;
        const QString id = m_runs.run(arguments, &outcome, 60000);
        if (!id.isEmpty() || outcome.exitCode == 0) {
            return QStringLiteral("<succeeded>");
        }
        return outcome.errors;
    }

private slots:
    void simulateThenDedisperse() {
        QVERIFY(m_runs.isValid());
        const QString simulated = m_runs.run(
            {"simulate", "--set", "frames=48", "--set", "channels=64", "--set", "seed=3"});
        QVERIFY(!simulated.isEmpty());
        const QString frames = m_runs.outputs(simulated) + "/frames.nc";
        const auto dataset = twins::data::Dataset::open(frames.toStdString());
        const auto& variable = dataset->variable("frames");
        QCOMPARE(variable.dimensions, (std::vector<std::string>{"frame", "phase", "frequency"}));
        QCOMPARE(variable.shape, (std::vector<std::size_t>{48, 144, 64}));
        auto units = [&](const char* name) {
            for (const auto& attribute : dataset->variable(name).attributes) {
                if (attribute.name == "units") {
                    return QString::fromStdString(attribute.text);
                }
            }
            return QString();
        };
        QCOMPARE(units("frequency"), QString("GHz"));
        QCOMPARE(units("phase"), QString("degree"));
        QCOMPARE(units("dm"), QString("pc cm-3"));
        QCOMPARE(dataset->variable("labels").shape, (std::vector<std::size_t>{48, 3}));
        QVERIFY(dataset->findVariable("mask") != nullptr);
        QVERIFY(dataset->findVariable("rfi_kind") != nullptr);
        QVERIFY(m_runs.lastMetric(simulated, "frames_per_second") > 0.0);

        const QString searched = m_runs.run({"dedisperse", "--input", simulated, "--set",
                                             "false_alarm_rate=0.05", "--set", "dm_max_search=90"});
        QVERIFY(!searched.isEmpty());
        const auto table =
            twins::sdk::readCsv((m_runs.outputs(searched) + "/dedispersion.csv").toStdString());
        QCOMPARE(table.header, (std::vector<std::string>{"frame", "best_dm", "snr", "detected"}));
        QCOMPARE(table.rows.size(), std::size_t(48));
        const QJsonObject summary = readJson(m_runs.outputs(searched) + "/dedispersion.json");
        qInfo("dedisperse: %s", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
        QVERIFY(summary.value("threshold").toDouble() > 0.0);
        QVERIFY(summary.value("false_alarm_rate").toDouble() <= 0.05);
        QVERIFY(summary.value("recall").toDouble() > 0.5);
        QVERIFY(m_runs.lastMetric(searched, "channel_samples_per_second") > 0.0);
    }

    void filterbankThenDedisperse() {
        const QString observed = m_runs.run(
            {"filterbank", "--set", "channels=64", "--set", "duration=4", "--set", "period=0.4",
             "--set", "dm=20", "--set", "observation_snr=40", "--set", "scattering_max=0"});
        QVERIFY(!observed.isEmpty());
        QVERIFY(QFile::exists(m_runs.outputs(observed) + "/observation.fil"));
        const QJsonObject truth = readJson(m_runs.outputs(observed) + "/observation.json");
        QCOMPARE(truth.value("dm").toDouble(), 20.0);
        const QString searched = m_runs.run({"dedisperse", "--input", observed});
        QVERIFY(!searched.isEmpty());
        const double found = m_runs.lastMetric(searched, "best_dm");
        const QJsonObject summary = readJson(m_runs.outputs(searched) + "/dedispersion.json");
        qInfo("filterbank dedisperse: %s",
              QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
        // 64 bins over 0.4 s: a trial step of 0.103 pc cm-3; the pulse is a few bins wide.
        QVERIFY2(std::abs(found - 20.0) < 0.5, qPrintable(QString::number(found)));
        QVERIFY(summary.value("detected").toBool());
    }

    void badSettingsAreRefusedByName() {
        QString errors = failure({"simulate", "--set", "channels=0"});
        QVERIFY2(errors.contains("channels"), qPrintable(errors));
        errors = failure({"simulate", "--set", "dm=-5"});
        QVERIFY2(errors.contains("dm"), qPrintable(errors));
        errors = failure({"simulate", "--set", "frames=2", "--set", "conal_latitudes=3,abc"});
        QVERIFY2(errors.contains("conal_latitudes: 'abc'"), qPrintable(errors));
        errors = failure(
            {"simulate", "--set", "frames=2", "--set", "snr_min=20", "--set", "snr_max=10"});
        QVERIFY2(errors.contains("snr_min <= snr_max"), qPrintable(errors));
        errors = failure({"dedisperse"});
        QVERIFY2(errors.contains("expected an input"), qPrintable(errors));
        const QString allPulsars = m_runs.run({"simulate", "--set", "frames=2", "--set",
                                               "channels=16", "--set", "pulsar_fraction=1"});
        QVERIFY(!allPulsars.isEmpty());
        errors = failure({"dedisperse", "--input", allPulsars});
        QVERIFY2(errors.contains("holds no pulsar-free frame"), qPrintable(errors));
    }
};

QTEST_GUILESS_MAIN(PulsarChainTest)
#include "PulsarChainTest.moc"
