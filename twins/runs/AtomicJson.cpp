#include "twinbench/runs/AtomicJson.h"

#include "twinbench/runs/RunError.h"
#include "twinbench/sdk/AtomicFile.h"
#include "twinbench/sdk/TwinFileError.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

namespace twins::runs {

void writeJsonFileAtomically(const QString& path, const QJsonObject& json) {
    // The SDK's atomic write (temporary file beside it, fsync, rename, directory fsync): a
    // monitor reading status.json while the worker updates it always sees a whole document,
    // and after a power loss the file that exists is complete.
    try {
        sdk::writeFileAtomically(path.toStdString(),
                                 QJsonDocument(json).toJson(QJsonDocument::Indented).toStdString());
    } catch (const sdk::TwinFileError& error) {
        // "<path>: <reason>"; RunError names the path itself.
        const QString message = QString::fromStdString(error.what());
        const QString prefix = path + QStringLiteral(": ");
        throw RunError(path, message.startsWith(prefix) ? message.mid(prefix.size()) : message);
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
