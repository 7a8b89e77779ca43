#pragma once

#include "twinbench/viz/MapProjection.h"

#include <QString>

#include <vector>

namespace twins::viz {

struct GraticuleLabel {
    // Where the label is anchored, and which side of the anchor the text goes.
    enum class Placement { LeftOfPoint, BelowPoint, OnPoint };
    MapPoint anchor;
    QString text;
    Placement placement = Placement::OnPoint;
    // Which labels a crowded map keeps first: 0 for multiples of 90 degrees (the equator, the
    // prime and the 180th meridian, 90°E/W), 1 for multiples of 60, 2 for 30, 3 for others.
    int rank = 3;
};

struct Graticule {
    std::vector<MapPolyline> lines;
    std::vector<GraticuleLabel> labels;
};

// Meridians and parallels every spacingDegrees (30, 15, 10 ...), projected and split like any
// polyline, with degree labels: latitudes along the left edge of world maps (along the central
// meridian of globes), longitudes along the bottom edge (along the equator, or the outer circle
// of polar maps).
Graticule buildGraticule(const MapProjection& projection, double spacingDegrees);

// "30°N", "45.5°S", "0°"; "60°W", "120°E", "180°" (longitude normalised to (-180, 180]).
QString latitudeLabel(double lat);
QString longitudeLabel(double lon);

} // namespace twins::viz
