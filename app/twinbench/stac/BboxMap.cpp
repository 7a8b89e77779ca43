#include "stac/BboxMap.h"

#include "twinbench/geo/LandMask.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace twins::app {

namespace {

// One pixel per degree, made once: the land mask is 0.05 degrees, far finer than this map.
QImage landImage() {
    static const QImage image = [] {
        QImage made(360, 180, QImage::Format_RGB32);
        const QRgb water = qRgb(214, 230, 242);
        const QRgb land = qRgb(222, 214, 190);
        try {
            const geo::LandMask& mask = geo::LandMask::gshhg();
            for (int row = 0; row < 180; ++row) {
                for (int column = 0; column < 360; ++column) {
                    const bool isLand = mask.isLand(89.5 - row, -179.5 + column);
                    made.setPixel(column, row, isLand ? land : water);
                }
            }
        } catch (const geo::GeoError&) {
            made.fill(water); // a binary without the mask: a plain map still works
        }
        return made;
    }();
    return image;
}

} // namespace

BboxMap::BboxMap(QWidget* parent) : QWidget(parent), m_land(landImage()) {
    setCursor(Qt::CrossCursor);
    setMaximumHeight(160); // a locator, not a map view: the results need the room
    setToolTip(tr("Drag to draw the search area"));
}

void BboxMap::setBox(std::optional<Box> box) {
    m_box = box;
    update();
}

void BboxMap::setFootprints(std::vector<Box> footprints, int highlighted) {
    m_footprints = std::move(footprints);
    m_highlighted = highlighted;
    update();
}

QRectF BboxMap::mapRect() const {
    // Keep the map 2:1 and centred.
    const double width = std::min<double>(this->width(), 2.0 * height());
    const double height = width / 2.0;
    return {(this->width() - width) / 2.0, (this->height() - height) / 2.0, width, height};
}

QPointF BboxMap::toLonLat(QPointF pixel) const {
    const QRectF map = mapRect();
    const double lon = -180.0 + 360.0 * (pixel.x() - map.left()) / map.width();
    const double lat = 90.0 - 180.0 * (pixel.y() - map.top()) / map.height();
    return {std::clamp(lon, -180.0, 180.0), std::clamp(lat, -90.0, 90.0)};
}

QRectF BboxMap::toPixels(const Box& box) const {
    const QRectF map = mapRect();
    const auto x = [&](double lon) { return map.left() + (lon + 180.0) / 360.0 * map.width(); };
    const auto y = [&](double lat) { return map.top() + (90.0 - lat) / 180.0 * map.height(); };
    return QRectF(QPointF(x(box[0]), y(box[3])), QPointF(x(box[2]), y(box[1])));
}

void BboxMap::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const QRectF map = mapRect();
    painter.drawImage(map, m_land);
    painter.setPen(QPen(QColor(0, 0, 0, 40), 0));
    for (int lon = -150; lon < 180; lon += 30) {
        painter.drawLine(toPixels({double(lon), -90, double(lon), 90}).topLeft(),
                         toPixels({double(lon), -90, double(lon), 90}).bottomLeft());
    }
    for (int lat = -60; lat <= 60; lat += 30) {
        const QRectF line = toPixels({-180, double(lat), 180, double(lat)});
        painter.drawLine(line.topLeft(), line.topRight());
    }
    painter.setRenderHint(QPainter::Antialiasing);
    // A box across the antimeridian (west > east) is drawn as its two parts.
    const auto drawBox = [&](const Box& box) {
        if (box[0] <= box[2]) {
            painter.drawRect(toPixels(box));
        } else {
            painter.drawRect(toPixels({box[0], box[1], 180, box[3]}));
            painter.drawRect(toPixels({-180, box[1], box[2], box[3]}));
        }
    };
    for (std::size_t i = 0; i < m_footprints.size(); ++i) {
        const bool highlighted = static_cast<int>(i) == m_highlighted;
        painter.setPen(QPen(highlighted ? QColor(200, 30, 30) : QColor(40, 80, 160, 160),
                            highlighted ? 2 : 1));
        painter.setBrush(highlighted ? QColor(200, 30, 30, 40) : QColor(40, 80, 160, 25));
        drawBox(m_footprints[i]);
    }
    std::optional<Box> shown = m_box;
    if (m_dragStart && m_dragEnd) {
        shown = Box{
            std::min(m_dragStart->x(), m_dragEnd->x()), std::min(m_dragStart->y(), m_dragEnd->y()),
            std::max(m_dragStart->x(), m_dragEnd->x()), std::max(m_dragStart->y(), m_dragEnd->y())};
    }
    if (shown) {
        painter.setPen(QPen(QColor(230, 120, 0), 2, Qt::DashLine));
        painter.setBrush(QColor(230, 120, 0, 35));
        drawBox(*shown);
    }
    painter.setPen(QPen(QColor(0, 0, 0, 90), 0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(map);
}

void BboxMap::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        m_dragStart = toLonLat(event->position());
        m_dragEnd.reset();
    }
}

void BboxMap::mouseMoveEvent(QMouseEvent* event) {
    if (m_dragStart) {
        m_dragEnd = toLonLat(event->position());
        update();
    }
}

void BboxMap::mouseReleaseEvent(QMouseEvent* event) {
    if (!m_dragStart || event->button() != Qt::LeftButton) {
        return;
    }
    const QPointF end = toLonLat(event->position());
    const QPointF start = *m_dragStart;
    m_dragStart.reset();
    m_dragEnd.reset();
    const QRectF pixels = toPixels({start.x(), start.y(), end.x(), end.y()}).normalized();
    if (pixels.width() < 3 || pixels.height() < 3) {
        update();
        return; // a click, not a drag
    }
    const auto rounded = [](double value) { return std::round(value * 10.0) / 10.0; };
    m_box = Box{rounded(std::min(start.x(), end.x())), rounded(std::min(start.y(), end.y())),
                rounded(std::max(start.x(), end.x())), rounded(std::max(start.y(), end.y()))};
    update();
    emit boxDrawn((*m_box)[0], (*m_box)[1], (*m_box)[2], (*m_box)[3]);
}

} // namespace twins::app
