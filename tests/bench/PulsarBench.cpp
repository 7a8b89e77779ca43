// Bench (label bench) of the pulsar twin (plugins/pulsar), on one thread each:
//  - classifier frames per second: the networks of the classify action (U-Net, classifier with
//    the delay-graph, band and phase branches; the default architecture on ML-PPA's 128 x 128
//    grid) against the same networks with the same weights in Debian's python3-torch
//    (PulsarBench.py), alternating three rounds so both see the same machine load; each side's
//    fastest round counts. Target (issue 20): C++ / python >= 1.0. Writes
//    <build>/bench/pulsar_classifier.json.
//  - dedispersion throughput: the dedisperse action (the classical peer: fold at the period,
//    incoherent dedispersion over DM trials, threshold from 100 rotated searches not timed) on
//    a 600-channel filterbank sampled every 1 ms, in input channel-samples per second, against
//    the real-time budget the observation states: 600 channels every 1 ms are 6e5
//    channel-samples per second. Target (issue 20 asked for the rate against a stated budget):
//    >= 1.0, keeping up with the telescope on one core. Writes
//    <build>/bench/pulsar_dedispersion.json.
#include "BenchTargets.h"
#include "WorkerRuns.h"

#include <QProcess>
#include <QTest>

#include <algorithm>
#include <cmath>

class PulsarBench : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"pulsar"};

    QString run(const QStringList& arguments) { return m_runs.run(arguments, nullptr, 1200000); }

private slots:
    void classifierFramesPerSecond() {
        twins::bench::BenchReport report("pulsar_classifier");
        QVERIFY(m_runs.isValid());
        const QString training =
            run({"simulate", "--set", "frames=64", "--set", "seed=5", "--set", "threads=1"});
        QVERIFY(!training.isEmpty());
        // The default architecture trained two steps: throughput does not depend on how well.
        const QString trained = run({"train", "--input", training, "--set", "epochs=1", "--set",
                                     "batch_size=32", "--set", "validation_fraction=0.25", "--set",
                                     "min_accuracy=0", "--set", "threads=1"});
        QVERIFY(!trained.isEmpty());
        const QString frames =
            run({"simulate", "--set", "frames=128", "--set", "seed=6", "--set", "threads=1"});
        QVERIFY(!frames.isEmpty());
        const QString model = m_runs.filePath(trained + "/outputs/");
        double cpp = 0.0, peer = 0.0;
        const int rounds = 3;
        for (int round = 0; round < rounds; ++round) {
            const QString classified =
                run({"classify", "--input", trained, "--input", frames, "--set", "threads=1"});
            QVERIFY(!classified.isEmpty());
            cpp = std::max(cpp, m_runs.lastMetric(classified, "network_frames_per_second"));
            QProcess python;
            python.start("/usr/bin/python3",
                         {QStringLiteral(TWINBENCH_SOURCE_DIR "/tests/bench/PulsarBench.py"),
                          model + "pulsar_nets.pt", model + "pulsar_nets.json", "128"});
            QVERIFY(python.waitForFinished(600000));
            QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
            peer = std::max(peer, python.readAllStandardOutput().trimmed().toDouble());
        }
        QVERIFY(cpp > 0.0 && peer > 0.0);
        qInfo("pulsar networks (128 x 128 grid, U-Net width 8 depth 3, classifier width 16), "
              "batch 64, 1 thread, fastest of %d rounds: C++ %.1f frames/s, python3-torch %.1f "
              "frames/s, ratio %.2f",
              rounds, cpp, peer, cpp / peer);
        report.add({"U-Net + classifier, 128 x 128 frames, batch 64, 1 thread", "frames/s",
                    "classify action's networks (C++ LibTorch), fastest of 3 rounds", cpp,
                    "the same networks and weights in python3-torch, fastest of 3 rounds", peer,
                    twins::bench::Better::Higher, 1.0,
                    "issue 20: ratio >= 1.0 against python3-torch with the same networks"});
        report.detail("grid", "128 x 128");
        report.detail("architecture", "unet_width 8, unet_depth 3, classifier_width 16");
        TWINBENCH_REPORT_AND_VERIFY(report);
    }

    void dedispersionAgainstRealTime() {
        twins::bench::BenchReport report("pulsar_dedispersion");
        QVERIFY(m_runs.isValid());
        const int channels = 600;
        const double tsampMs = 1.0;
        const QString observation =
            run({"filterbank", "--set", QString("channels=%1").arg(channels), "--set",
                 QString("tsamp=%1").arg(tsampMs), "--set", "duration=30", "--set", "period=0.5",
                 "--set", "dm=40", "--set", "seed=3"});
        QVERIFY(!observation.isEmpty());
        const QString searched = run({"dedisperse", "--input", observation, "--set", "threads=1"});
        QVERIFY(!searched.isEmpty());
        const double measured = m_runs.lastMetric(searched, "channel_samples_per_second");
        const double budget = channels / (1e-3 * tsampMs);
        QVERIFY(measured > 0.0);
        // The search found the injected pulsar (the throughput is of a search that works).
        QVERIFY2(std::abs(m_runs.lastMetric(searched, "best_dm") - 40.0) < 2.0,
                 qPrintable(QString::number(m_runs.lastMetric(searched, "best_dm"))));
        qInfo("dedispersion (fold at 0.5 s + incoherent search over DM 0-100), 1 thread: %.3g "
              "input channel-samples/s, real time %.3g, %.1fx real time",
              measured, budget, measured / budget);
        report.add({"fold + DM search of a 600-channel, 1 ms filterbank, 1 thread",
                    "channel-samples/s", "dedisperse action (C++)", measured,
                    "real-time rate of the observation (600 channels every 1 ms)", budget,
                    twins::bench::Better::Higher, 1.0,
                    "issue 20: dedispersion against a stated real-time budget; >= 1.0 keeps up "
                    "with the telescope on one core"});
        report.detail("trial_channel_samples_per_second",
                      m_runs.lastMetric(searched, "trial_channel_samples_per_second"));
        report.detail("observation_seconds", 30);
        TWINBENCH_REPORT_AND_VERIFY(report);
    }
};

QTEST_GUILESS_MAIN(PulsarBench)
#include "PulsarBench.moc"
