#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace twins::runs {

// What a run does, as stored in its spec.json: enough to run it again and to say later which
// code produced its outputs.
struct RunSpec {
    QString moduleId;       // e.g. "cyclone"
    QString action;         // e.g. "infer"
    QJsonObject parameters; // values for the module's parameter schema
    QStringList inputs;     // file paths, or ids of earlier runs whose outputs are used
    QString backend;        // "local", "slurm", "interlink", ...
    // The Twinbench build that made the spec; fromJson keeps what the file says.
    QString twinbenchVersion;
    QString gitRevision;

    // A spec stamped with this build's version and git revision (twins::sdk::BuildInfo).
    static RunSpec forCurrentBuild(QString moduleId, QString action, QString backend);

    QJsonObject toJson() const;
    // Throws RunError naming `source` (e.g. the spec.json path) and the offending field, e.g.
    // "field 'inputs[1]' must be a string".
    static RunSpec fromJson(const QJsonObject& json, const QString& source);

    friend bool operator==(const RunSpec&, const RunSpec&) = default;
};

} // namespace twins::runs
