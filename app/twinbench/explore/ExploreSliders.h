#pragma once

#include <QWidget>

class QSlider;

namespace twins::widgets {
class ParameterForm;
}

namespace twins::app {

// Sliders for the bounded number and integer parameters of a ParameterForm: dragging one sets
// the form's spin box (and so emits the form's valuesChanged), typing in the spin box moves
// the slider. Parameters without a range, enums, paths etc. stay in the form only. Built
// anew by rebuild() whenever the form's schema changes.
class ExploreSliders : public QWidget {
    Q_OBJECT
public:
    explicit ExploreSliders(widgets::ParameterForm& form, QWidget* parent = nullptr);

    void rebuild();
    // Slider positions per parameter (tests drive them); nullptr for a key without one.
    QSlider* sliderFor(const QString& key) const;

signals:
    // The user pressed or released a slider (interactive level of detail while pressed).
    void draggingChanged(bool dragging);

private:
    widgets::ParameterForm& m_form;
};

} // namespace twins::app
