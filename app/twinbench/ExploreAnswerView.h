#pragma once

#include "ExploreAnswer.h"

#include <QJsonObject>
#include <QWidget>

#include <array>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTableWidget;

namespace twins::viz {
class ComparisonChartView;
class MapView;
class VolumeView;
} // namespace twins::viz

namespace twins::app {

// Draws one answer of a what-if query by its declared kind (plugins/README.md, "Answer
// conventions"): volume -> one or two VolumeViews side by side with the conditions in their
// titles; tracks -> a map with the tracks coloured by value and the points, over a metrics
// table; metrics_table -> a table; histogram / line_chart -> a comparison chart; anything
// else -> the JSON text. Above it, the answer's title and conditions. The VTK views are made
// when first needed.
class ExploreAnswerView : public QWidget {
    Q_OBJECT
public:
    explicit ExploreAnswerView(QWidget* parent = nullptr);

    // Throws ExploreAnswerError when the answer does not follow its kind's convention (what
    // was shown stays). `interactive`: values are still changing, draw at a level of detail
    // that keeps up (volumes: VTK's interactive update rate, fewer ray samples).
    void showAnswer(const QString& kind, const QJsonObject& answer, bool interactive);
    // Redraws the last volume answer at full quality (after the values stopped changing).
    void refineVolumes();
    void showMessage(const QString& text);

    QString shownKind() const { return m_kind; }
    QTableWidget* metricsTable() const { return m_metricsTable; }
    QTableWidget* trackMetricsTable() const { return m_trackMetrics; }
    viz::VolumeView* volumeView(int index) const {
        return m_volumes[static_cast<std::size_t>(index)];
    }
    viz::MapView* mapView() const { return m_map; }
    viz::ComparisonChartView* chartView() const { return m_chart; }
    QPlainTextEdit* textView() const { return m_text; }
    QLabel* titleLabel() const { return m_title; }

private:
    void showVolumes(const ExploreVolumes& answer, bool interactive);
    void showTracks(const ExploreTracks& answer);
    void setTitle(const ExploreAnswerHeader& header);
    void ensureVolumePage();
    void ensureTrackPage();
    void ensureChart();
    void setUpdateRate(bool interactive);

    QString m_kind;
    QLabel* m_title = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_message = nullptr;
    QTableWidget* m_metricsTable = nullptr;
    QWidget* m_volumePage = nullptr;
    std::array<viz::VolumeView*, 2> m_volumes{};
    QWidget* m_trackPage = nullptr;
    viz::MapView* m_map = nullptr;
    QTableWidget* m_trackMetrics = nullptr;
    viz::ComparisonChartView* m_chart = nullptr;
    QPlainTextEdit* m_text = nullptr;
};

} // namespace twins::app
