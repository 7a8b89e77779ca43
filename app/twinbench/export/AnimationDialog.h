#pragma once

#include "twinbench/widgets/TimeSlider.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QSpinBox;

namespace twins::app {

class ExportPathRow;
struct AnimationRequest;

// File > Export Animation: where to write, which dimension, which frames, how fast and how
// large.
class AnimationDialog : public QDialog {
    Q_OBJECT
public:
    AnimationDialog(const std::vector<widgets::SliceDimension>& dimensions, QWidget* parent);

    // Sets the output, size, dimension, frames and speed of the request.
    void fill(AnimationRequest& request) const;

private:
    void updateRange();

    std::vector<widgets::SliceDimension> m_dimensions;
    ExportPathRow* m_path = nullptr;
    QComboBox* m_dimension = nullptr;
    QSpinBox* m_first = nullptr;
    QSpinBox* m_last = nullptr;
    QSpinBox* m_fps = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
};

} // namespace twins::app
