#pragma once

#include "twinbench/federation/BlockingHttp.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <stdexcept>

// The interLink-API test server of tests/fixtures/interlink (Node.js, no npm packages) on
// 127.0.0.1, started in `base` by interlink-fixture.sh with the OIDC issuer whose tokens it
// accepts; its pods become jobs on the SLURM fixture named by SLURM_CONF. stop() and start()
// again (same port, same pods) make an outage; the destructor stops it.
namespace twins::testing {

class InterlinkFixture {
public:
    static QString script() {
        return QStringLiteral(TWINBENCH_SOURCE_DIR
                              "/tests/fixtures/interlink/interlink-fixture.sh");
    }

    InterlinkFixture(const QString& base, const QUrl& issuer) : m_base(base), m_issuer(issuer) {
        start();
    }
    ~InterlinkFixture() { stop(); }
    InterlinkFixture(const InterlinkFixture&) = delete;
    InterlinkFixture& operator=(const InterlinkFixture&) = delete;

    // Starts the server (on its former port after a stop). Throws std::runtime_error with the
    // script's output when it does not come up.
    void start() {
        QStringList arguments{script(), QStringLiteral("start"), m_base, QStringLiteral("--issuer"),
                              m_issuer.toString()};
        if (m_url.isValid()) {
            arguments << QStringLiteral("--port") << QString::number(m_url.port());
        }
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("bash"), arguments);
        if (!process.waitForFinished(60000) || process.exitCode() != 0) {
            throw std::runtime_error("interlink-fixture.sh start failed: " +
                                     process.readAll().toStdString());
        }
        m_url = QUrl(QString::fromUtf8(process.readAll()).trimmed().split('\n').last());
    }
    void stop() {
        QProcess::execute(QStringLiteral("bash"), {script(), QStringLiteral("stop"), m_base});
    }

    QUrl url() const { return m_url; }
    QString log() const {
        QFile file(QDir(m_base).filePath(QStringLiteral("server.log")));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    // The server's test endpoints: /test/pods, /test/auth, /test/requests.
    QJsonValue get(const QString& path) const {
        const federation::HttpReply reply = federation::blockingHttpRequest(
            "GET", QUrl(m_url.toString() + path), {}, {}, std::chrono::seconds(20));
        if (!reply.answered) {
            throw std::runtime_error("interLink fixture: " + reply.errorText.toStdString());
        }
        const QJsonDocument document = QJsonDocument::fromJson(reply.body);
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }

private:
    QString m_base;
    QUrl m_issuer;
    QUrl m_url;
};

} // namespace twins::testing
