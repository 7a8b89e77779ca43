#pragma once

#include <QJsonObject>
#include <QString>

namespace twins::runs {

// Writes `json` to `path` through the SDK's writeFileAtomically (twins/sdk AtomicFile.h): the
// new content goes to a temporary file that is fsynced and replaces the old one only once it is
// complete, so a crash or a full disk leaves either the previous file or the new one, never
// half of one. A monitor reading status.json while the
// worker updates it therefore always sees a whole document. Throws RunError naming `path`.
void writeJsonFileAtomically(const QString& path, const QJsonObject& json);

// Reads a JSON object from `path`. Throws RunError naming `path` when the file is missing,
// unreadable, not JSON (with the parser's reason and byte offset) or not an object.
QJsonObject readJsonObjectFile(const QString& path);

} // namespace twins::runs
