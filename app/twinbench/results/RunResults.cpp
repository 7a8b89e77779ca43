#include "results/RunResults.h"

#include "answers/AnswerKinds.h"
#include "answers/ResultAnswers.h"
#include "answers/kinds/points/PointsResult.h"
#include "results/PointsOverlay.h"
#include "results/ResultDock.h"
#include "support/DatasetFiles.h"
#include "twinbench/viz/ColorMap.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QMainWindow>

namespace twins::app {

RunResults::RunResults(QMainWindow& window, Workspace& workspace)
    : QObject(&workspace), m_window(window), m_workspace(workspace),
      m_pointsOverlay(new PointsOverlay(window, workspace)) {}

void RunResults::openOutput(const QString& path) {
    // Datasets the views can show are opened (a file inside a Zarr store opens the store);
    // anything else is said plainly.
    if (const QString store = zarrStoreOf(path); !store.isEmpty()) {
        m_workspace.openFiles({store});
        return;
    }
    if (isDatasetPath(path)) {
        m_workspace.openFiles({path});
        return;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    m_workspace.reportError(
        tr("Cannot show this output"),
        tr("Twinbench has no view for %1 files yet.").arg(suffix.isEmpty() ? path : suffix), path);
}

void RunResults::openResult(const QString& runId, const QString& runDirectory,
                            const sdk::ResultSpec& spec) {
    if (isPointsResultWithBackground(spec)) {
        m_pointsOverlay->open(runId, runDirectory, spec);
        return;
    }
    const AnswerKind* kind = answerKind(spec.kind);
    if (kind == nullptr || !kind->shownInWorkspace) {
        showResultDock(m_window, runId, runDirectory, spec);
        return;
    }
    // A map result is a field on a map: leave the data grid for the first projection, and use
    // the spec's colour map (a name the views do not know keeps the current one).
    QComboBox* projections = m_workspace.projectionBox();
    if (m_workspace.grid()->activeCell()->projection.isEmpty() && projections->count() > 1) {
        projections->setCurrentIndex(1);
    }
    if (viz::ColorMap::names().contains(spec.colormap)) {
        m_workspace.colorMapBox()->setCurrentText(spec.colormap);
    }
    m_workspace.openFiles(
        {resultOutputPath(spec, QDir(runDirectory).filePath(QStringLiteral("outputs")))},
        spec.variable);
}

} // namespace twins::app
