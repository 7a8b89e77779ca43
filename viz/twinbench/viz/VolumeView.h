#pragma once

#include "twinbench/viz/VolumeScene.h"

#include <QWidget>

#include <array>
#include <memory>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace twins::viz {

class TransferFunctionEditor;
class VtkView;

// A 3-D grid (e.g. a calorimeter shower) shown as a volume with orthogonal slices and the sums
// along each axis (VolumeScene), beside its controls: the transfer-function editor over a
// histogram of the cells, a log-scale toggle, whether the volume and the slices are shown, and
// the index of each slice. Left drag in the 3-D view turns the volume, the wheel zooms.
// renderToImage() exports the view (without the controls) at any size; exportFigure() writes
// PNG, SVG or PDF of the same figure without using the on-screen window.
class VolumeView : public QWidget {
    Q_OBJECT
public:
    explicit VolumeView(QWidget* parent = nullptr);
    ~VolumeView() override;

    // Returns false with *error set (keeping what was shown) for an invalid grid.
    bool setVolume(const VolumeGrid& grid, QString* error = nullptr);
    // Returns false with *error set when the data has no positive value.
    bool setLogScale(bool log, QString* error = nullptr);
    void setTransferFunction(const TransferFunction& function);
    void setSliceIndex(int axis, int index);
    void setSlicesVisible(bool visible);
    void setVolumeVisible(bool visible);

    const VolumeScene& scene() const { return *m_scene; }
    VtkView& vtkView() const { return *m_view; }
    TransferFunctionEditor& transferFunctionEditor() const { return *m_editor; }
    QCheckBox& logScaleBox() const { return *m_logBox; }
    QSpinBox& sliceSpinBox(int axis) const { return *m_sliceBoxes[static_cast<std::size_t>(axis)]; }

    QImage renderToImage(QSize size);
    // Throws FigureRenderError (no volume, bad path, rendering failed).
    void exportFigure(const QString& path, QSize size) const;
    // The same figure as an image at `size` pixels (not the view's window); throws
    // FigureRenderError when no volume is shown.
    QImage renderFigure(QSize size) const;

signals:
    // Something the user sees changed (a new frame is on its way); for tests and linking.
    void viewChanged();

private:
    std::unique_ptr<VolumeScene> figureScene(const QString& what) const;
    void syncControls();
    void refreshEditor();
    void requestFrame();

    std::unique_ptr<VolumeScene> m_scene;
    VtkView* m_view = nullptr;
    TransferFunctionEditor* m_editor = nullptr;
    QCheckBox* m_logBox = nullptr;
    QCheckBox* m_volumeBox = nullptr;
    QCheckBox* m_slicesBox = nullptr;
    std::array<QSpinBox*, 3> m_sliceBoxes{};
    std::array<QLabel*, 3> m_sliceLabels{};
    QLabel* m_message = nullptr;
    bool m_syncing = false;
};

} // namespace twins::viz
