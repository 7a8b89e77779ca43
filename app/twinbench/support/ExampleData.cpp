#include "support/ExampleData.h"

#include "twinbench/data/DataError.h"
#include "twinbench/data/examples/SyntheticSurfaceTemperature.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace twins::app {

QString exampleDatasetPath() {
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    // Versioned: an example written by an earlier release (without land and sea) is not reused.
    return QDir(base).filePath(QStringLiteral("examples/synthetic_surface_v2.nc"));
}

QString ensureExampleDataset() {
    const QString path = exampleDatasetPath();
    if (QFileInfo::exists(path)) {
        return path;
    }
    const QString directory = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(directory)) {
        throw data::DataError(directory.toStdString(), "", "cannot create the directory");
    }
    data::examples::writeSyntheticSurfaceFile(path.toStdString());
    return path;
}

} // namespace twins::app
