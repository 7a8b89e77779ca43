#include "twinbench/sdk/SessionClient.h"

#include "twinbench/sdk/SdkError.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QLocalSocket>

namespace twins::sdk {

SessionClient::SessionClient(QString socketPath) : m_socketPath(std::move(socketPath)) {}

SessionClient::~SessionClient() = default;

void SessionClient::connectToWorker(int timeoutMilliseconds) {
    m_socket = std::make_unique<QLocalSocket>();
    m_socket->connectToServer(m_socketPath);
    if (!m_socket->waitForConnected(timeoutMilliseconds)) {
        const QString reason = m_socket->errorString();
        m_socket.reset();
        throw SdkError(m_socketPath,
                       QStringLiteral("cannot connect to the session worker within %1 ms: %2")
                           .arg(timeoutMilliseconds)
                           .arg(reason));
    }
}

bool SessionClient::isConnected() const {
    return m_socket && m_socket->state() == QLocalSocket::ConnectedState;
}

void SessionClient::disconnectFromWorker() {
    if (m_socket) {
        m_socket->disconnectFromServer();
        m_socket.reset();
    }
}

QJsonObject SessionClient::request(const QString& module, const QString& query,
                                   const QJsonObject& arguments, int timeoutMilliseconds) {
    return exchange(QJsonObject{{QStringLiteral("module"), module},
                                {QStringLiteral("query"), query},
                                {QStringLiteral("arguments"), arguments}},
                    timeoutMilliseconds);
}

QJsonObject SessionClient::ping(int timeoutMilliseconds) {
    return exchange(QJsonObject{{QStringLiteral("query"), QStringLiteral("ping")}},
                    timeoutMilliseconds);
}

void SessionClient::shutdown(int timeoutMilliseconds) {
    exchange(QJsonObject{{QStringLiteral("query"), QStringLiteral("shutdown")}},
             timeoutMilliseconds);
    disconnectFromWorker();
}

QJsonObject SessionClient::exchange(QJsonObject message, int timeoutMilliseconds) {
    if (!isConnected()) {
        throw SdkError(m_socketPath, QStringLiteral("not connected to the session worker"));
    }
    const qint64 id = m_nextId++;
    message.insert(QStringLiteral("id"), id);
    const QDeadlineTimer deadline(timeoutMilliseconds);
    m_socket->write(QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n');
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(static_cast<int>(deadline.remainingTime()))) {
            throw SdkError(
                m_socketPath,
                QStringLiteral("cannot send the request: %1").arg(m_socket->errorString()));
        }
    }
    for (;;) {
        while (!m_socket->canReadLine()) {
            if (deadline.hasExpired() ||
                !m_socket->waitForReadyRead(static_cast<int>(deadline.remainingTime()))) {
                const bool lost = m_socket->state() != QLocalSocket::ConnectedState;
                throw SdkError(m_socketPath,
                               lost ? QStringLiteral("the session worker closed the connection "
                                                     "before answering '%1'")
                                          .arg(message.value(QStringLiteral("query")).toString())
                                    : QStringLiteral("no answer to '%1' within %2 ms")
                                          .arg(message.value(QStringLiteral("query")).toString())
                                          .arg(timeoutMilliseconds));
            }
        }
        const QByteArray line = m_socket->readLine();
        QJsonParseError parseError{};
        const QJsonDocument answer = QJsonDocument::fromJson(line, &parseError);
        if (!answer.isObject()) {
            throw SdkError(m_socketPath, QStringLiteral("the session worker sent a line that is "
                                                        "not a JSON object: %1")
                                             .arg(parseError.errorString()));
        }
        const QJsonObject object = answer.object();
        // An answer to an earlier request that timed out: not ours, skip it.
        if (object.value(QStringLiteral("id")).toInteger(-1) != id) {
            continue;
        }
        if (object.contains(QStringLiteral("error"))) {
            throw SdkError(m_socketPath, object.value(QStringLiteral("error")).toString());
        }
        return object.value(QStringLiteral("result")).toObject();
    }
}

} // namespace twins::sdk
