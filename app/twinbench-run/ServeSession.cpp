#include "ServeSession.h"

#include "twinbench/jobs/CpuState.h"
#include "twinbench/sdk/SdkError.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>

namespace worker {

namespace {

const QString idField = QStringLiteral("id");
const QString queryField = QStringLiteral("query");
const QString moduleField = QStringLiteral("module");
const QString argumentsField = QStringLiteral("arguments");

QJsonObject errorAnswer(const QJsonValue& id, const QString& message) {
    return QJsonObject{{idField, id}, {QStringLiteral("error"), message}};
}

} // namespace

ServeSession::ServeSession(twins::sdk::ModuleCatalog catalog, QObject* parent)
    : QObject(parent), m_catalog(std::move(catalog)) {
    connect(&m_server, &QLocalServer::newConnection, this, &ServeSession::acceptConnections);
}

ServeSession::~ServeSession() {
    m_server.close(); // removes the socket file
}

bool ServeSession::listen(const QString& socketPath, QString& error) {
    // Only the user who started the worker may talk to it: it runs plugin code on request.
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    QLocalServer::removeServer(socketPath);
    if (!m_server.listen(socketPath)) {
        error = m_server.errorString();
        return false;
    }
    return true;
}

void ServeSession::acceptConnections() {
    while (QLocalSocket* socket = m_server.nextPendingConnection()) {
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readRequests(socket); });
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void ServeSession::readRequests(QLocalSocket* socket) {
    while (socket->canReadLine()) {
        const QByteArray line = socket->readLine().trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const QJsonObject reply = answer(line);
        socket->write(QJsonDocument(reply).toJson(QJsonDocument::Compact) + '\n');
        socket->flush();
        if (m_shutdownAnswered) {
            socket->waitForBytesWritten(1000);
            emit shutdownRequested();
            return;
        }
    }
}

QJsonObject ServeSession::answer(const QByteArray& line) {
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (!document.isObject()) {
        return errorAnswer(QJsonValue::Null,
                           QStringLiteral("request is not a JSON object (%1); expected one line "
                                          "{\"id\": ..., \"module\": ..., \"query\": ..., "
                                          "\"arguments\": {...}}")
                               .arg(parseError.error == QJsonParseError::NoError
                                        ? QStringLiteral("not an object")
                                        : parseError.errorString()));
    }
    const QJsonObject request = document.object();
    try {
        return QJsonObject{{idField, request.value(idField)},
                           {QStringLiteral("result"), answerQuery(request)}};
    } catch (const std::exception& error) {
        return errorAnswer(request.value(idField), QString::fromUtf8(error.what()));
    } catch (...) {
        return errorAnswer(request.value(idField),
                           QStringLiteral("the query threw an exception that is not a "
                                          "std::exception"));
    }
}

QJsonObject ServeSession::answerQuery(const QJsonObject& request) {
    const QJsonValue query = request.value(queryField);
    if (!query.isString() || query.toString().isEmpty()) {
        throw twins::sdk::SdkError(QStringLiteral("request"),
                                   QStringLiteral("field 'query' must be non-empty text"));
    }
    const QString name = query.toString();
    if (name == QLatin1String("ping")) {
        return moduleList();
    }
    if (name == QLatin1String("shutdown")) {
        m_shutdownAnswered = true;
        return QJsonObject{{QStringLiteral("shutdown"), true}};
    }
    const QJsonValue moduleId = request.value(moduleField);
    if (!moduleId.isString() || moduleId.toString().isEmpty()) {
        throw twins::sdk::SdkError(
            QStringLiteral("request"),
            QStringLiteral("query '%1' needs field 'module' (one of: %2)")
                .arg(name, m_catalog.moduleIds().join(QStringLiteral(", "))));
    }
    const QJsonValue arguments = request.value(argumentsField);
    if (!arguments.isUndefined() && !arguments.isObject()) {
        throw twins::sdk::SdkError(QStringLiteral("request"),
                                   QStringLiteral("field 'arguments' must be an object"));
    }
    twins::sdk::LoadedModule& target = module(moduleId.toString());
    // Loading a plugin or the event loop's own code can leave the AVX upper state dirty, which
    // makes the plugin's libm calls several times slower (twinbench/jobs/CpuState.h).
    twins::jobs::clearAvxUpperState();
    return target.query(name, arguments.toObject());
}

QJsonObject ServeSession::moduleList() const {
    QJsonArray modules;
    for (const twins::sdk::ModuleEntry& entry : m_catalog.modules()) {
        QJsonArray queries;
        for (const twins::sdk::QuerySpec& query : entry.metadata.queries) {
            queries.append(query.name);
        }
        modules.append(
            QJsonObject{{QStringLiteral("id"), entry.metadata.id},
                        {QStringLiteral("name"), entry.metadata.name},
                        {QStringLiteral("queries"), queries},
                        {QStringLiteral("loaded"), m_loaded.contains(entry.metadata.id)}});
    }
    return QJsonObject{{QStringLiteral("modules"), modules},
                       {QStringLiteral("pid"), QCoreApplication::applicationPid()}};
}

twins::sdk::LoadedModule& ServeSession::module(const QString& id) {
    if (const auto found = m_loaded.constFind(id); found != m_loaded.constEnd()) {
        return **found;
    }
    std::shared_ptr<twins::sdk::LoadedModule> loaded =
        twins::sdk::loadModule(m_catalog.require(id));
    m_loaded.insert(id, loaded);
    return *loaded;
}

} // namespace worker
