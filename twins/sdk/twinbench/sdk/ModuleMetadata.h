#pragma once

#include "twinbench/sdk/ParameterSchema.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace twins::sdk {

// The Qt plugin interface id every twin declares in Q_PLUGIN_METADATA(IID ...), and the version
// of the contract in this header set. A plugin whose metadata or compiled-in ABI version differs
// is refused with a reason instead of being loaded (see ModuleCatalog, ModuleLoader).
inline constexpr char twinModuleIid[] = "org.twinbench.TwinModule/1";
inline constexpr int twinModuleAbiVersion = 1;

// What one run of an action asks a batch system for (JSON "resources" of the action, optional):
// SLURM's --cpus-per-task and --mem, interLink's pod limits. The local backend ignores it; an
// action that declares nothing gets the backend's defaults. `cpus_parameter` names one of the
// action's integer parameters (e.g. "threads") whose value, when a run sets it above 0, is the
// run's CPU count instead of `cpus`.
struct ActionResources {
    int cpus = 0;      // JSON "cpus"; 0: not declared
    int memoryMiB = 0; // JSON "memory_mib"; 0: not declared
    QString cpusParameter;

    bool declared() const { return cpus > 0 || memoryMiB > 0 || !cpusParameter.isEmpty(); }
    // The resources of one run with these parameter values (cpusParameter applied).
    ActionResources forRun(const QJsonObject& parameters) const;
    QJsonObject toJson() const;
};

// One job a module can run, e.g. "generate", "train", "infer".
struct ActionSpec {
    QString id;
    QString label;
    QString help;
    QString inputs; // human text of what inputs it expects, e.g. "none" or "one field.nc"
    // The module parameters this action uses, in form order. When the metadata omits the list,
    // the action uses every module parameter.
    QStringList parameterKeys;
    ActionResources resources;

    QJsonObject toJson() const;
};

// A cheap interactive request the session worker answers (twinbench-run serve).
struct QuerySpec {
    QString name;
    QString help;      // what it returns
    QString arguments; // human text of the arguments it takes
    // The module parameters that are the query's typed arguments, in form order (JSON
    // "parameters"); the GUI's Explore dock builds its controls from their schema and sends
    // their values as the request's arguments. Empty when the metadata has no list: the query
    // then only has the untyped arguments its text describes.
    QStringList parameterKeys;
    // How the GUI draws the answer: one of resultKinds() (e.g. "volume", "tracks",
    // "metrics_table"), following the answer conventions of plugins/README.md; empty when the
    // query does not declare one (the answer is then shown as JSON text).
    QString answer;

    QJsonObject toJson() const;
};

// Declarative description of how an output is shown; the GUI renders it, plugins carry no GUI
// code. kind is one of resultKinds().
struct ResultSpec {
    QString kind;     // map, uncertainty, tracks, points, volume, spectrogram, line_chart,
                      // histogram, metrics_table, xy_curves
    QString action;   // the action whose run produces it
    QString output;   // path relative to the run's outputs/, e.g. "field.nc"
    QString variable; // variable in that file, when it has several
    QString title;
    QString units;
    QString colormap;
    QJsonObject options; // kind-specific extras (e.g. {"x": "lon", "y": "lat"})

    QJsonObject toJson() const;
};

QStringList resultKinds();

// A fit-for-purpose threshold (JSON "fit_for_purpose"): what a twin's users need from its models,
// declared before any validation it judges. The metric `metric` reported by a run of action
// `from` (the model's own train action: its held-out metrics; another action: the runs that
// consume the model, e.g. validate) must be at least or at most `bound`. One bound per
// threshold; a range is two thresholds on the same metric.
struct FitnessThreshold {
    QString metric;
    QString from;
    bool atLeast = true; // false: at most
    double bound = 0.0;
    QString why; // the reason for the figure, e.g. the issue or the user need that set it

    // NaN (a metric that could not be computed) never passes.
    bool passes(double value) const;
    // "pod >= 0.9"
    QString text() const;
    QJsonObject toJson() const;
};

// What a twin declares about itself in its plugin metadata (the "MetaData" object of
// Q_PLUGIN_METADATA's FILE); see plugins/README.md for every field.
struct ModuleMetadata {
    QString id; // lower-case letters, digits, '_' and '-'; unique across the search path
    QString name;
    QString domain;
    QString version;
    QString description;
    int abiVersion = 0;
    ParameterSchema parameters; // every parameter of the module
    QList<ActionSpec> actions;
    QList<QuerySpec> queries;
    QList<ResultSpec> results;
    QList<FitnessThreshold> fitForPurpose;

    const ActionSpec* findAction(const QString& actionId) const;
    const QuerySpec* findQuery(const QString& name) const;
    QStringList actionIds() const;
    // The parameters `actionId` uses (ActionSpec::parameterKeys). Throws SdkError naming the
    // module for an unknown action, listing the actions it has.
    ParameterSchema actionParameters(const QString& actionId) const;
    // What a run of `actionId` takes: actionParameters() followed by the SDK's common run
    // parameters (CommonRunParameters.h), which every action has without declaring them.
    ParameterSchema runParameters(const QString& actionId) const;
    // The parameters `queryName` takes (QuerySpec::parameterKeys). Throws SdkError naming the
    // module for an unknown query, listing the queries it has.
    ParameterSchema queryParameters(const QString& queryName) const;
    QStringList queryNames() const;

    // Reads the object QPluginLoader::metaData() returns ({"IID": ..., "MetaData": {...}, ...}).
    // Throws SdkError naming `source` (the plugin path) for a wrong IID, a missing or malformed
    // field, an ABI version other than twinModuleAbiVersion, an action or query naming an
    // unknown parameter, a query answering an unknown kind, a query declared twice or a result
    // naming an unknown action or kind, or a fit-for-purpose threshold with neither or both of
    // at_least and at_most, a bound that is not a finite number, an undeclared `from` action or
    // one declared twice.
    static ModuleMetadata fromPluginMetaData(const QJsonObject& qpluginLoaderMetaData,
                                             const QString& source);
    // Reads the "MetaData" object itself (same checks but the IID).
    static ModuleMetadata fromJson(const QJsonObject& metaData, const QString& source);
    // The "MetaData" object, as fromJson reads it.
    QJsonObject toJson() const;
};

} // namespace twins::sdk
