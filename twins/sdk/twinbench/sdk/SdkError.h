#pragma once

#include <QString>

#include <stdexcept>

namespace twins::sdk {

// Every failure of the plugin contract is an SdkError whose message names where it comes from
// (a plugin file, a module id, a parameter's source) and what was expected, so the CLI and the
// GUI show it as is. what() is "<source>: <reason>", or just the reason when source is empty.
class SdkError : public std::runtime_error {
public:
    SdkError(QString source, QString reason);

    const QString& source() const { return m_source; }
    const QString& reason() const { return m_reason; }
    QString message() const { return QString::fromUtf8(what()); }

private:
    QString m_source;
    QString m_reason;
};

// Thrown by ActionContext::throwIfCancelled(): the run was asked to stop. The worker ends the run
// in state cancelled rather than failed when it sees this.
class ActionCancelled : public SdkError {
public:
    explicit ActionCancelled(QString source = {});
};

// Thrown by the default TwinModule::query() for a query the module does not answer. The caller
// (ModuleLoader's LoadedModule) turns it into "module X has no query Y".
class UnknownQuery : public SdkError {
public:
    explicit UnknownQuery(QString queryName);

    const QString& queryName() const { return m_queryName; }

private:
    QString m_queryName;
};

} // namespace twins::sdk
