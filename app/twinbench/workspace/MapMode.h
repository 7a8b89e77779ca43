#pragma once

#include <QObject>
#include <QString>

namespace twins::viz {
class FieldView;
class MapView;
} // namespace twins::viz

namespace twins::app {

class Workspace;

// Map mode of the views: the same field on a projected map with coastlines (viz::MapView),
// chosen per view in Properties. The data-grid FieldView stays underneath in the cell, so
// leaving map mode or showing a field that is not on a lon/lat grid falls back to it with the
// reason in the status bar.
class MapMode : public QObject {
    Q_OBJECT
public:
    explicit MapMode(Workspace& workspace);

    // The map of the active view when it shows a projection, else nullptr (data grid).
    viz::MapView* activeMap() const;
    // The map of a view's cell, made on first use.
    viz::MapView* mapOf(viz::FieldView* view);
    // The projection chosen for the active view (empty: the data grid, kept for the cell).
    void setProjectionOfActiveView(const QString& projectionName);
    // A field that has just been read into a view of no chosen projection: a longitude/latitude
    // field opens on Plate Carree with its coastlines, the first picture a user expects of the
    // Earth; anything else stays on the data grid. True when it drew the field on the map.
    bool showOnMapByDefault(viz::FieldView* view);
    // Draws the view's field on its map when the view is in map mode.
    void showFieldOnMap(viz::FieldView* view);
    void leaveMapMode(viz::FieldView* view, const QString& reason);
    // Shows a view on a projection (empty: the data grid) without recording it as the user's
    // choice (View > Back restoring what a cell showed).
    void setProjectionOf(viz::FieldView* view, const QString& projectionName);

signals:
    // A view's map was made (to follow its cursor, camera and frames).
    void mapAdded(viz::FieldView* view, viz::MapView* map);
    // A field (or the next step of the same one) was drawn on a view's map.
    void fieldDrawn(viz::FieldView* view, viz::MapView* map);

private:
    Workspace& m_workspace;
};

} // namespace twins::app
