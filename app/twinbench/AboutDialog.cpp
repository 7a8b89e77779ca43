#include "AboutDialog.h"

#include "twinbench/data/LibraryVersions.h"
#include "twinbench/sdk/BuildInfo.h"
#include "twinbench/viz/VtkVersion.h"

#include <QMessageBox>

namespace twins::app {

QString aboutText() {
    auto row = [](const QString& name, const std::string& version) {
        return QStringLiteral("<tr><td>%1</td><td>%2</td></tr>")
            .arg(name, QString::fromStdString(version).toHtmlEscaped());
    };
    return QStringLiteral("<h3>Twinbench %1</h3><p>A workbench for scientific digital twins."
                          "<br>Revision %2</p><table>")
               .arg(QString::fromStdString(sdk::twinbenchVersion()),
                    QString::fromStdString(sdk::gitRevision())) +
           row(QStringLiteral("Qt"), qVersion()) +
           row(QStringLiteral("VTK"), viz::vtkLibraryVersion()) +
           row(QStringLiteral("NetCDF-C"), data::netcdfVersion()) +
           row(QStringLiteral("HDF5"), data::hdf5Version()) +
           row(QStringLiteral("GDAL"), data::gdalVersion()) +
           // The GUI never loads LibTorch (model code runs in twinbench-run); this is the
           // version the worker was built with.
           row(QStringLiteral("LibTorch (worker)"), sdk::torchVersion()) +
           QStringLiteral("</table>");
}

void showAboutDialog(QWidget* parent) {
    QMessageBox::about(parent, QObject::tr("About Twinbench"), aboutText());
}

} // namespace twins::app
