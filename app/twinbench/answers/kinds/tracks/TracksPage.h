#pragma once

#include "answers/AnswerPage.h"

class QTableWidget;

namespace twins::viz {
class MapView;
}

namespace twins::app {

// Tracks coloured by their value (viridis, the answer's range) and orange points on a world
// map, over the answer's metrics table. The tracks have no colour bar of their own: the
// caption states the encoding.
class TracksPage : public AnswerPage {
    Q_OBJECT
public:
    explicit TracksPage(QWidget* parent = nullptr);

    ExploreAnswerHeader showAnswer(const QJsonObject& answer, bool interactive) override;
    void addNote(const QString& note, bool replacesCaption) override;
    // The map with its tracks, caption and colour bar (the metrics table is not part of it).
    QImage renderFigure(QSize size) const override;

    viz::MapView* mapView() const { return m_map; }
    QTableWidget* metricsTable() const { return m_metrics; }

private:
    viz::MapView* m_map = nullptr;
    // The answer drawn and its note, so an export draws a map scene of its own.
    QJsonObject m_answer;
    QString m_note;
    bool m_noteReplacesCaption = false;
    QTableWidget* m_metrics = nullptr;
};

} // namespace twins::app
