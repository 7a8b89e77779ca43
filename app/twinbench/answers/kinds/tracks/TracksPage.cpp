#include "answers/kinds/tracks/TracksPage.h"

#include "answers/AnswerKinds.h"
#include "answers/MetricsTable.h"
#include "answers/ResultColumns.h"
#include "answers/kinds/tracks/TracksAnswer.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/OffscreenFigure.h"

#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

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

ExploreAnswerHeader TracksPage::showAnswer(const QJsonObject& json, bool /*interactive*/) {
    const ExploreTracks answer = readTracksAnswer(json);
    viz::MapScene& scene = m_map->scene();
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
    const QString valueName = answer.valueName.isEmpty() ? tr("value") : answer.valueName;
    const QString units =
        answer.valueUnits.isEmpty() ? QString() : QLatin1Char(' ') + answer.valueUnits;
    scene.setCaption(tr("Track colour: %1, %2%4 (dark purple) to %3%4 (yellow), viridis; "
                        "orange dots: points")
                         .arg(valueName)
                         .arg(answer.minimum, 0, 'g', 4)
                         .arg(answer.maximum, 0, 'g', 4)
                         .arg(units));
    fillMetricsTable(*m_metrics, answer.metrics);
    m_map->update();
    return answer.header;
}

void TracksPage::addNote(const QString& note, bool replacesCaption) {
    viz::MapScene& scene = m_map->scene();
    scene.setCaption(replacesCaption ? note : scene.captionText() + QStringLiteral("\n") + note);
    m_map->update();
}

QImage TracksPage::renderFigure(QSize size) const {
    const QImage image = m_map->renderToImage(size);
    if (image.isNull()) {
        throw viz::FigureRenderError("the map could not be rendered: " +
                                     m_map->exportError().toStdString());
    }
    return image;
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
