#include "twinbench/viz/TransferFunctionEditor.h"

#include <QColorDialog>
#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace twins::viz {

namespace {
constexpr int histogramBins = 64;
constexpr double pickRadius = 7.0; // pixels
constexpr double pointRadius = 4.5;
constexpr double stripHeight = 14.0;
constexpr double markerHeight = 9.0;
constexpr double labelHeight = 14.0;
constexpr double sideMargin = 8.0;
} // namespace

TransferFunctionEditor::TransferFunctionEditor(QWidget* parent) : QWidget(parent) {
    setMouseTracking(false);
    setToolTip(tr("Opacity: drag points, click to add, right-click to remove.\nColour: drag "
                  "markers, double-click to pick a colour or add a point."));
}

void TransferFunctionEditor::setTransferFunction(const TransferFunction& function) {
    m_function = function;
    update();
}

void TransferFunctionEditor::setHistogram(const std::vector<double>& positions) {
    std::vector<double> counts(histogramBins, 0.0);
    for (double position : positions) {
        if (std::isfinite(position)) {
            const int bin =
                std::clamp(static_cast<int>(position * histogramBins), 0, histogramBins - 1);
            counts[static_cast<std::size_t>(bin)] += 1.0;
        }
    }
    // Log counts: a shower has a few hot cells and many cold ones; linear bars would show
    // one spike.
    double highest = 0.0;
    for (double& count : counts) {
        count = std::log10(1.0 + count);
        highest = std::max(highest, count);
    }
    for (double& count : counts) {
        count = highest > 0.0 ? count / highest : 0.0;
    }
    m_histogram = std::move(counts);
    update();
}

void TransferFunctionEditor::setRangeLabels(const QString& low, const QString& high) {
    m_lowLabel = low;
    m_highLabel = high;
    update();
}

QRectF TransferFunctionEditor::curveArea() const {
    const double bottom = height() - labelHeight - markerHeight - stripHeight - 6.0;
    return QRectF(sideMargin, 6.0, std::max(1.0, width() - 2.0 * sideMargin),
                  std::max(1.0, bottom - 6.0));
}

QRectF TransferFunctionEditor::colorStrip() const {
    const QRectF area = curveArea();
    return QRectF(area.left(), area.bottom() + 4.0, area.width(), stripHeight);
}

QPointF TransferFunctionEditor::opacityPointPosition(int index) const {
    const QRectF area = curveArea();
    const OpacityPoint& point = m_function.opacityPoints().at(static_cast<std::size_t>(index));
    return {area.left() + point.position * area.width(),
            area.bottom() - point.opacity * area.height()};
}

QPointF TransferFunctionEditor::colorPointPosition(int index) const {
    const QRectF strip = colorStrip();
    const ColorPoint& point = m_function.colorPoints().at(static_cast<std::size_t>(index));
    return {strip.left() + point.position * strip.width(), strip.bottom() + markerHeight / 2.0};
}

double TransferFunctionEditor::positionAt(double x) const {
    const QRectF area = curveArea();
    return std::clamp((x - area.left()) / area.width(), 0.0, 1.0);
}

std::optional<int> TransferFunctionEditor::opacityPointAt(QPointF position) const {
    std::optional<int> nearest;
    double best = pickRadius;
    for (int i = 0; i < static_cast<int>(m_function.opacityPoints().size()); ++i) {
        const QPointF offset = opacityPointPosition(i) - position;
        const double distance = std::hypot(offset.x(), offset.y());
        if (distance <= best) {
            best = distance;
            nearest = i;
        }
    }
    return nearest;
}

std::optional<int> TransferFunctionEditor::colorPointAt(QPointF position) const {
    const QRectF strip = colorStrip();
    if (position.y() < strip.top() - 2.0 || position.y() > strip.bottom() + markerHeight + 2.0) {
        return std::nullopt;
    }
    std::optional<int> nearest;
    double best = pickRadius;
    for (int i = 0; i < static_cast<int>(m_function.colorPoints().size()); ++i) {
        const double distance = std::abs(colorPointPosition(i).x() - position.x());
        if (distance <= best) {
            best = distance;
            nearest = i;
        }
    }
    return nearest;
}

void TransferFunctionEditor::changed() {
    update();
    emit transferFunctionChanged(m_function);
}

void TransferFunctionEditor::mousePressEvent(QMouseEvent* event) {
    const QPointF position = event->position();
    auto opacity = m_function.opacityPoints();
    auto colors = m_function.colorPoints();
    if (const auto index = colorPointAt(position)) {
        if (event->button() == Qt::RightButton) {
            if (*index > 0 && *index + 1 < static_cast<int>(colors.size())) {
                colors.erase(colors.begin() + *index);
                m_function.setColorPoints(colors);
                changed();
            }
        } else if (event->button() == Qt::LeftButton) {
            m_dragging = Dragging::ColorPoint;
            m_dragIndex = *index;
        }
        return;
    }
    if (const auto index = opacityPointAt(position)) {
        if (event->button() == Qt::RightButton) {
            if (*index > 0 && *index + 1 < static_cast<int>(opacity.size())) {
                opacity.erase(opacity.begin() + *index);
                m_function.setOpacityPoints(opacity);
                changed();
            }
        } else if (event->button() == Qt::LeftButton) {
            m_dragging = Dragging::OpacityPoint;
            m_dragIndex = *index;
        }
        return;
    }
    const QRectF area = curveArea();
    if (event->button() == Qt::LeftButton && area.contains(position)) {
        const double t = positionAt(position.x());
        const double alpha = std::clamp((area.bottom() - position.y()) / area.height(), 0.0, 1.0);
        opacity.push_back({t, alpha});
        m_function.setOpacityPoints(opacity);
        // Drag the new point from here on: find it again after sorting.
        const auto& points = m_function.opacityPoints();
        for (int i = 0; i < static_cast<int>(points.size()); ++i) {
            if (points[static_cast<std::size_t>(i)].position == t &&
                points[static_cast<std::size_t>(i)].opacity == alpha) {
                m_dragging = Dragging::OpacityPoint;
                m_dragIndex = i;
            }
        }
        changed();
    }
}

void TransferFunctionEditor::mouseMoveEvent(QMouseEvent* event) {
    if (m_dragging == Dragging::Nothing || m_dragIndex < 0) {
        return;
    }
    const QPointF position = event->position();
    if (m_dragging == Dragging::OpacityPoint) {
        auto points = m_function.opacityPoints();
        const int last = static_cast<int>(points.size()) - 1;
        OpacityPoint& point = points[static_cast<std::size_t>(m_dragIndex)];
        const QRectF area = curveArea();
        point.opacity = std::clamp((area.bottom() - position.y()) / area.height(), 0.0, 1.0);
        if (m_dragIndex > 0 && m_dragIndex < last) {
            // Between its neighbours, so the drag never reorders the points.
            point.position = std::clamp(positionAt(position.x()),
                                        points[static_cast<std::size_t>(m_dragIndex - 1)].position,
                                        points[static_cast<std::size_t>(m_dragIndex + 1)].position);
        }
        m_function.setOpacityPoints(points);
    } else {
        auto points = m_function.colorPoints();
        const int last = static_cast<int>(points.size()) - 1;
        if (m_dragIndex > 0 && m_dragIndex < last) {
            points[static_cast<std::size_t>(m_dragIndex)].position =
                std::clamp(positionAt(position.x()),
                           points[static_cast<std::size_t>(m_dragIndex - 1)].position,
                           points[static_cast<std::size_t>(m_dragIndex + 1)].position);
            m_function.setColorPoints(points);
        }
    }
    changed();
}

void TransferFunctionEditor::mouseReleaseEvent(QMouseEvent*) {
    m_dragging = Dragging::Nothing;
    m_dragIndex = -1;
}

void TransferFunctionEditor::mouseDoubleClickEvent(QMouseEvent* event) {
    const QPointF position = event->position();
    if (event->button() != Qt::LeftButton) {
        return;
    }
    auto colors = m_function.colorPoints();
    if (const auto index = colorPointAt(position)) {
        ColorPoint& point = colors[static_cast<std::size_t>(*index)];
        const QColor chosen = QColorDialog::getColor(point.color, this, tr("Colour point"));
        if (chosen.isValid()) {
            point.color = chosen;
            m_function.setColorPoints(colors);
            changed();
        }
        return;
    }
    if (colorStrip().adjusted(0, -2, 0, 2).contains(position)) {
        const double t = positionAt(position.x());
        colors.push_back({t, m_function.colorAt(t)});
        m_function.setColorPoints(colors);
        changed();
    }
}

void TransferFunctionEditor::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.fillRect(rect(), palette().base());
    const QRectF area = curveArea();

    // Histogram of the data behind the curve.
    if (!m_histogram.empty()) {
        const double barWidth = area.width() / static_cast<double>(m_histogram.size());
        for (std::size_t bin = 0; bin < m_histogram.size(); ++bin) {
            const double barHeight = m_histogram[bin] * area.height();
            painter.fillRect(QRectF(area.left() + bin * barWidth, area.bottom() - barHeight,
                                    barWidth, barHeight),
                             QColor(215, 215, 215));
        }
    }
    painter.setPen(QPen(QColor(150, 150, 150), 1.0));
    painter.drawRect(area);

    // Opacity curve, filled underneath with the colours it will get.
    QPainterPath curve;
    const auto& opacity = m_function.opacityPoints();
    for (int i = 0; i < static_cast<int>(opacity.size()); ++i) {
        const QPointF point = opacityPointPosition(i);
        if (i == 0) {
            curve.moveTo(point);
        } else {
            curve.lineTo(point);
        }
    }
    QPainterPath fill = curve;
    fill.lineTo(area.bottomRight());
    fill.lineTo(area.bottomLeft());
    fill.closeSubpath();
    QLinearGradient gradient(area.topLeft(), area.topRight());
    for (const ColorPoint& point : m_function.colorPoints()) {
        QColor color = point.color;
        color.setAlpha(110);
        gradient.setColorAt(point.position, color);
    }
    painter.fillPath(fill, gradient);
    painter.setPen(QPen(QColor(30, 30, 30), 1.5));
    painter.drawPath(curve);
    painter.setBrush(Qt::white);
    for (int i = 0; i < static_cast<int>(opacity.size()); ++i) {
        painter.drawEllipse(opacityPointPosition(i), pointRadius, pointRadius);
    }

    // Colour strip and its markers.
    const QRectF strip = colorStrip();
    QLinearGradient colors(strip.topLeft(), strip.topRight());
    for (const ColorPoint& point : m_function.colorPoints()) {
        colors.setColorAt(point.position, point.color);
    }
    painter.fillRect(strip, colors);
    painter.setPen(QPen(QColor(150, 150, 150), 1.0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(strip);
    for (int i = 0; i < static_cast<int>(m_function.colorPoints().size()); ++i) {
        const QPointF tip(colorPointPosition(i).x(), strip.bottom());
        QPolygonF marker;
        marker << tip << tip + QPointF(-4.0, markerHeight) << tip + QPointF(4.0, markerHeight);
        painter.setBrush(m_function.colorPoints()[static_cast<std::size_t>(i)].color);
        painter.setPen(QPen(QColor(30, 30, 30), 1.0));
        painter.drawPolygon(marker);
    }

    // Range labels.
    painter.setPen(palette().text().color());
    const QRectF labels(area.left(), strip.bottom() + markerHeight, area.width(), labelHeight);
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, m_lowLabel);
    painter.drawText(labels, Qt::AlignRight | Qt::AlignVCenter, m_highLabel);
}

} // namespace twins::viz
