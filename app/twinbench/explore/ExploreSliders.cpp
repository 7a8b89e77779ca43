#include "explore/ExploreSliders.h"

#include "twinbench/widgets/ParameterForm.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>

#include <cmath>
#include <memory>

namespace twins::app {

namespace {

// Positions of a number slider: 0.1% of the range per step, the resolution a hand drags at;
// the spin box beside it takes exact values.
constexpr int numberSteps = 1000;

} // namespace

ExploreSliders::ExploreSliders(widgets::ParameterForm& form, QWidget* parent)
    : QWidget(parent), m_form(form) {
    new QFormLayout(this);
    rebuild();
}

QSlider* ExploreSliders::sliderFor(const QString& key) const {
    return findChild<QSlider*>(QStringLiteral("slider_") + key);
}

void ExploreSliders::rebuild() {
    auto* layout = static_cast<QFormLayout*>(this->layout());
    while (layout->rowCount() > 0) {
        layout->removeRow(0);
    }
    for (const sdk::ParameterSpec& spec : m_form.schema().parameters()) {
        if (!spec.minimum || !spec.maximum || !(*spec.maximum > *spec.minimum)) {
            continue;
        }
        const double low = *spec.minimum;
        const double high = *spec.maximum;
        // Parented when its row is added: a slider left without a row (an integer range too
        // wide for one, such as a seed, whose editor is a QSpinBox) would be drawn at this
        // widget's top-left corner, over the first row's label.
        auto owned = std::make_unique<QSlider>(Qt::Horizontal);
        QSlider* slider = owned.get();
        slider->setObjectName(QStringLiteral("slider_") + spec.key);
        slider->setToolTip(spec.help);
        QLabel* label = nullptr;
        const QString name =
            (spec.label.isEmpty() ? spec.key : spec.label) +
            (spec.unit.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(spec.unit));
        if (spec.type == sdk::ParameterType::Integer && high - low <= 100000) {
            auto* box = qobject_cast<QSpinBox*>(m_form.editorFor(spec.key));
            if (!box) {
                continue;
            }
            slider->setRange(static_cast<int>(low), static_cast<int>(high));
            slider->setValue(box->value());
            connect(slider, &QSlider::valueChanged, box, &QSpinBox::setValue);
            connect(box, &QSpinBox::valueChanged, slider, &QSlider::setValue);
        } else if (spec.type == sdk::ParameterType::Number ||
                   spec.type == sdk::ParameterType::Integer) {
            auto* box = qobject_cast<QDoubleSpinBox*>(m_form.editorFor(spec.key));
            if (!box) {
                continue;
            }
            const auto toPosition = [low, high](double value) {
                return static_cast<int>(std::lround((value - low) / (high - low) * numberSteps));
            };
            slider->setRange(0, numberSteps);
            slider->setValue(toPosition(box->value()));
            connect(slider, &QSlider::valueChanged, box, [box, low, high](int position) {
                const double value = low + (high - low) * position / numberSteps;
                // Only when the slider moved by itself: a spin-box edit echoed back to the
                // slider must not round the typed value to the slider's step.
                if (std::lround((box->value() - low) / (high - low) * numberSteps) != position) {
                    box->setValue(value);
                }
            });
            connect(box, &QDoubleSpinBox::valueChanged, slider, [slider, toPosition](double value) {
                const QSignalBlocker block(slider);
                slider->setValue(toPosition(value));
            });
        } else {
            continue;
        }
        connect(slider, &QSlider::sliderPressed, this, [this] { emit draggingChanged(true); });
        connect(slider, &QSlider::sliderReleased, this, [this] { emit draggingChanged(false); });
        label = new QLabel(name, this);
        label->setToolTip(spec.help);
        layout->addRow(label, owned.release());
    }
    setVisible(layout->rowCount() > 0);
}

} // namespace twins::app
