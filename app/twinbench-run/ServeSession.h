#pragma once

#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/sdk/ModuleLoader.h"

#include <QHash>
#include <QJsonObject>
#include <QLocalServer>
#include <QObject>

#include <memory>

class QLocalSocket;

namespace worker {

// The session worker behind `twinbench-run serve`: answers interactive queries of twins over a
// QLocalServer, one JSON request per line, one answer per line (protocol in twins/sdk
// SessionClient.h). Modules are loaded on first use and kept for the life of the session, so
// only the first query of a module pays for loading it (and, for a real twin, its weights).
// Requests are answered one at a time on the main thread, in arrival order.
class ServeSession : public QObject {
    Q_OBJECT

public:
    explicit ServeSession(twins::sdk::ModuleCatalog catalog, QObject* parent = nullptr);
    ~ServeSession() override;

    // Listens on `socketPath` (a stale socket file from a crashed session is removed first).
    // Returns false with the reason in `error`.
    bool listen(const QString& socketPath, QString& error);

signals:
    // A client sent {"query": "shutdown"}; its answer has been written.
    void shutdownRequested();

private:
    void acceptConnections();
    void readRequests(QLocalSocket* socket);
    QJsonObject answer(const QByteArray& line);
    QJsonObject answerQuery(const QJsonObject& request);
    QJsonObject moduleList() const;
    twins::sdk::LoadedModule& module(const QString& id);

    twins::sdk::ModuleCatalog m_catalog;
    QLocalServer m_server;
    QHash<QString, std::shared_ptr<twins::sdk::LoadedModule>> m_loaded;
    bool m_shutdownAnswered = false;
};

} // namespace worker
