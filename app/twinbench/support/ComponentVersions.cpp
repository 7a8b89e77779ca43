#include "support/ComponentVersions.h"

#include "twinbench/data/LibraryVersions.h"
#include "twinbench/viz/VtkVersion.h"

namespace twins::app {

QList<std::pair<QString, QString>> componentVersions() {
    return {{QStringLiteral("Qt"), QString::fromLatin1(qVersion())},
            {QStringLiteral("VTK"), QString::fromStdString(viz::vtkLibraryVersion())},
            {QStringLiteral("NetCDF"), QString::fromStdString(data::netcdfVersion())},
            {QStringLiteral("HDF5"), QString::fromStdString(data::hdf5Version())},
            {QStringLiteral("GDAL"), QString::fromStdString(data::gdalVersion())}};
}

} // namespace twins::app
