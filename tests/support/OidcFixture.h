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

// The real OIDC provider of tests/fixtures/oidc (oidc-provider on 127.0.0.1), started in `base`
// by oidc-fixture.sh and stopped by it when this object dies; its test endpoints (/test/...)
// play the user's browser and report what the provider saw.
namespace twins::testing {

class OidcFixture {
public:
    static QString script() {
        return QStringLiteral(TWINBENCH_SOURCE_DIR "/tests/fixtures/oidc/oidc-fixture.sh");
    }

    // Starts the provider with oidc-fixture.sh's options (e.g. {"--interval", "1"}); throws
    // std::runtime_error with the script's output when it does not come up.
    OidcFixture(const QString& base, const QStringList& options) : m_base(base) {
        QProcess start;
        start.setProcessChannelMode(QProcess::MergedChannels);
        start.start(QStringLiteral("bash"),
                    QStringList{script(), QStringLiteral("start"), base} + options);
        if (!start.waitForFinished(120000) || start.exitCode() != 0) {
            throw std::runtime_error("oidc-fixture.sh start failed: " +
                                     start.readAll().toStdString());
        }
        m_issuer = QUrl(QString::fromUtf8(start.readAll()).trimmed().split('\n').last());
    }
    ~OidcFixture() {
        QProcess::execute(QStringLiteral("bash"), {script(), QStringLiteral("stop"), m_base});
    }
    OidcFixture(const OidcFixture&) = delete;
    OidcFixture& operator=(const OidcFixture&) = delete;

    QUrl issuer() const { return m_issuer; }
    QString log() const {
        QFile file(QDir(m_base).filePath(QStringLiteral("provider.log")));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

    QJsonValue get(const QString& pathAndQuery) const { return call("GET", pathAndQuery, {}); }

    // Every token the provider issued and each segment of every JWT among them: what a test
    // searches for in files, output and environments to show no token leaked.
    QStringList issuedTokenPieces() const {
        QStringList pieces;
        for (const QJsonValue& issued : get(QStringLiteral("/test/issued")).toArray()) {
            const QString token = issued[QStringLiteral("token")].toString();
            pieces << token;
            const QStringList segments = token.split(QLatin1Char('.'));
            if (segments.size() == 3) {
                pieces << segments;
            }
        }
        pieces.removeDuplicates();
        pieces.removeAll(QString());
        return pieces;
    }
    QJsonValue post(const QString& path, const QJsonObject& body) const {
        return call("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

private:
    QJsonValue call(const QByteArray& method, const QString& path, const QByteArray& body) const {
        const federation::HttpReply reply = federation::blockingHttpRequest(
            method, QUrl(m_issuer.toString() + path), {}, body, std::chrono::seconds(30));
        if (!reply.answered) {
            throw std::runtime_error("OIDC fixture: " + reply.errorText.toStdString());
        }
        const QJsonDocument document = QJsonDocument::fromJson(reply.body);
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }

    QString m_base;
    QUrl m_issuer;
};

} // namespace twins::testing
