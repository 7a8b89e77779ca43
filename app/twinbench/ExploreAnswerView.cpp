#include "ExploreAnswerView.h"

#include "twinbench/viz/ComparisonChartView.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/VolumeView.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <vtkGenericOpenGLRenderWindow.h>

namespace twins::app {

namespace {

// VTK's level-of-detail switch (what its interactors do while a camera moves): at a high
// desired update rate the volume mapper casts fewer rays and samples; the still rate asks for
// full quality.
constexpr double interactiveUpdateRate = 15.0;
constexpr double stillUpdateRate = 0.0001;

QTableWidget* makeMetricsTable(QWidget* parent) {
    auto* table = new QTableWidget(0, 3, parent);
    table->setHorizontalHeaderLabels(
        {QObject::tr("Metric"), QObject::tr("Value"), QObject::tr("Units")});
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return table;
}

void fillMetrics(QTableWidget& table, const QList<ExploreMetric>& metrics) {
    table.setRowCount(static_cast<int>(metrics.size()));
    for (int row = 0; row < metrics.size(); ++row) {
        const ExploreMetric& metric = metrics.at(row);
        table.setItem(row, 0, new QTableWidgetItem(metric.name));
        auto* value = new QTableWidgetItem(metric.value);
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table.setItem(row, 1, value);
        table.setItem(row, 2, new QTableWidgetItem(metric.units));
    }
}

} // namespace

ExploreAnswerView::ExploreAnswerView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("exploreAnswerTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_stack->addWidget(m_message);
    m_metricsTable = makeMetricsTable(this);
    m_metricsTable->setObjectName(QStringLiteral("exploreMetrics"));
    m_stack->addWidget(m_metricsTable);
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_stack->addWidget(m_text);
    showMessage(tr("Choose a twin and a query; moving a value asks the session worker."));
}

void ExploreAnswerView::showMessage(const QString& text) {
    m_kind.clear();
    m_title->clear();
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
}

void ExploreAnswerView::setTitle(const ExploreAnswerHeader& header) {
    QString title = header.title.toHtmlEscaped();
    if (!header.conditions.isEmpty()) {
        title += QStringLiteral(" <span style='color: palette(mid)'>(%1)</span>")
                     .arg(header.conditions.toHtmlEscaped());
    }
    m_title->setText(title);
}

void ExploreAnswerView::showAnswer(const QString& kind, const QJsonObject& answer,
                                   bool interactive) {
    // Read everything first: a malformed answer throws before anything shown changes.
    if (kind == QLatin1String("volume")) {
        const ExploreVolumes volumes = readVolumeAnswer(answer);
        setTitle(volumes.header);
        showVolumes(volumes, interactive);
    } else if (kind == QLatin1String("tracks")) {
        const ExploreTracks tracks = readTracksAnswer(answer);
        setTitle(tracks.header);
        showTracks(tracks);
    } else if (kind == QLatin1String("metrics_table")) {
        const ExploreMetrics metrics = readMetricsAnswer(answer);
        setTitle(metrics.header);
        fillMetrics(*m_metricsTable, metrics.metrics);
        m_stack->setCurrentWidget(m_metricsTable);
    } else if (kind == QLatin1String("histogram") || kind == QLatin1String("line_chart")) {
        const viz::ComparisonSpec spec = readChartAnswer(answer, kind);
        ensureChart();
        QString error;
        if (!m_chart->setComparison(spec, &error)) {
            throw ExploreAnswerError(QStringLiteral("answer: %1").arg(error).toStdString());
        }
        m_title->clear(); // the chart carries the title and conditions itself
        m_stack->setCurrentWidget(m_chart);
    } else {
        // No declared kind (an old query) or one the dock does not draw: show what came back.
        setTitle(readAnswerHeader(answer));
        m_text->setPlainText(
            QString::fromUtf8(QJsonDocument(answer).toJson(QJsonDocument::Indented)));
        m_stack->setCurrentWidget(m_text);
    }
    m_kind = kind;
}

void ExploreAnswerView::ensureVolumePage() {
    if (m_volumePage) {
        return;
    }
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    for (auto& view : m_volumes) {
        view = new viz::VolumeView(splitter);
        splitter->addWidget(view);
    }
    m_volumePage = splitter;
    m_stack->addWidget(m_volumePage);
}

void ExploreAnswerView::setUpdateRate(bool interactive) {
    for (viz::VolumeView* view : m_volumes) {
        view->vtkView().renderWindow()->SetDesiredUpdateRate(interactive ? interactiveUpdateRate
                                                                         : stillUpdateRate);
    }
}

void ExploreAnswerView::showVolumes(const ExploreVolumes& answer, bool interactive) {
    ensureVolumePage();
    setUpdateRate(interactive);
    for (std::size_t index = 0; index < m_volumes.size(); ++index) {
        viz::VolumeView* view = m_volumes[index];
        if (index >= answer.volumes.size()) {
            view->hide();
            continue;
        }
        viz::VolumeGrid grid = answer.volumes[index];
        // Each figure says what it shows and for which conditions, even exported alone.
        const QString title = grid.title.isEmpty() ? grid.name : grid.title;
        grid.title = answer.header.conditions.isEmpty()
                         ? title
                         : QStringLiteral("%1 (%2)").arg(title, answer.header.conditions);
        QString error;
        if (!view->setVolume(grid, &error)) {
            throw ExploreAnswerError(QStringLiteral("answer field 'volumes[%1]': %2")
                                         .arg(index)
                                         .arg(error)
                                         .toStdString());
        }
        view->show();
    }
    m_stack->setCurrentWidget(m_volumePage);
}

void ExploreAnswerView::refineVolumes() {
    if (m_kind != QLatin1String("volume") || !m_volumePage) {
        return;
    }
    setUpdateRate(false);
    for (viz::VolumeView* view : m_volumes) {
        if (view->isVisible()) {
            view->vtkView().update();
        }
    }
}

void ExploreAnswerView::ensureTrackPage() {
    if (m_trackPage) {
        return;
    }
    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_map = new viz::MapView(splitter);
    m_trackMetrics = makeMetricsTable(splitter);
    m_trackMetrics->setObjectName(QStringLiteral("exploreTrackMetrics"));
    splitter->addWidget(m_map);
    splitter->addWidget(m_trackMetrics);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    m_trackPage = splitter;
    m_stack->addWidget(m_trackPage);
}

void ExploreAnswerView::showTracks(const ExploreTracks& answer) {
    ensureTrackPage();
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
    // The tracks have no colour bar of their own: the caption states the encoding.
    scene.setCaption(tr("Track colour: %1, %2%4 (dark purple) to %3%4 (yellow), viridis; "
                        "orange dots: points")
                         .arg(valueName)
                         .arg(answer.minimum, 0, 'g', 4)
                         .arg(answer.maximum, 0, 'g', 4)
                         .arg(units));
    fillMetrics(*m_trackMetrics, answer.metrics);
    m_stack->setCurrentWidget(m_trackPage);
    m_map->update();
}

void ExploreAnswerView::ensureChart() {
    if (m_chart) {
        return;
    }
    m_chart = new viz::ComparisonChartView(this);
    m_stack->addWidget(m_chart);
}

} // namespace twins::app
