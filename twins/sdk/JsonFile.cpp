#include "twinbench/sdk/JsonFile.h"

#include "twinbench/sdk/AtomicFile.h"
#include "twinbench/sdk/SdkError.h"

#include <QJsonDocument>

namespace twins::sdk {

void writeJsonFile(const QString& path, const QJsonObject& json) {
    try {
        writeFileAtomically(path.toStdString(),
                            QJsonDocument(json).toJson(QJsonDocument::Indented).toStdString());
    } catch (const std::runtime_error& error) {
        throw SdkError(QString(), QString::fromStdString(error.what()));
    }
}

} // namespace twins::sdk
