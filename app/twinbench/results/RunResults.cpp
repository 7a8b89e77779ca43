#include "results/RunResults.h"

#include "answers/AnswerKinds.h"
#include "answers/AnswerView.h"
#include "answers/ResultAnswers.h"
#include "answers/kinds/tracks/TracksAnswer.h"
#include "answers/kinds/tracks/TracksPage.h"
#include "results/BackgroundOverlays.h"
#include "results/ResultBackground.h"
#include "results/ResultTracksOverlay.h"
#include "results/ResultUncertainty.h"
#include "results/ResultView.h"
#include "support/DatasetFiles.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapView.h"
#include "workspace/UncertaintyLayer.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QPointer>
#include <QStackedWidget>
#include <QTimer>

#include <algorithm>
#include <limits>

namespace twins::app {

namespace {

QString resultTitle(const QString& runId, const sdk::ResultSpec& spec) {
    return QObject::tr("%1 — run %2").arg(spec.title.isEmpty() ? spec.output : spec.title, runId);
}

// The lon/lat box of a tracks answer's points (tracks without a background are zoomed too).
GeoExtent answerExtent(const QJsonObject& json) {
    GeoExtent box{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                  std::numeric_limits<double>::infinity(),
                  -std::numeric_limits<double>::infinity()};
    auto add = [&box](const viz::GeoPoint& point) {
        box = {std::min(box.west, point.lon), std::max(box.east, point.lon),
               std::min(box.south, point.lat), std::max(box.north, point.lat)};
    };
    const ExploreTracks answer = readTracksAnswer(json);
    for (const ExploreTrack& track : answer.tracks) {
        std::for_each(track.points.begin(), track.points.end(), add);
    }
    std::for_each(answer.points.begin(), answer.points.end(), add);
    return box;
}

} // namespace

RunResults::RunResults(Workspace& workspace)
    : QObject(&workspace), m_workspace(workspace), m_overlays(new BackgroundOverlays(workspace)) {}

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
    const bool newCell = QApplication::keyboardModifiers().testFlag(Qt::ControlModifier);
    openResultIn(newCell, runId, runDirectory, spec);
}

void RunResults::openResultIn(bool newCell, const QString& runId, const QString& runDirectory,
                              const sdk::ResultSpec& spec) {
    viz::FieldView* view = m_workspace.grid()->cellToOpenIn(newCell);
    showInCell(view, runId, runDirectory, spec);
}

void RunResults::openAnswerIn(bool newCell, const QString& title, const QString& kind,
                              const QJsonObject& answer) {
    showAnswerInCell(m_workspace.grid()->cellToOpenIn(newCell), title, kind, answer);
}

void RunResults::showAnswerInCell(viz::FieldView* view, const QString& title, const QString& kind,
                                  const QJsonObject& answer) {
    m_workspace.setActiveView(view);
    m_workspace.grid()->setContent(view,
                                   {title, {}, [this, title, kind, answer](viz::FieldView* target) {
                                        showAnswerInCell(target, title, kind, answer);
                                    }});
    emit resultOpened(view, title);
    ViewCell* cell = m_workspace.grid()->cellOf(view);
    auto* result = new ResultView(cell->stack());
    result->setObjectName(QStringLiteral("resultView"));
    cell->showResultWidget(result);
    result->showAnswer(title, kind, answer);
    // A map of tracks is zoomed to them once the cell has laid the new widget out.
    if (auto* page = qobject_cast<TracksPage*>(result->answerView()->currentPage())) {
        QPointer<viz::MapView> map(page->mapView());
        QTimer::singleShot(0, this, [map, answer] {
            if (map) {
                zoomMapTo(*map, answerExtent(answer));
            }
        });
    }
    if (view == m_workspace.activeView()) {
        m_workspace.showStatus(title, 5000);
    }
}

ResultView* RunResults::resultViewIn(viz::FieldView* view) const {
    const ViewCell* cell = m_workspace.grid()->cellOf(view);
    return cell == nullptr ? nullptr : qobject_cast<ResultView*>(cell->resultWidget());
}

void RunResults::showInCell(viz::FieldView* view, const QString& runId, const QString& runDirectory,
                            const sdk::ResultSpec& spec) {
    m_workspace.setActiveView(view);
    const QString title = resultTitle(runId, spec);
    const QString outputs = QDir(runDirectory).filePath(QStringLiteral("outputs"));
    CellContent content{title, {}, [this, runId, runDirectory, spec](viz::FieldView* target) {
                            showInCell(target, runId, runDirectory, spec);
                        }};
    const AnswerKind* kind = answerKind(spec.kind);
    const bool field = kind != nullptr && kind->shownInWorkspace;
    if (field) {
        content.fields << resultOutputPath(spec, outputs) + QLatin1Char('|') + spec.variable;
    }
    m_workspace.grid()->setContent(view, content);
    // The encoding a map result's spec names is applied once its field is shown (the cell's
    // choice is re-applied at every new slice); any other result leaves the cell without one,
    // so nothing carries over from what the cell showed before.
    ViewCell* cell = m_workspace.grid()->cellOf(view);
    clearUncertaintyLayer(*cell);
    const ResultUncertainty uncertainty = resultUncertainty(spec);
    cell->uncertainty = field ? uncertainty.choice : nullptr;
    if (!uncertainty.error.isEmpty()) {
        m_workspace.showStatus(uncertainty.error, 10000);
    }
    emit resultOpened(view, title);

    if (hasResultBackground(spec)) {
        QPointer<viz::FieldView> target(view);
        m_overlays->open(view, runDirectory, spec,
                         [this, target, runId, runDirectory, spec](const QString&) {
                             if (target) {
                                 showResultWidget(target.data(), runId, runDirectory, spec);
                             }
                         });
        return;
    }
    if (!field) {
        showResultWidget(view, runId, runDirectory, spec);
        return;
    }
    // A map result is a field on a map: leave the data grid for the first projection, and use
    // the spec's colour map (a name the views do not know keeps the current one).
    QComboBox* projections = m_workspace.projectionBox();
    if (m_workspace.grid()->cellOf(view)->projection.isEmpty() && projections->count() > 1) {
        projections->setCurrentIndex(1);
    }
    if (viz::ColorMap::names().contains(spec.colormap)) {
        m_workspace.colorMapBox()->setCurrentText(spec.colormap);
    }
    m_workspace.openFiles({resultOutputPath(spec, outputs)}, spec.variable, view);
}

ResultView* RunResults::showResultWidget(viz::FieldView* view, const QString& runId,
                                         const QString& runDirectory, const sdk::ResultSpec& spec) {
    ViewCell* cell = m_workspace.grid()->cellOf(view);
    auto* result = new ResultView(cell->stack());
    result->setObjectName(QStringLiteral("resultView"));
    cell->showResultWidget(result);
    // A map of tracks or points is zoomed to them, as over a background.
    connect(result, &ResultView::resultShown, this, [result](bool success) {
        auto* page = qobject_cast<TracksPage*>(result->answerView()->currentPage());
        if (success && page != nullptr) {
            zoomMapTo(*page->mapView(), answerExtent(result->shownAnswer()));
        }
    });
    result->showResult(runId, runDirectory, spec);
    if (view == m_workspace.activeView()) {
        m_workspace.showStatus(result->windowTitle(), 5000);
    }
    return result;
}

} // namespace twins::app
