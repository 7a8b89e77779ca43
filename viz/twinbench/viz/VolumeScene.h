#pragma once

#include "twinbench/viz/ChartLayout.h"
#include "twinbench/viz/ColorBarItem.h"
#include "twinbench/viz/ColorRange.h"
#include "twinbench/viz/TransferFunction.h"
#include "twinbench/viz/VolumeGrid.h"

#include <QImage>
#include <QPointF>
#include <QSize>

#include <vtkChartXY.h>
#include <vtkColorTransferFunction.h>
#include <vtkContextActor.h>
#include <vtkImageData.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPiecewiseFunction.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSmartVolumeMapper.h>
#include <vtkTextActor.h>
#include <vtkVolume.h>

#include <array>
#include <optional>
#include <vector>

class vtkActor;
class vtkCamera;

namespace twins::viz {

// Everything the volume view draws, in two vtkRenderers that any render window can show (the
// on-screen VolumeView and offscreen figure export):
//  - left, the 3-D renderer: the grid volume-rendered through the transfer function
//    (vtkSmartVolumeMapper: GPU ray casting, which Mesa's llvmpipe runs under Xvfb), three
//    orthogonal slices through chosen cells, the grid's outline, the title and a colour bar
//    with the value's name and units;
//  - right, VTK charts of the sums along each axis, laid out as orthographic views that share
//    their axes: x-y on top left, layer-y to its right, x-layer under it, with their own
//    colour bar ("summed").
// Colours of volume, slices, sums and both colour bars come from the transfer function's
// colour points; opacity only applies to the volume. On a log scale the shown values are
// log10 of the data: the volume gives cells at or below 0 the smallest positive value (fully
// transparent with the default opacity), the slices leave them clear.
class VolumeScene {
public:
    VolumeScene();
    ~VolumeScene();
    VolumeScene(const VolumeScene&) = delete;
    VolumeScene& operator=(const VolumeScene&) = delete;

    // Throws VolumeError for an invalid grid (nothing changes then). Slices go to the middle.
    void setVolume(const VolumeGrid& grid);
    bool hasVolume() const { return !m_grid.values.empty(); }
    const VolumeGrid& volume() const { return m_grid; }

    // Throws ColorRangeError when the data has no positive value (the scale stays linear).
    void setLogScale(bool log);
    bool logScale() const { return m_logScale; }
    void setTransferFunction(const TransferFunction& function);
    const TransferFunction& transferFunction() const { return m_function; }

    // Index of the slice perpendicular to `axis`, clamped to the grid.
    void setSliceIndex(int axis, int index);
    int sliceIndex(int axis) const { return m_sliceIndex[static_cast<std::size_t>(axis)]; }
    void setSlicesVisible(bool visible);
    bool slicesVisible() const { return m_slicesVisible; }
    void setVolumeVisible(bool visible);
    bool volumeVisible() const { return m_volumeVisible; }

    // The ranges colours span: cell values and sums (data units, scale = linear or log).
    ColorRange cellRange() const { return m_cellRange; }
    ColorRange sumRange() const { return m_sumRange; }
    const Projection2D& sums(int axis) const { return m_sums[static_cast<std::size_t>(axis)]; }
    // Values on the transfer function's 0..1 axis for a histogram under the editor.
    std::vector<double> normalisedCellValues() const;
    // The colour the transfer function gives a value (data units) and a sum.
    QColor cellColor(double value) const;
    QColor sumColor(double sum) const;

    std::vector<vtkRenderer*> renderers() const { return {m_volumeRenderer, m_chartRenderer}; }
    vtkRenderer* volumeRenderer() const { return m_volumeRenderer; }
    vtkRenderer* chartRenderer() const { return m_chartRenderer; }
    // A view along -z (looking at the x-y face, layers going away), slightly tilted.
    void resetCamera();
    void copyCamera(const VolumeScene& other);

    // Scene pixel (origin bottom-left of the window) of the centre of cell (column, row) of
    // the sum along `axis`, as of the last render.
    std::optional<QPointF> sumCellScenePoint(int axis, int column, int row) const;
    vtkChartXY* sumChart(int axis) const { return m_sumCharts[static_cast<std::size_t>(axis)]; }
    // The 3-D renderer's share of the window (x from 0 to this).
    static constexpr double volumeViewportWidth = 0.52;

    static constexpr QSize designSize{1000, 560};
    QImage renderImage(QSize size) const;
    void writeVector(const QString& path, QSize size) const;

private:
    void rebuildData();
    void rebuildColors();
    void updateSlices();
    void updateTitle();
    double displayValue(double value, const ColorRange& range) const;

    VolumeGrid m_grid;
    bool m_logScale = false;
    TransferFunction m_function;
    std::array<int, 3> m_sliceIndex{0, 0, 0};
    bool m_slicesVisible = true;
    bool m_volumeVisible = true;
    ColorRange m_cellRange;
    ColorRange m_sumRange;
    std::array<Projection2D, 3> m_sums;

    vtkNew<vtkRenderer> m_volumeRenderer;
    vtkNew<vtkImageData> m_volumeImage; // display values (log10 on a log scale)
    vtkNew<vtkImageData> m_sliceImage;  // data values (clamped on a log scale)
    vtkNew<vtkSmartVolumeMapper> m_volumeMapper;
    vtkNew<vtkVolume> m_volume;
    vtkNew<vtkColorTransferFunction> m_volumeColors;
    vtkNew<vtkPiecewiseFunction> m_volumeOpacity;
    vtkNew<vtkLookupTable> m_cellTable;
    vtkNew<vtkLookupTable> m_sliceTable; // the cell table, with empty cells clear on log
    vtkNew<vtkLookupTable> m_sumTable;
    std::array<vtkNew<vtkImageSliceMapper>, 3> m_sliceMappers;
    std::array<vtkNew<vtkImageSlice>, 3> m_slices;
    vtkSmartPointer<vtkActor> m_outline;
    vtkNew<vtkScalarBarActor> m_cellBar;
    vtkNew<vtkTextActor> m_title;

    vtkNew<vtkRenderer> m_chartRenderer;
    vtkNew<vtkContextActor> m_chartActor;
    vtkNew<ChartLayout> m_layout;
    std::array<vtkNew<vtkChartXY>, 3> m_sumCharts;
    std::array<vtkNew<vtkImageData>, 3> m_sumImages;
    vtkNew<ColorBarItem> m_sumBar;
};

} // namespace twins::viz
