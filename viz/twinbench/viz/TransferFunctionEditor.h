#pragma once

#include "twinbench/viz/TransferFunction.h"

#include <QPointF>
#include <QRectF>
#include <QString>
#include <QWidget>

#include <optional>
#include <vector>

namespace twins::viz {

// Edits a volume transfer function with the mouse, over a histogram of the data:
//  - opacity: a curve through points in the upper area (x = position in the shown range,
//    y = opacity). Drag a point to move it (the end points move only vertically); click
//    elsewhere in the area to add a point there; right-click a point to remove it;
//  - colour: a strip along the bottom with the colour points as markers under it. Drag a
//    marker sideways to move it; double-click a marker to choose its colour; double-click the
//    strip to add a point with the colour shown there; right-click a marker to remove it.
// Emits transferFunctionChanged on every change, including while dragging.
class TransferFunctionEditor : public QWidget {
    Q_OBJECT
public:
    explicit TransferFunctionEditor(QWidget* parent = nullptr);

    void setTransferFunction(const TransferFunction& function);
    const TransferFunction& transferFunction() const { return m_function; }
    // Positions (0..1) of the data's values, drawn as a histogram (log counts) behind the
    // curve; and the labels of the two ends of the range (e.g. "0.001 MeV", "35.2 MeV").
    void setHistogram(const std::vector<double>& positions);
    void setRangeLabels(const QString& low, const QString& high);

    // Widget positions of the points (for tests and accessibility tools).
    QPointF opacityPointPosition(int index) const;
    QPointF colorPointPosition(int index) const;
    QRectF curveArea() const;
    QRectF colorStrip() const;

    QSize sizeHint() const override { return {280, 170}; }
    QSize minimumSizeHint() const override { return {160, 110}; }

signals:
    void transferFunctionChanged(const TransferFunction& function);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    enum class Dragging { Nothing, OpacityPoint, ColorPoint };
    std::optional<int> opacityPointAt(QPointF position) const;
    std::optional<int> colorPointAt(QPointF position) const;
    double positionAt(double x) const;
    void changed();

    TransferFunction m_function;
    std::vector<double> m_histogram; // normalised bar heights 0..1
    QString m_lowLabel;
    QString m_highLabel;
    Dragging m_dragging = Dragging::Nothing;
    int m_dragIndex = -1;
};

} // namespace twins::viz
