#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace twins::viz {
class FieldView;
}
namespace twins::widgets {
class TimeSlider;
}

namespace twins::app {

struct ShownVariable;
class UncertaintyPanel;

// The Properties dock's content for the active view: colour map, projection (data grid or a
// map), a summary of the field shown, the sliders of its extra dimensions (time, level, band)
// and the uncertainty encoding of its map. It shows and asks; the workspace decides.
class PropertiesPanel : public QWidget {
    Q_OBJECT
public:
    explicit PropertiesPanel(QWidget* parent = nullptr);

    QComboBox* colorMapBox() const { return m_colorMapBox; }
    // Item data: the projection's name, empty for the data grid (item 0).
    QComboBox* projectionBox() const { return m_projectionBox; }
    widgets::TimeSlider* timeSlider() const { return m_timeSlider; }
    UncertaintyPanel* uncertaintyPanel() const { return m_uncertaintyPanel; }

    // Shows a view's state without asking for it again (no projectionChosen/colorMapChosen).
    void showProjection(const QString& projection);
    void showColorMap(const QString& name);
    // Title, variable, file, size, valid points, range, units and slice of the view's field.
    void describeField(const viz::FieldView& view, const ShownVariable* shown);

signals:
    void projectionChosen(const QString& projection);
    void colorMapChosen(const QString& name);

private:
    QComboBox* m_colorMapBox = nullptr;
    QComboBox* m_projectionBox = nullptr;
    QLabel* m_fieldSummary = nullptr;
    widgets::TimeSlider* m_timeSlider = nullptr;
    UncertaintyPanel* m_uncertaintyPanel = nullptr;
};

} // namespace twins::app
