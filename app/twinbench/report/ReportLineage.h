#pragma once

#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

namespace twins::app {

// Where a run's inputs come from, back to the runs that made data from nothing (generators):
// one node per run, read from the run directories (spec.json, prov.json), run ids resolved
// through the registry, paths by the run directory that holds them.
struct LineageNode {
    QString runId;
    QString directory;
    QString moduleId;
    QString action;
    QString state;
    QString parameters;       // "size=16, seed=1" (JSON values compact)
    QStringList outputHashes; // "field.nc 3f9a1c2e4b5d..." from prov.json
    QStringList inputRuns;    // ids of the nodes it consumed
    QStringList inputFiles;   // inputs outside any run
    bool isModel = false;     // outputs/model.json: a trained model
    int level = 0;            // 0: consumes no run; else 1 + the deepest input's level
};

// The run itself is the last node; its ancestors come first, each once, by level. At most
// `maximumRuns` nodes (a report is read, not scrolled): `truncated` says when more exist.
struct Lineage {
    QList<LineageNode> nodes;
    bool truncated = false;
    QStringList problems; // inputs that name no readable run
};

// `registryPath` empty: RunRegistry::defaultDatabasePath(). Reads files: not on the GUI thread.
Lineage gatherLineage(const QString& runDirectory, const QString& registryPath = {},
                      int maximumRuns = 12);

// The lineage drawn as layered boxes (one row per level, arrows from input to consumer), for
// the report; `width` in pixels. Null image for a run without inputs.
QImage drawLineage(const Lineage& lineage, int width);

} // namespace twins::app
