#pragma once

#include "twinbench/viz/MapScene.h"
#include "twinbench/viz/VtkView.h"

#include <QPointF>
#include <QString>
#include <QTimer>

#include <chrono>
#include <memory>

namespace twins::viz {

// A VtkView that shows a lon/lat field on a projected map with coastlines, borders, a
// graticule with degree labels, a colour bar with the variable's units, and overlays; the
// value under the cursor is reported through cursorTextChanged. Left drag pans, the wheel
// zooms ('r' resets); zooming in switches to finer coastlines and a denser graticule.
// Everything drawn lives in scene(), which figure export renders offscreen as well.
class MapView : public VtkView {
    Q_OBJECT
public:
    explicit MapView(QWidget* parent = nullptr);
    ~MapView() override;

    MapScene& scene() { return *m_scene; }
    const MapScene& scene() const { return *m_scene; }

    // Shows a field; on failure (not lon/lat, nothing finite) the map shows the reason and
    // false is returned with *error set.
    bool setField(std::shared_ptr<const data::FieldSlice> field, QString* error = nullptr);
    void setProjection(const MapProjection& projection);
    bool setColorMap(const QString& name);
    // Both return false with *error set when the scale or range does not suit the data.
    bool setColorScale(ColorScale scale, QString* error = nullptr);
    bool setColorRange(double minimum, double maximum, QString* error = nullptr);

    // Fits the whole map into the view (zoom 1).
    void resetCamera();
    // Points the camera at the lon/lat box plus `margin` (a fraction of its size on each side,
    // at least 2 degrees), as if the user had zoomed there: coastline detail follows the zoom,
    // linked views follow, and a resize keeps it. The box is not cut by the title or colour
    // bar. A box with west > east or south > north leaves the camera as it is.
    void zoomTo(double west, double south, double east, double north, double margin = 0.15);
    // Takes the leader's camera (pan and zoom) without emitting cameraMoved, so two views can
    // follow each other without feedback (LinkedMapViews).
    void followCamera(const MapView& leader);
    // Widget position (logical pixels, origin top-left) where a lon/lat point is drawn;
    // std::nullopt when the point is not on the map.
    std::optional<QPointF> widgetPositionOf(GeoPoint point) const;
    // Lon/lat under a widget position; std::nullopt off the map.
    std::optional<GeoPoint> geoPointAt(QPointF widgetPosition) const;
    // "45.25°N 10.5°E: 273.4 K"; empty off the map.
    QString describePosition(QPointF widgetPosition) const;

    // Whether the last on-screen frame drew its lines thin: frames of an animation (field
    // values replaced less than animationFrameGap after the previous frame) do, and the view
    // redraws at full width once the animation has been still for settleDelay. Exports always
    // draw full widths.
    bool drewThinLines() const { return m_drewThinLines; }
    static constexpr std::chrono::milliseconds animationFrameGap{150};
    static constexpr std::chrono::milliseconds settleDelay{250};

signals:
    void cursorTextChanged(const QString& text);
    // The user panned or zoomed (after the camera changed); LinkedMapViews follows it.
    void cameraMoved();

protected:
    void resizeGL(int width, int height) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    // Coastline resolution and graticule spacing follow the zoom.
    void updateDetailForZoom();
    MapPoint worldPointAt(QPointF widgetPosition) const;

    // Decides thin or full-width lines before each render of the scene (see drewThinLines).
    void chooseLineDetail();

    std::unique_ptr<MapScene> m_scene;
    bool m_userMovedCamera = false;
    bool m_drewThinLines = false;
    std::chrono::steady_clock::time_point m_lastFrame{};
    QTimer* m_settle = nullptr;
};

} // namespace twins::viz
