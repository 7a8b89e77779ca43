#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace twins::sdk {

// What a train action declares about the model it produced, written to outputs/model.json
// (format twinbench-model/1, read by twins::runs::ModelCatalogue):
//   {"format": "twinbench-model/1",
//    "weights": ["generator.pt", "gan.json"],        files in outputs/, at least one
//    "metrics": {"val_score": 0.12},                   held-out metrics, finite numbers
//    "validated": true,                                passed the twin's own acceptance
//    "description": "3DGAN width 8 ...",
//    "training_data": {"inputs": [...], ...},          what it was trained on
//    "training_domain": {"energy_gev": [10, 500]},     where its predictions are trustworthy
//    "training_cost": {"wall_seconds": .., "cpu_seconds": .., "threads": .., "steps": ..,
//                      "cpu_hours": .., "watts_per_core": 12, "energy_wh": ..},
//    "code": {"twinbench": "0.1.0", "git": "abc1234", "torch": "1.13.1"}}
struct ModelCard {
    QStringList weights;
    QJsonObject metrics; // non-finite values are dropped when written (JSON has no NaN)
    bool validated = false;
    QString description;
    QJsonObject trainingData;   // the twin's own description; "inputs" is filled by the writer
    QJsonObject trainingDomain; // e.g. ranges of the conditions trained on
    double wallSeconds = 0.0;
    double cpuSeconds = 0.0;
    int threads = 0;
    qint64 steps = 0;
};

// The power drawn per busy CPU core for the energy estimate of a training: 12 W, the default of
// the Green Algorithms calculator for a processor of unknown model (its data/TDP_cpu.csv, row
// "Any": the thermal design power over the number of cores, typical of the desktop and server
// CPUs it lists; Lannelongue, Grealey & Inouye, "Green Algorithms: Quantifying the Carbon
// Footprint of Computation", Advanced Science 8, 2100707, 2021). An estimate of the CPU alone:
// memory, disks, cooling (PUE) and idle cores are not counted, and a real processor may draw
// half or twice this. model.json states the figure it used.
inline constexpr double assumedWattsPerCore = 12.0;

// CPU hours from the process accounting's CPU seconds (user + system, summed over threads, so
// one hour on two busy cores is two CPU hours), and the energy estimate in watt-hours:
// CPU hours x watts per core.
double cpuHours(double cpuSeconds);
double energyEstimateWattHours(double cpuSeconds, double wattsPerCore = assumedWattsPerCore);

// model.json's content for `card`, with the run's `inputs` and the code versions added.
QJsonObject modelCardJson(const ModelCard& card, const QStringList& inputs);

// Writes <outputDirectory>/model.json atomically. Throws SdkError naming the file.
void writeModelCard(const QString& outputDirectory, const ModelCard& card,
                    const QStringList& inputs);

} // namespace twins::sdk
