#pragma once

#include <QJsonObject>
#include <QString>

namespace twins::sdk {

// Writes a JSON object (indented) atomically (AtomicFile.h): the file appears whole or not at
// all. Throws SdkError "<path>: <reason>".
void writeJsonFile(const QString& path, const QJsonObject& json);

} // namespace twins::sdk
