#include "answers/kinds/tracks/TracksPage.h"

#include "answers/AnswerKinds.h"
#include "answers/MetricsTable.h"
#include "answers/ResultColumns.h"
#include "answers/kinds/tracks/TracksAnswer.h"
#include "twinbench/viz/MapScene.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/OffscreenFigure.h"

#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace twins::app {

TracksPage::TracksPage(QWidget* parent) : AnswerPage(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_map = new viz::MapView(splitter);
    m_metrics = makeMetricsTable(splitter);
    m_metrics->setObjectName(QStringLiteral("exploreTrackMetrics"));
    splitter->addWidget(m_map);
    splitter->addWidget(m_metrics);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter);
}

namespace {

// Tracks, points and the colour caption on `scene`: the page's map and an export's own scene.
void drawTracks(viz::MapScene& scene, const ExploreTracks& answer) {
    scene.clearOverlays();
    // No field under the tracks: the map's title line carries the answer's title.
    scene.clearField(answer.header.title);
    const QString colorMap = QStringLiteral("viridis");
    for (const ExploreTrack& track : answer.tracks) {
        scene.addTrack(track.points, track.values, colorMap, answer.minimum, answer.maximum);
    }
    if (!answer.points.empty()) {
        scene.addPoints(answer.points, viz::PointSymbol::Circle, QColor(213, 94, 0));
    }
    const QString valueName = answer.valueName.isEmpty() ? QObject::tr("value") : answer.valueName;
    const QString units =
        answer.valueUnits.isEmpty() ? QString() : QLatin1Char(' ') + answer.valueUnits;
    scene.setCaption(QObject::tr("Track colour: %1, %2%4 (dark purple) to %3%4 (yellow), "
                                 "viridis; orange dots: points")
                         .arg(valueName)
                         .arg(answer.minimum, 0, 'g', 4)
                         .arg(answer.maximum, 0, 'g', 4)
                         .arg(units));
}

void addCaptionNote(viz::MapScene& scene, const QString& note, bool replacesCaption) {
    scene.setCaption(replacesCaption ? note : scene.captionText() + QStringLiteral("\n") + note);
}

} // namespace

ExploreAnswerHeader TracksPage::showAnswer(const QJsonObject& json, bool /*interactive*/) {
    const ExploreTracks answer = readTracksAnswer(json);
    drawTracks(m_map->scene(), answer);
    fillMetricsTable(*m_metrics, answer.metrics);
    m_answer = json;
    m_note.clear();
    m_map->update();
    return answer.header;
}

void TracksPage::addNote(const QString& note, bool replacesCaption) {
    addCaptionNote(m_map->scene(), note, replacesCaption);
    m_note = note;
    m_noteReplacesCaption = replacesCaption;
    m_map->update();
}

QImage TracksPage::renderFigure(QSize size) const {
    if (m_answer.isEmpty()) {
        throw viz::FigureRenderError("there is no map of tracks to export");
    }
    // A scene of its own, rendered offscreen: the on-screen map stays in its window.
    viz::MapScene figure;
    drawTracks(figure, readTracksAnswer(m_answer));
    if (!m_note.isEmpty()) {
        addCaptionNote(figure, m_note, m_noteReplacesCaption);
    }
    figure.fitCamera(size.width(), size.height());
    const double scale = std::min(size.width() / 1000.0, size.height() / 650.0);
    return viz::renderOffscreen({figure.renderer()}, size,
                                std::max(36, static_cast<int>(std::lround(72.0 * scale))));
}

AnswerKind tracksAnswerKind() {
    AnswerKind kind;
    kind.name = QStringLiteral("tracks");
    kind.makePage = [](QWidget* parent) { return new TracksPage(parent); };
    kind.readResult = [](const sdk::ResultSpec& spec, const QString& path) {
        return tracksAnswer(spec, readResultCsv(spec, path));
    };
    kind.figureWriters = {ExportFormat::Writer::RasterImage};
    return kind;
}

} // namespace twins::app
