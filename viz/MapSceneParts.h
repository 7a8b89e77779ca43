#pragma once

// Pieces shared by MapScene's source files (private to viz/): the map's frame in the window,
// the depth of each map layer, line and text helpers, and the overlay record (MapScene.cpp,
// MapSceneOverlays.cpp, MapSceneUncertainty.cpp).
#include "twinbench/viz/MapProjection.h"
#include "twinbench/viz/MapScene.h"

#include <QColor>
#include <QString>

#include <vtkActor.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

#include <vector>

class vtkTextProperty;

namespace twins::viz {

namespace mapLayers {
// Fractions of the window reserved around the map: title and source line on top, colour bar
// on the right, graticule labels left and below.
constexpr double mapLeft = 0.07;
constexpr double mapRight = 0.80;
constexpr double mapBottom = 0.08;
constexpr double mapTop = 0.85;

// Layers are separated in depth (metres, negligible against a 40 000 km map) so that lines
// always draw over the field without depth fighting.
constexpr double fieldDepth = 0.0;
constexpr double graticuleDepth = 1000.0;
constexpr double borderDepth = 2000.0;
constexpr double coastDepth = 3000.0;
constexpr double overlayDepth = 4000.0;
constexpr double outlineDepth = 5000.0;
} // namespace mapLayers

vtkSmartPointer<vtkPolyData> polylineData(const std::vector<MapPolyline>& lines, double depth);
// An unlit, unpickable line actor of one colour.
vtkSmartPointer<vtkActor> lineActor(vtkPolyData* data, const double rgb[3], double width);
// The map's text style: dark grey Arial, no shadow, bold or italic.
void styleText(vtkTextProperty* text, int size);
// A light box behind text drawn over the map: a map zoomed to a region reaches the view's
// edges, so titles and captions lie over coastlines and cells (white on the usual white margin,
// so a whole-world map looks as before).
void onLightBox(vtkTextProperty* text);

struct MapScene::Overlay {
    enum class Kind { Track, Points, Contours };
    Kind kind = Kind::Track;
    std::vector<GeoPoint> points;
    std::vector<double> values;
    QString colorMapName;
    double minimum = 0.0;
    double maximum = 1.0;
    PointSymbol symbol = PointSymbol::Circle;
    QColor color;
    double size = 8.0;
};

} // namespace twins::viz
