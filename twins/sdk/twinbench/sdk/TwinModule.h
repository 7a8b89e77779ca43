#pragma once

#include "twinbench/sdk/ModuleMetadata.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QtPlugin>

namespace twins::sdk {

// What an action sees of the run it executes. The worker implements it (progress into
// status.json, metrics into metrics.jsonl, log lines into log.txt); tests may implement it too.
// An action is called on one thread and calls its context from that thread only.
class ActionContext {
public:
    virtual ~ActionContext() = default;

    // Every parameter of the action, checked and with defaults filled (ParameterSchema::resolve).
    virtual QJsonObject parameters() const = 0;
    // One parameter by type, for the twins' actions (resolved values always have their type, so
    // no default is needed; not virtual, so the plugin contract's layout is unchanged).
    double number(const char* key) const {
        return parameters().value(QLatin1String(key)).toDouble();
    }
    int integer(const char* key) const { return parameters().value(QLatin1String(key)).toInt(); }
    bool flag(const char* key) const { return parameters().value(QLatin1String(key)).toBool(); }
    // The run's inputs as absolute paths: a run id given as input is already turned into that
    // run's outputs/ directory.
    virtual QStringList inputs() const = 0;
    // Where results go (the run's outputs/); the result specs name files relative to it.
    virtual QString outputDirectory() const = 0;
    // Scratch space kept with the run (not hashed into provenance).
    virtual QString workDirectory() const = 0;

    // fraction in 0..1; the worker may drop intermediate reports to spare the disk, but the
    // last one always reaches status.json.
    virtual void reportProgress(double fraction, const QString& message) = 0;
    virtual void reportMetric(qint64 step, const QString& name, double value) = 0;
    virtual void log(const QString& line) = 0;

    // True once the run has been asked to stop (SIGTERM/SIGINT for the worker). Long actions
    // check it at least every ~0.1 s and stop by calling throwIfCancelled().
    virtual bool isCancelled() const = 0;
    // Throws ActionCancelled when isCancelled().
    void throwIfCancelled() const;
};

// The interface a twin implements, as a QObject subclass that also declares
//   Q_PLUGIN_METADATA(IID "org.twinbench.TwinModule/1" FILE "mytwin.json")
//   Q_INTERFACES(twins::sdk::TwinModule)
// Everything descriptive (parameters, actions, queries, result specs) is in the JSON metadata so
// the GUI can read it without loading the library; the code only does the work.
class TwinModule {
public:
    virtual ~TwinModule() = default;

    // Runs one action of the module's metadata. Failure: throw (SdkError or any std::exception)
    // with a message that names the offending input/parameter; cancellation: throwIfCancelled().
    virtual void runAction(const QString& actionId, ActionContext& context) = 0;

    // Answers an interactive query (see QuerySpec) with a JSON object. The default has none:
    // it throws UnknownQuery, reported as "module X has no query Y".
    virtual QJsonObject query(const QString& name, const QJsonObject& arguments);

    // The contract version this plugin was compiled against. Inline in this header on purpose:
    // it is the plugin's own compiled-in value that ModuleLoader compares with the worker's.
    virtual int compiledAbiVersion() const { return twinModuleAbiVersion; }
};

} // namespace twins::sdk

// The literal must equal twinModuleIid (moc needs a literal here and in Q_PLUGIN_METADATA).
Q_DECLARE_INTERFACE(twins::sdk::TwinModule, "org.twinbench.TwinModule/1")
