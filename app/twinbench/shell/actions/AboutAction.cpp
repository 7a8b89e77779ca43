#include "shell/actions/AboutAction.h"

#include "support/ComponentVersions.h"
#include "twinbench/sdk/BuildInfo.h"

#include <QMenu>
#include <QMessageBox>

namespace twins::app {

QString AboutAction::aboutText() {
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

void AboutAction::addTo(QMenu& menu, QWidget& parent) {
    menu.addAction(tr("&About Twinbench"), &parent, [&parent] { start(parent); });
}

void AboutAction::start(QWidget& parent) {
    QMessageBox::about(&parent, tr("About Twinbench"), aboutText());
}

} // namespace twins::app
