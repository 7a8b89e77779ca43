#pragma once

#include "twinbench/viz/VsupLayer.h"

#include <QString>

#include <vtkProp.h>
#include <vtkSmartPointer.h>

#include <vector>

namespace twins::viz {

// Where the wedge goes: a box in viewport pixels (origin bottom-left), and the text scale
// (1 at about 1000x650 px, like the figure's fonts).
struct LegendBox {
    double left = 0.0;
    double bottom = 0.0;
    double width = 0.0;
    double height = 0.0;
    double scale = 1.0;
};

// The VSUP wedge legend (Correll, Moritz & Heer, CHI 2018, fig. 1): a fan whose arc is the
// value axis and whose radius is the uncertainty axis, the certain level on the outside with
// all value bins and each ring towards the tip with half as many, so the legend shows the
// tree quantisation itself. Built from VTK 2-D actors (polygons and text) rather than a
// rendered image so that SVG/PDF export keeps it as vectors and real text, and so that the
// swatches are drawn with exactly the palette's colours (the pixel tests depend on that).
std::vector<vtkSmartPointer<vtkProp>>
buildVsupLegend(const VsupPalette& palette, const VsupRanges& ranges, const QString& valueTitle,
                const QString& uncertaintyTitle, const LegendBox& box);

} // namespace twins::viz
