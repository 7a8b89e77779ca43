#include "support/DatasetFiles.h"

#include <QFileInfo>
#include <QObject>
#include <QStringList>

namespace twins::app {

namespace {
const QStringList& datasetSuffixes() {
    static const QStringList suffixes{QStringLiteral("nc"),  QStringLiteral("nc4"),
                                      QStringLiteral("cdf"), QStringLiteral("netcdf"),
                                      QStringLiteral("h5"),  QStringLiteral("hdf5"),
                                      QStringLiteral("he5"), QStringLiteral("hdf"),
                                      QStringLiteral("tif"), QStringLiteral("tiff")};
    return suffixes;
}
const QString zarrSuffix = QStringLiteral("zarr");
} // namespace

bool isDatasetPath(const QString& path) {
    // By name alone: callers on the GUI thread must not touch the file system.
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == zarrSuffix) {
        return true; // a store's directory
    }
    return datasetSuffixes().contains(suffix) && zarrStoreOf(path).isEmpty();
}

QString zarrStoreOf(const QString& path) {
    const QString marker = QLatin1Char('.') + zarrSuffix + QLatin1Char('/');
    const qsizetype at = path.indexOf(marker);
    return at < 0 ? QString() : path.left(at + marker.size() - 1);
}

bool isZarrMetadataFile(const QString& path) {
    const QString name = QFileInfo(path).fileName();
    return name == QLatin1String(".zgroup") || name == QLatin1String(".zarray") ||
           name == QLatin1String(".zmetadata");
}

QString datasetOpenFilter() {
    QStringList all;
    for (const QString& suffix : datasetSuffixes()) {
        all << QStringLiteral("*.") + suffix;
    }
    all << QStringLiteral("*.") + zarrSuffix << QStringLiteral(".zgroup")
        << QStringLiteral(".zarray") << QStringLiteral(".zmetadata");
    return QObject::tr("Datasets (%1);;NetCDF files (*.nc *.nc4 *.cdf *.netcdf);;"
                       "HDF5 files (*.h5 *.hdf5 *.he5);;GeoTIFF (*.tif *.tiff);;All files (*)")
        .arg(all.join(QLatin1Char(' ')));
}

} // namespace twins::app
