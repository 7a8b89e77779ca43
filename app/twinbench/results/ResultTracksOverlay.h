#pragma once

// A `tracks` result whose spec names a background (options.background, ResultBackground.h)
// drawn in a workspace cell: the background field on a map, zoomed to the tracks' extent with a
// margin, every track as a line styled by its role (the answer's "role", from the spec's group
// column: e.g. truth and detected), and the positions at the shown time step as dots, so the
// tracks move with the time slider and with linked cells.

#include "results/ResultBackground.h"
#include "twinbench/viz/MapProjection.h"

#include <QColor>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <vector>

namespace twins::viz {
class MapScene;
class MapView;
} // namespace twins::viz

namespace twins::app {

struct OverlayTrack {
    QString id;
    QString role; // "" when the answer has no roles
    std::vector<viz::GeoPoint> points;
    QStringList times; // normalised ISO times, one per point ("" when the file has none)
};

// A lon/lat box.
struct GeoExtent {
    double west = 0.0;
    double east = 0.0;
    double south = 0.0;
    double north = 0.0;
};

struct TracksOverlayData {
    QString title;
    QString fileName;
    PointsBackground background;
    QString variable; // options.background.variable
    bool symmetric = false;
    QString timeDimension; // of the background variable; empty: tracks are drawn once
    QStringList stepTimes;
    std::vector<OverlayTrack> tracks;
    QStringList roles;         // in order of first appearance; one style each
    std::size_t firstStep = 0; // the first step with a track position
    GeoExtent extent;          // of every track point
    QString error; // why the tracks cannot be drawn on their background (the cell then shows
                   // the result's own world map, its caption saying why)
};

// Reads the result through the answer registry (tracks kind) and the background's time axis.
// Blocking file I/O: call it off the GUI thread.
TracksOverlayData readTracksOverlay(const sdk::ResultSpec& spec, const QString& runDirectory);

// The line colour of the n-th role (for tests): a light cream, then red, then a blue; none is
// the coastlines' near-black.
QColor trackRoleColour(qsizetype role);

// Replaces the scene's overlays by the tracks (lines by role) and the positions at `step`,
// and writes the legend into the caption.
void drawTracksOverlay(const TracksOverlayData& data, std::size_t step, viz::MapScene& scene);

// Points the map's camera at the box plus `margin` (a fraction of its size on each side, at
// least 2 degrees), as if the user had zoomed there: coastline detail follows the zoom, linked
// cells follow, and a resize keeps it. The box is not cut by the title or colour bar.
void zoomMapTo(viz::MapView& map, const GeoExtent& extent, double margin = 0.15);

} // namespace twins::app
