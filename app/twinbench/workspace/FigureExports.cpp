#include "workspace/FigureExports.h"

#include "export/FigureExport.h"
#include "support/BackgroundTask.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "workspace/MapMode.h"
#include "workspace/ViewCell.h"
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
    writeImageInBackground(image, path, tr("Cannot export figure"),
                           sourcesOf({m_workspace.activeView()}));
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
    writeImageInBackground(image, path, tr("Cannot export layout"),
                           sourcesOf(m_workspace.grid()->views()));
}

QStringList FigureExports::sourcesOf(const QList<viz::FieldView*>& views) const {
    QStringList sources;
    for (viz::FieldView* view : views) {
        if (const ViewCell* cell = m_workspace.grid()->cellOf(view)) {
            for (const QString& field : cell->content.fields) {
                const QString path = field.section(QLatin1Char('|'), 0, 0);
                if (!sources.contains(path)) {
                    sources << path;
                }
            }
        }
    }
    return sources;
}

void FigureExports::writeImageInBackground(const QImage& image, const QString& path,
                                           const QString& failureTitle,
                                           const QStringList& sources) {
    m_workspace.beginWork(tr("Writing %1...").arg(path));
    runInBackground<QString>(
        this,
        [image, path, sources]() -> QString {
            try {
                writeImageAtomically(image, path);
                writeRemoteProvenanceBeside(path, sources, QStringLiteral("export-figure"));
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
