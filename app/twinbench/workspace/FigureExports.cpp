#include "workspace/FigureExports.h"

#include "export/FigureExport.h"
#include "support/BackgroundTask.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "workspace/MapMode.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QImage>

namespace twins::app {

FigureExports::FigureExports(Workspace& workspace) : QObject(&workspace), m_workspace(workspace) {}

void FigureExports::exportFigureTo(const QString& path, QSize size) {
    viz::MapView* map = m_workspace.maps().activeMap();
    viz::VtkView* view =
        map != nullptr ? static_cast<viz::VtkView*>(map) : m_workspace.activeView();
    const QImage image = view->renderToImage(size);
    if (image.isNull()) {
        m_workspace.reportError(tr("Cannot export figure"), tr("Cannot export %1").arg(path),
                                view->exportError());
        emit figureExported(path, false);
        return;
    }
    writeImageInBackground(image, path, tr("Cannot export figure"));
}

void FigureExports::exportLayoutTo(const QString& path, QSize size) {
    QString error;
    const QImage image = m_workspace.grid()->renderLayout(size, &error);
    if (image.isNull()) {
        m_workspace.reportError(tr("Cannot export layout"), tr("Cannot export %1").arg(path),
                                error);
        emit figureExported(path, false);
        return;
    }
    writeImageInBackground(image, path, tr("Cannot export layout"));
}

void FigureExports::writeImageInBackground(const QImage& image, const QString& path,
                                           const QString& failureTitle) {
    m_workspace.beginWork(tr("Writing %1...").arg(path));
    runInBackground<QString>(
        this,
        [image, path]() -> QString {
            try {
                writeImageAtomically(image, path);
            } catch (const FigureExportError& error) {
                return QString::fromUtf8(error.what());
            }
            return {};
        },
        [this, path, failureTitle](const QString& error) {
            m_workspace.endWork();
            if (!error.isEmpty()) {
                m_workspace.reportError(failureTitle, tr("Cannot write %1").arg(path), error);
                emit figureExported(path, false);
                return;
            }
            m_workspace.showStatus(tr("Exported %1").arg(path), 5000);
            emit figureExported(path, true);
        });
}

} // namespace twins::app
