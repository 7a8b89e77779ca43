#include "twinbench/widgets/TimeSlider.h"

#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace twins::widgets {

QString SliceDimension::describe(std::size_t index) const {
    if (index < static_cast<std::size_t>(labels.size())) {
        return name + QLatin1Char(' ') + labels[static_cast<qsizetype>(index)];
    }
    return name + QLatin1Char(' ') + QString::number(index);
}

TimeSlider::TimeSlider(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    setVisible(false);
}

void TimeSlider::setDimensions(const std::vector<SliceDimension>& dimensions,
                               const std::map<std::string, std::size_t>& indices) {
    // Rebuilt rather than reused: variables differ in how many extra dimensions they have,
    // and a few widgets per dimension cost nothing next to reading a slice.
    delete m_rowsWidget;
    m_rowsWidget = nullptr;
    m_rows.clear();
    m_dimensions = dimensions;
    setVisible(!m_dimensions.empty());
    if (m_dimensions.empty()) {
        return;
    }
    m_rowsWidget = new QWidget(this);
    auto* grid = new QGridLayout(m_rowsWidget);
    grid->setContentsMargins(0, 0, 0, 0);
    for (std::size_t i = 0; i < m_dimensions.size(); ++i) {
        const SliceDimension& dimension = m_dimensions[i];
        const int row = static_cast<int>(i);
        Row widgets;
        widgets.label = new QLabel(m_rowsWidget);
        widgets.label->setObjectName(QStringLiteral("sliceLabel_") + dimension.name);
        widgets.label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        widgets.previous = new QToolButton(m_rowsWidget);
        widgets.previous->setArrowType(Qt::LeftArrow);
        widgets.previous->setToolTip(tr("Previous %1").arg(dimension.name));
        widgets.next = new QToolButton(m_rowsWidget);
        widgets.next->setArrowType(Qt::RightArrow);
        widgets.next->setToolTip(tr("Next %1").arg(dimension.name));
        widgets.slider = new QSlider(Qt::Horizontal, m_rowsWidget);
        widgets.slider->setObjectName(QStringLiteral("slider_") + dimension.name);
        widgets.slider->setRange(0,
                                 static_cast<int>(std::max<std::size_t>(dimension.length, 1) - 1));
        const auto chosen = indices.find(dimension.name.toStdString());
        if (chosen != indices.end()) {
            widgets.slider->setValue(static_cast<int>(chosen->second));
        }
        grid->addWidget(widgets.label, 2 * row, 0, 1, 3);
        grid->addWidget(widgets.previous, 2 * row + 1, 0);
        grid->addWidget(widgets.slider, 2 * row + 1, 1);
        grid->addWidget(widgets.next, 2 * row + 1, 2);
        m_rows.push_back(widgets);
        updateLabel(row);
        const QString name = dimension.name;
        // valueChanged, not sliderReleased: the view follows the drag; the owner makes the
        // latest request win, so intermediate frames never overwrite the final one.
        connect(widgets.slider, &QSlider::valueChanged, this, [this, row]() {
            updateLabel(row);
            emit indicesChanged(this->indices());
        });
        connect(widgets.previous, &QToolButton::clicked, this, [this, name]() { step(name, -1); });
        connect(widgets.next, &QToolButton::clicked, this, [this, name]() { step(name, +1); });
    }
    layout()->addWidget(m_rowsWidget);
}

std::map<std::string, std::size_t> TimeSlider::indices() const {
    std::map<std::string, std::size_t> result;
    for (std::size_t i = 0; i < m_dimensions.size(); ++i) {
        result[m_dimensions[i].name.toStdString()] =
            static_cast<std::size_t>(m_rows[i].slider->value());
    }
    return result;
}

int TimeSlider::rowOf(const QString& dimension) const {
    for (std::size_t i = 0; i < m_dimensions.size(); ++i) {
        if (m_dimensions[i].name == dimension) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

bool TimeSlider::setIndex(const QString& dimension, std::size_t index) {
    const int row = rowOf(dimension);
    if (row < 0) {
        return false;
    }
    QSlider* slider = m_rows[static_cast<std::size_t>(row)].slider;
    slider->setValue(static_cast<int>(std::min<std::size_t>(index, slider->maximum())));
    return true;
}

bool TimeSlider::step(const QString& dimension, int delta) {
    const int row = rowOf(dimension);
    if (row < 0) {
        return false;
    }
    QSlider* slider = m_rows[static_cast<std::size_t>(row)].slider;
    slider->setValue(std::clamp(slider->value() + delta, slider->minimum(), slider->maximum()));
    return true;
}

QString TimeSlider::labelText(const QString& dimension) const {
    const int row = rowOf(dimension);
    return row < 0 ? QString() : m_rows[static_cast<std::size_t>(row)].label->text();
}

QString TimeSlider::describeIndices() const {
    QStringList parts;
    for (std::size_t i = 0; i < m_dimensions.size(); ++i) {
        parts << m_dimensions[i].describe(static_cast<std::size_t>(m_rows[i].slider->value()));
    }
    return parts.join(QStringLiteral(", "));
}

void TimeSlider::updateLabel(int row) {
    const auto i = static_cast<std::size_t>(row);
    const SliceDimension& dimension = m_dimensions[i];
    const auto index = static_cast<std::size_t>(m_rows[i].slider->value());
    // Index first (what the file is addressed by), then what it means.
    QString text = tr("%1 %2 of %3").arg(dimension.name).arg(index + 1).arg(dimension.length);
    if (index < static_cast<std::size_t>(dimension.labels.size())) {
        text += QStringLiteral(": ") + dimension.labels[static_cast<qsizetype>(index)];
    }
    m_rows[i].label->setText(text);
    m_rows[i].previous->setEnabled(index > 0);
    m_rows[i].next->setEnabled(index + 1 < dimension.length);
}

} // namespace twins::widgets
