#pragma once

#include "WorkerRuns.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>

// The runs of one shipped twin at the smallest settings its own tests use (tests/unit: the
// chain, CNN, GAN, networks, infer and project tests), one run per action that declares
// results, made through the real worker. A step's arguments start with the action; an input
// "@name" is the id of the earlier step of that name. The step named like an action is the run
// whose results are rendered for that action.
namespace twins::testing {

struct ChainStep {
    QString name;
    QStringList arguments;
};

struct TwinChain {
    TwinChain() = default;
    TwinChain(QString id, QList<ChainStep> chain) : twin(std::move(id)), steps(std::move(chain)) {}

    QString twin;
    QList<ChainStep> steps;
    // Filled by makeRuns(): step name -> run id, or the first failure.
    QMap<QString, QString> runs;
    QString failure;
    std::shared_ptr<WorkerRuns> worker;

    // Runs the steps in order (blocking; safe on a thread of its own: no QTest macros).
    void makeRuns() {
        worker = std::make_shared<WorkerRuns>(twin);
        for (const ChainStep& step : steps) {
            QStringList arguments;
            for (const QString& argument : step.arguments) {
                arguments << (argument.startsWith('@') ? runs.value(argument.mid(1)) : argument);
            }
            ProcessOutcome outcome;
            const QString id = worker->run(arguments, &outcome);
            if (id.isEmpty()) {
                failure = QStringLiteral("%1 %2 failed: %3")
                              .arg(twin, arguments.join(' '), outcome.errors.right(2000));
                return;
            }
            runs.insert(step.name, id);
        }
    }
};

inline QStringList settings(const QStringList& assignments) {
    QStringList arguments;
    for (const QString& assignment : assignments) {
        arguments << QStringLiteral("--set") << assignment;
    }
    return arguments;
}

// cyclone: the chain of test_export_result's first version (4 days at 2.5 deg) plus the
// classical detector and the CNN at test_cyclone_cnn's tiny size (2 blocks, width 0.125, one
// LibTorch thread), its patch scaled to the coarser grid (about 10 deg: 4 points).
inline TwinChain cycloneChain() {
    return {
        "cyclone",
        {{"generate",
          QStringList{"generate"} + settings({"period=2017-09-01/2017-09-04", "resolution=2.5"})},
         {"detect", {"detect", "--input", "@generate"}},
         {"track", {"track", "--input", "@detect"}},
         {"validate", {"validate", "--input", "@track", "--input", "@generate"}},
         {"detect_classical", {"detect_classical", "--input", "@generate"}},
         {"train", QStringList{"train", "--input", "@generate"} +
                       settings({"patch_size=4", "blocks=1", "width=0.125", "epochs=1",
                                 "batch_size=32", "background_ratio=0", "seed=2", "threads=1"})},
         {"infer", QStringList{"infer", "--input", "@train", "--input", "@generate"} +
                       settings({"threads=1", "mc_passes=4", "consensus=1",
                                 "detection_threshold=0.2", "min_track_length=1"})},
         {"tune", QStringList{"tune", "--input", "@infer"} +
                      settings({"consensus=1", "tune_thresholds=0.2,0.5",
                                "tune_min_track_lengths=1,2", "tune_min_winds=0,20"})}}};
}

// wildfire: test_wildfire_project's cubes (2001-2003 and an ssp585 2002-2003, 12 x 12 cells
// at 2 deg) and its one-epoch UNet++ (depth 1, 4 filters); infer and validate as
// test_wildfire_infer; project with 2 Monte Carlo passes (the fewest members it takes).
inline TwinChain wildfireChain() {
    const QStringList grid{"resolution=2", "bbox=10,-20,34,4"};
    return {
        "wildfire",
        {{"generate", QStringList{"generate"} +
                          settings(QStringList{"first_year=2001", "last_year=2003"} + grid)},
         {"scenario",
          QStringList{"generate"} +
              settings(QStringList{"first_year=2002", "last_year=2003", "scenario=ssp585"} + grid)},
         {"train", QStringList{"train", "--input", "@generate"} +
                       settings({"train_first_year=2001", "train_last_year=2001",
                                 "validation_last_year=2002", "depth=1", "base_filters=4",
                                 "epochs=1", "threads=1", "seed=3"})},
         {"infer", QStringList{"infer", "--input", "@train", "--input", "@generate"} +
                       settings({"period=2002-01-01/2003-12-31", "mc_passes=2", "threads=1"})},
         {"validate", QStringList{"validate", "--input", "@infer", "--input", "@generate"} +
                          settings({"test_last_year=2003", "bootstrap=20"})},
         {"project", QStringList{"project", "--input", "@train", "--input", "@scenario", "--input",
                                 "@generate"} +
                         settings({"period=2003-01-01/2003-12-31", "mc_passes=2", "threads=1"})}}};
}

// calogan: test_export_result's 40 reference showers at 100 and 150 GeV, test_calo_gan's tiny
// GAN (width 0.125, no extra blocks, batches of 8, one thread) for one epoch (validated before
// and after it: a line of two points), GAN showers for the reference's conditions with a small
// spread table, and validate of the GAN against the reference.
inline TwinChain caloganChain() {
    return {"calogan",
            {{"simulate",
              QStringList{"simulate"} + settings({"events=40", "energies=100,150", "seed=1"})},
             {"train", QStringList{"train", "--input", "@simulate"} +
                           settings({"width=0.125", "depth=0", "batch_size=8", "epochs=1",
                                     "validation_showers=16", "calibration_showers=0",
                                     "final_calibration_showers=0", "threads=1", "seed=5"})},
             {"generate", QStringList{"generate", "--input", "@train", "--input", "@simulate"} +
                              settings({"spread_energies=100", "spread_thetas=90",
                                        "spread_showers=8", "threads=1"})},
             {"validate", QStringList{"validate", "--input", "@simulate", "--input", "@generate"} +
                              settings({"energy_bins=100,150"})}}};
}

// pulsar: test_pulsar_results' chain (the networks on a 32 x 32 grid, one epoch), its training
// frames bright (S/N 40-60) so the simulated frame shows its pulse and mask.
inline TwinChain pulsarChain() {
    return {"pulsar",
            {{"simulate", QStringList{"simulate"} +
                              settings({"frames=4", "channels=64", "seed=4", "pulsar_fraction=1",
                                        "snr_min=40", "snr_max=60"})},
             {"dedisperse",
              QStringList{"dedisperse", "--input", "@simulate"} + settings({"threshold=8"})},
             {"train", QStringList{"train", "--input", "@simulate"} +
                           settings({"grid_phase_bins=32", "grid_channels=32", "unet_width=2",
                                     "unet_depth=2", "classifier_width=2", "epochs=1",
                                     "batch_size=2", "validation_fraction=0.25", "threads=1"})},
             {"test", QStringList{"simulate"} + settings({"frames=8", "channels=64", "seed=5"})},
             {"classify", {"classify", "--input", "@train", "--input", "@test"}},
             {"validate", QStringList{"validate", "--input", "@train", "--input", "@test"} +
                              settings({"threads=1", "example_frames=2", "dm_max_search=60"})}}};
}

// Every shipped twin's chain, by twin id.
inline QMap<QString, TwinChain> smallestChains() {
    QMap<QString, TwinChain> chains;
    for (TwinChain chain : {cycloneChain(), wildfireChain(), caloganChain(), pulsarChain()}) {
        chains.insert(chain.twin, chain);
    }
    return chains;
}

} // namespace twins::testing
