#pragma once

// A `points` result with a "background" (cyclone's detections on msl or vo_850) drawn where
// climate scientists read it: the input's field in a workspace cell's map, one time step
// at a time, with that step's detections and their position-uncertainty ellipses on top.
// Kept apart from PointsResult.cpp (which turns every row into one static answer for the
// result view) because this needs the run's inputs, the background's time axis and a redraw
// per time step; BackgroundOverlays.h draws it in the cell at each shown step.

#include "results/ResultBackground.h"
#include "twinbench/sdk/ModuleMetadata.h"
#include "twinbench/viz/MapProjection.h"

#include <QPointer>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <limits>
#include <memory>
#include <vector>

namespace twins::viz {
class FieldView;
class MapScene;
} // namespace twins::viz

namespace twins::app {

struct PointDetection {
    viz::GeoPoint centre;
    double northKm = std::numeric_limits<double>::quiet_NaN(); // ellipse semi-axes; NaN: none
    double eastKm = std::numeric_limits<double>::quiet_NaN();
};

struct PointsOverlayData {
    QString title;
    QString csvName;
    PointsBackground background;
    QString variable; // options.background.variable
    bool symmetric = false;
    QString timeDimension; // of the background variable
    QStringList stepTimes; // "YYYY-MM-DD HH:MM:SS" of each index of timeDimension
    std::vector<std::vector<PointDetection>> detectionsOfStep; // one list per index
    std::size_t firstStep = 0;                                 // the first one with detections
    qsizetype stepsWithDetections = 0;
    qsizetype unmatchedRows = 0; // rows at a time the background does not have (not drawn)
    QString ellipseColumns;      // "spread_north_km x spread_east_km", empty without ellipses
    // Why the result cannot be drawn on its background; the cell then shows the result by
    // its own page, its caption saying why.
    QString error;
};

// Everything the overlay needs, read on the thread pool: the background's location and time
// axis (decoded CF time) and the CSV rows grouped by the time step they fall on.
PointsOverlayData readPointsOverlay(const sdk::ResultSpec& spec, const QString& runDirectory);

// A closed lon/lat polyline: the ellipse of semi-axes northKm (along the meridian) and eastKm
// around `centre`, with 111.2 km per degree of latitude and 111.2 cos(lat) km per degree of
// longitude.
std::vector<viz::GeoPoint> ellipsePolyline(viz::GeoPoint centre, double northKm, double eastKm,
                                           int segments = 48);

// Replaces the scene's overlays by the detections of `step` (orange dots, black ellipses) and
// states on the caption what is drawn.
void drawPointsOverlay(const PointsOverlayData& data, std::size_t step, viz::MapScene& scene);

// The colour of the detection dots (for tests).
constexpr int pointsOverlayRed = 213;
constexpr int pointsOverlayGreen = 94;
constexpr int pointsOverlayBlue = 0;

} // namespace twins::app
