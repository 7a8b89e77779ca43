#pragma once

#include "twinbench/viz/MapView.h"

#include <QWidget>

#include <memory>

namespace twins::data {
struct FieldSlice;
}

namespace twins::viz {

// Two maps side by side whose cameras are linked: panning or zooming either one moves the
// other the same way, so the same place is compared in both (e.g. the ensemble mean on the
// left and its spread on the right). Projection changes apply to both.
class LinkedMapViews : public QWidget {
    Q_OBJECT
public:
    explicit LinkedMapViews(QWidget* parent = nullptr);

    MapView& left() { return *m_left; }
    MapView& right() { return *m_right; }

    // Mean (any colour map) on the left, spread on the right with a sequential map (magma,
    // whose dark end is "no spread") and the caption that says what it is. Returns false with
    // *error set when either cannot be drawn.
    bool setMeanAndSpread(std::shared_ptr<const data::FieldSlice> mean,
                          std::shared_ptr<const data::FieldSlice> spread, QString* error = nullptr);
    void setProjection(const MapProjection& projection);

private:
    MapView* m_left;
    MapView* m_right;
};

} // namespace twins::viz
