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
//    "training_cost": {"wall_seconds": .., "cpu_seconds": .., "threads": .., "steps": ..},
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

// model.json's content for `card`, with the run's `inputs` and the code versions added.
QJsonObject modelCardJson(const ModelCard& card, const QStringList& inputs);

// Writes <outputDirectory>/model.json atomically. Throws SdkError naming the file.
void writeModelCard(const QString& outputDirectory, const ModelCard& card,
                    const QStringList& inputs);

} // namespace twins::sdk
