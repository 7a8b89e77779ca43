#pragma once

#include <QImage>
#include <QPointF>
#include <QWidget>

#include <array>
#include <optional>
#include <vector>

namespace twins::app {

// A small world map (plate carree, land from the compiled-in GSHHG mask) on which a search area
// is drawn by dragging, and the footprints of found items are outlined. Boxes are west, south,
// east, north in degrees.
class BboxMap : public QWidget {
    Q_OBJECT
public:
    using Box = std::array<double, 4>;
    explicit BboxMap(QWidget* parent = nullptr);

    std::optional<Box> box() const { return m_box; }
    void setBox(std::optional<Box> box);
    void setFootprints(std::vector<Box> footprints, int highlighted = -1);
    QSize sizeHint() const override { return {280, 140}; }
    QSize minimumSizeHint() const override { return {180, 90}; }

signals:
    // The user drew a box (a drag of a few pixels at least).
    void boxDrawn(double west, double south, double east, double north);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QRectF mapRect() const;
    QPointF toLonLat(QPointF pixel) const;
    QRectF toPixels(const Box& box) const;

    QImage m_land;
    std::optional<Box> m_box;
    std::vector<Box> m_footprints;
    int m_highlighted = -1;
    std::optional<QPointF> m_dragStart; // lon, lat
    std::optional<QPointF> m_dragEnd;
};

} // namespace twins::app
