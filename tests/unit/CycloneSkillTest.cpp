// Skill of the cyclone CNN, not only a falling loss (issue 17): a tiny VGG trained for a few
// epochs on a small fixed generated set must reach stated POD/FAR bounds on a held-out generated
// set, other storms in another year that training never saw, scored as the acceptance scores
// the twin (infer -> its tracks -> validate against the true tracks). The same network before
// training must miss those bounds on the same held-out set, so the bounds measure what training
// taught, not what any output would score. Everything runs through the real worker.
#include "WorkerRuns.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

namespace {

// The bounds the trained tiny model must reach on held-out data. Measured when they were set
// (this test's settings): POD 0.939, FAR 0.162, mean error 150 km after 6 epochs (~15 s), and
// POD 0.263, FAR 0.996 before training. The tiny model at 1 degree does not reach the
// acceptance's POD >= 0.90 / FAR <= 0.10 of the default model at 0.25 degrees (10 more epochs,
// a wider model or more data left its FAR at 0.13-0.20), so these bounds are looser, with a
// margin for other CPUs' arithmetic, and still far beyond an untrained network.
constexpr double minimumPod = 0.85;
constexpr double maximumFar = 0.25;

struct Skill {
    double pod = std::nan("");
    double far = std::nan("");
    double meanErrorKm = std::nan("");
    int detections = 0;
    int hits = 0;

    // NaN (nothing detected, or nothing to detect) never meets a bound.
    bool meetsBounds() const { return pod >= minimumPod && far <= maximumFar; }
    QString text() const {
        return QStringLiteral("POD %1, FAR %2, mean error %3 km, %4 tracked points, %5 hits")
            .arg(pod, 0, 'f', 3)
            .arg(far, 0, 'f', 3)
            .arg(meanErrorKm, 0, 'f', 1)
            .arg(detections)
            .arg(hits);
    }
};

} // namespace

class CycloneSkillTest : public QObject {
    Q_OBJECT

private:
    twins::testing::WorkerRuns m_runs{"cyclone"};

    QString run(const QStringList& arguments) { return m_runs.run(arguments); }

    // A tiny VGG (2 blocks, width 0.125, 10x10 patches: 10 degrees at 1 degree, as 40 points at
    // 0.25 in the original) on the training set. One LibTorch thread: deterministic for a seed,
    // and a second OpenMP thread spins against parallel builds on a loaded test machine.
    QString train(const QString& trainingSet, int epochs, double learningRate) {
        return run({"train",
                    "--input",
                    trainingSet,
                    "--set",
                    "patch_size=10",
                    "--set",
                    "blocks=2",
                    "--set",
                    "width=0.125",
                    "--set",
                    QStringLiteral("epochs=%1").arg(epochs),
                    "--set",
                    "batch_size=32",
                    "--set",
                    "background_ratio=0",
                    "--set",
                    QStringLiteral("learning_rate=%1").arg(learningRate),
                    "--set",
                    "seed=2",
                    "--set",
                    "threads=1"});
    }

    // The model's tracked points on the held-out set against its true tracks.
    Skill score(const QString& model, const QString& heldOut) {
        Skill skill;
        const QString inferred =
            run({"infer", "--input", model, "--input", heldOut, "--set", "threads=1"});
        if (inferred.isEmpty()) {
            return skill;
        }
        const QString validated = run({"validate", "--input", inferred, "--input", heldOut});
        QFile file(m_runs.outputs(validated) + "/metrics.json");
        if (validated.isEmpty() || !file.open(QIODevice::ReadOnly)) {
            return skill;
        }
        const QJsonObject metrics =
            QJsonDocument::fromJson(file.readAll()).object().value("metrics").toObject();
        // A missing POD or FAR (validate writes none when it cannot compute one) stays NaN.
        skill.pod = metrics.value("pod").toDouble(std::nan(""));
        skill.far = metrics.value("far").toDouble(std::nan(""));
        skill.meanErrorKm = metrics.value("mean_error_km").toDouble(std::nan(""));
        skill.detections = metrics.value("detections").toInt();
        skill.hits = metrics.value("hits").toInt();
        return skill;
    }

private slots:
    void trainedTinyModelMeetsBoundsOnHeldOutData() {
        QVERIFY(m_runs.isValid());
        // Training: August 2017. Held out: September 2018 with another seed, so other storms
        // on other days; training never reads it.
        const QString trainingSet = run({"generate", "--set", "period=2017-08-01/2017-08-20",
                                         "--set", "resolution=1", "--set", "seed=5"});
        const QString heldOut = run({"generate", "--set", "period=2018-09-01/2018-09-10", "--set",
                                     "resolution=1", "--set", "seed=9"});
        QVERIFY(!trainingSet.isEmpty() && !heldOut.isEmpty());

        // Before training: the same network and initial weights (same seed), one epoch at the
        // smallest learning rate the action accepts (1e-6: AdamW moves a weight by at most
        // about that per step, against initial weights of order 0.1).
        const QString untrained = train(trainingSet, 1, 1e-6);
        QVERIFY(!untrained.isEmpty());
        const Skill before = score(untrained, heldOut);

        const QString trained = train(trainingSet, 6, 0.003);
        QVERIFY(!trained.isEmpty());
        const Skill after = score(trained, heldOut);

        qInfo("held-out skill (bounds POD >= %.2f, FAR <= %.2f): before training %s; after "
              "training %s",
              minimumPod, maximumFar, qPrintable(before.text()), qPrintable(after.text()));
        QVERIFY2(!before.meetsBounds(),
                 qPrintable("the untrained network meets the bounds, so they measure nothing: " +
                            before.text()));
        QVERIFY2(after.hits > 0, qPrintable(after.text()));
        QVERIFY2(after.meetsBounds(), qPrintable("the trained tiny model misses the bounds on "
                                                 "held-out data: " +
                                                 after.text()));
    }
};

QTEST_GUILESS_MAIN(CycloneSkillTest)
#include "CycloneSkillTest.moc"
