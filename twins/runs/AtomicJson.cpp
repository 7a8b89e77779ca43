#include "twinbench/runs/AtomicJson.h"

#include "twinbench/runs/RunError.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>

namespace twins::runs {

void writeJsonFileAtomically(const QString& path, const QJsonObject& json) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        throw RunError(path, QStringLiteral("cannot write: %1").arg(file.errorString()));
    }
    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Indented);
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        throw RunError(path, QStringLiteral("cannot write: %1").arg(reason));
    }
    if (!file.commit()) {
        throw RunError(path, QStringLiteral("cannot replace the file: %1").arg(file.errorString()));
    }
}

QJsonObject readJsonObjectFile(const QString& path) {
    QFile file(path);
    if (!file.exists()) {
        throw RunError(path, QStringLiteral("file does not exist"));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        throw RunError(path, QStringLiteral("cannot read: %1").arg(file.errorString()));
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError) {
        throw RunError(path, QStringLiteral("corrupt JSON (%1 at byte offset %2)")
                                 .arg(error.errorString())
                                 .arg(error.offset));
    }
    if (!document.isObject()) {
        throw RunError(path, QStringLiteral("corrupt JSON (the top level is not an object)"));
    }
    return document.object();
}

} // namespace twins::runs
