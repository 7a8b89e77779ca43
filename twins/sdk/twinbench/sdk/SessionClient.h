#pragma once

#include <QJsonObject>
#include <QString>

#include <memory>

class QLocalSocket;

namespace twins::sdk {

// Client of the session worker (`twinbench-run serve --socket PATH`). Protocol: one line of
// JSON per request {"id": n, "module": "testtwin", "query": "field_stats", "arguments": {...}},
// one line per answer {"id": n, "result": {...}} or {"id": n, "error": "..."}; "ping" (no
// module) answers {"modules": [...]}, "shutdown" stops the worker.
//
// Blocking calls with timeouts, usable without an event loop (e.g. from a worker thread of the
// GUI). One object talks to one worker and must stay on one thread. Every failure throws
// SdkError naming the socket path.
class SessionClient {
public:
    explicit SessionClient(QString socketPath);
    ~SessionClient();
    SessionClient(const SessionClient&) = delete;
    SessionClient& operator=(const SessionClient&) = delete;

    const QString& socketPath() const { return m_socketPath; }

    void connectToWorker(int timeoutMilliseconds = 5000);
    bool isConnected() const;
    void disconnectFromWorker();

    // Sends one request and waits for its answer; returns "result", throws SdkError with the
    // worker's "error" text (or a timeout / lost-connection reason).
    QJsonObject request(const QString& module, const QString& query,
                        const QJsonObject& arguments = {}, int timeoutMilliseconds = 30000);
    // {"modules": [{"id": ..., "name": ..., "loaded": bool}, ...]}
    QJsonObject ping(int timeoutMilliseconds = 5000);
    // Asks the worker to stop; returns once it has acknowledged.
    void shutdown(int timeoutMilliseconds = 5000);

private:
    QJsonObject exchange(QJsonObject message, int timeoutMilliseconds);

    QString m_socketPath;
    std::unique_ptr<QLocalSocket> m_socket;
    qint64 m_nextId = 1;
};

} // namespace twins::sdk
