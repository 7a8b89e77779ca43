#pragma once

#include "answers/AnswerPage.h"

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableWidget;

namespace twins::viz {
class MapView;
}

namespace twins::app {

struct MapAnswer;

// A map answer (a what-if's fields on a lat/lon grid) in the project's map view: one field at
// a time, chosen in the Field box, with its colour bar, coastlines and graticule; the answer's
// title and conditions in the figure's title; "VSUP" fades the field by the field the answer
// marks as its uncertainty (uncertainty_of), with the wedge legend and a caption saying so.
// The choice of field and VSUP, and the camera, stay from one answer to the next (a slider
// moved); the metrics table sits under the map, the value under the cursor under it.
class MapPage : public AnswerPage {
    Q_OBJECT
public:
    explicit MapPage(QWidget* parent = nullptr);
    ~MapPage() override;

    ExploreAnswerHeader showAnswer(const QJsonObject& answer, bool interactive) override;
    void addNote(const QString& note, bool replacesCaption) override;
    // The map with its colour bar or VSUP wedge and caption (not the metrics table).
    QImage renderFigure(QSize size) const override;

    viz::MapView* mapView() const { return m_map; }
    QComboBox* fieldBox() const { return m_fieldBox; }
    // Fades the chosen field by its uncertainty; disabled when the answer has none for it.
    QCheckBox* vsupBox() const { return m_vsup; }
    QTableWidget* metricsTable() const { return m_metrics; }
    QLabel* cursorLabel() const { return m_cursor; }
    // The name of the field drawn.
    QString shownField() const;

private:
    void draw();
    void updateVsupBox();

    viz::MapView* m_map = nullptr;
    QComboBox* m_fieldBox = nullptr;
    QCheckBox* m_vsup = nullptr;
    QTableWidget* m_metrics = nullptr;
    QLabel* m_cursor = nullptr;
    std::unique_ptr<MapAnswer> m_answer;
    QString m_note;
    bool m_noteReplacesCaption = false;
};

} // namespace twins::app
