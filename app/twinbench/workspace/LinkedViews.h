#pragma once

#include <QObject>

#include <cstddef>
#include <map>
#include <string>

namespace twins::viz {
class FieldView;
class VtkView;
} // namespace twins::viz

namespace twins::app {

class Workspace;

// Linked views: while on, moving the time slider of the active cell moves every cell whose
// variable has the same dimension, and a pan or zoom in one cell moves the others (maps
// follow maps of the same projection, data grids follow data grids).
class LinkedViews : public QObject {
    Q_OBJECT
public:
    explicit LinkedViews(Workspace& workspace);

    bool linked() const { return m_linked; }
    // Linking brings every cell to the active one's time and place at once.
    void setLinked(bool linked);
    // Watches a data-grid view's camera (its interactor's render requests).
    void watchCameraOf(viz::FieldView* view);
    // The other views follow this one's camera, when linked.
    void followCameraOf(viz::VtkView* leader);
    // The other cells move to these indices (those of their dimensions, clamped), when linked.
    void followIndicesOf(viz::FieldView* source, const std::map<std::string, std::size_t>& indices);

signals:
    void linkedChanged(bool linked);

private:
    Workspace& m_workspace;
    bool m_linked = false;
    bool m_followingCamera = false; // a linked camera update is being applied
};

} // namespace twins::app
