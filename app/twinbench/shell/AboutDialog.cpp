#include "shell/AboutDialog.h"

#include "support/ComponentVersions.h"
#include "twinbench/sdk/BuildInfo.h"

#include <QMessageBox>

namespace twins::app {

QString aboutText() {
    auto row = [](const QString& name, const QString& version) {
        return QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(name, version.toHtmlEscaped());
    };
    QString text = QStringLiteral("<h3>Twinbench %1</h3><p>A workbench for scientific digital "
                                  "twins.<br>Revision %2</p><table>")
                       .arg(QString::fromStdString(sdk::twinbenchVersion()),
                            QString::fromStdString(sdk::gitRevision()));
    for (const auto& [name, version] : componentVersions()) {
        text += row(name, version);
    }
    // The GUI never loads LibTorch (model code runs in twinbench-run); this is the version the
    // worker was built with.
    text += row(QStringLiteral("LibTorch (worker)"), QString::fromStdString(sdk::torchVersion()));
    return text + QStringLiteral("</table>");
}

void showAboutDialog(QWidget* parent) {
    QMessageBox::about(parent, QObject::tr("About Twinbench"), aboutText());
}

} // namespace twins::app
