#pragma once

#include "twinbench/viz/ColorRange.h"

#include <QString>

#include <vtkContextItem.h>
#include <vtkNew.h>
#include <vtkRect.h>
#include <vtkSmartPointer.h>

class vtkAxis;
class vtkImageData;
class vtkScalarsToColors;

namespace twins::viz {

// A vertical colour bar for chart figures (a context item, so it lays out with the charts and
// exports through GL2PS with its labels as text): the colours of a lookup table from the
// bottom to the top of its rectangle, and an axis with ticks, labels and the title (name and
// units) on its right. Unlike vtkColorLegend it follows a log10 range: colours are sampled
// evenly in log space and the axis is logarithmic.
class ColorBarItem : public vtkContextItem {
public:
    static ColorBarItem* New();
    vtkTypeMacro(ColorBarItem, vtkContextItem);

    // The table maps values in `range` (its scale decides linear or log) to colours.
    void setColors(vtkScalarsToColors* table, const ColorRange& range);
    void setTitle(const QString& title);
    // Where the bar is drawn, in scene pixels (ChartLayout sets it on every paint).
    void setRect(const vtkRectf& rect) { m_rect = rect; }
    vtkRectf rect() const { return m_rect; }
    vtkAxis* axis() const { return m_axis; }

    bool Paint(vtkContext2D* painter) override;

protected:
    ColorBarItem();
    ~ColorBarItem() override;

private:
    ColorBarItem(const ColorBarItem&) = delete;
    void operator=(const ColorBarItem&) = delete;
    void updateImage();

    vtkSmartPointer<vtkScalarsToColors> m_table;
    ColorRange m_range;
    vtkRectf m_rect;
    vtkNew<vtkAxis> m_axis;
    vtkNew<vtkImageData> m_image;
    vtkMTimeType m_imageTime = 0;
};

} // namespace twins::viz
