#pragma once

#include "twinbench/runs/RunRegistry.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace twins::runs {

// A train action declares the model it produced with outputs/model.json:
//   {"format": "twinbench-model/1",
//    "weights": ["weights.pt", "normalisation.json"],   files in outputs/, at least one
//    "metrics": {"val_loss": 0.12, "pod": 0.93},          validation metrics, numbers
//    "validated": true,                                   passed the twin's own acceptance
//    "description": "VGG width 32, 40 epochs"}            optional
// The run's spec supplies the rest of the model's record: its training data (the inputs), the
// parameters and the Twinbench version and git revision that trained it.
inline constexpr char modelManifestName[] = "model.json";
inline constexpr char modelManifestFormat[] = "twinbench-model/1";

struct ModelEntry {
    QString runId;
    QString moduleId;
    QString action;
    QDateTime createdAt;
    QString runDirectory;
    QStringList weightPaths; // absolute
    QJsonObject metrics;
    bool validated = false;
    QString description;
    QStringList trainingInputs; // the train run's inputs as its spec lists them
    QJsonObject parameters;
    QString twinbenchVersion;
    QString gitRevision;
};

// The twins' model registry: every succeeded run with a model manifest, per module, newest
// first. Built from the run registry and the run directories, so it needs no index of its own
// and cannot disagree with them.
class ModelCatalogue {
public:
    // Models of `moduleId` (every module when empty). A run whose manifest is unreadable or
    // inconsistent is skipped and reported in problems() rather than hiding the others.
    static ModelCatalogue scan(const RunRegistry& registry, const QString& moduleId = {});

    const QList<ModelEntry>& models() const { return m_models; }
    const QStringList& problems() const { return m_problems; }
    // The newest validated model of `moduleId`: what an infer run uses by default.
    std::optional<ModelEntry> newestValidated(const QString& moduleId) const;

    // Reads one run's manifest. Throws RunError naming model.json and what is wrong (missing
    // field, a weights file that does not exist, a metric that is not a number).
    static ModelEntry readModel(const RunRecord& record);

private:
    QList<ModelEntry> m_models;
    QStringList m_problems;
};

// "model:latest" in a list of inputs stands for the newest validated model of the run's module.
inline constexpr char latestModelInput[] = "model:latest";

} // namespace twins::runs
