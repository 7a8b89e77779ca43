#include "ModelInputs.h"

#include "FireNetConfig.h"

#include <QDir>
#include <QFileInfo>

namespace wildfire {

bool isModelInput(const QString& input) {
    return QFileInfo(input).isDir() && isFireNetDirectory(input.toStdString());
}

std::string cubePathOf(const QString& input) {
    const QFileInfo info(input);
    const QDir directory(input);
    if (info.isDir() && directory.exists(QStringLiteral("cube.nc"))) {
        return directory.filePath(QStringLiteral("cube.nc")).toStdString();
    }
    if (info.isDir() && directory.exists(QStringLiteral("cube.zarr"))) {
        return directory.filePath(QStringLiteral("cube.zarr")).toStdString();
    }
    if (info.exists() &&
        (input.endsWith(QLatin1String(".nc")) || input.endsWith(QLatin1String(".zarr")))) {
        return input.toStdString();
    }
    return {};
}

} // namespace wildfire
