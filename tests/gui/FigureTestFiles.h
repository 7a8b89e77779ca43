#pragma once

// Files and figure geometry shared by the scripted-figure, uncertainty-export and layout tests.
#include "UncertaintyTestFields.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/viz/MapProjection.h"
#include "twinbench/viz/MapScene.h"

#include <QPoint>
#include <QSize>
#include <QString>
#include <QtMath>

#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include <vector>

namespace twins::testing {

// Pixel (top-left origin) where a lon/lat point lands in a map figure or panel of this size:
// the same MapScene layout, asked through a VTK window that is never rendered.
inline QPoint figurePixelOf(const QString& projection, QSize size, viz::GeoPoint point) {
    viz::MapScene scene;
    scene.setProjection(viz::MapProjection::fromName(projection));
    vtkNew<vtkRenderWindow> window;
    window->SetOffScreenRendering(1);
    window->SetSize(size.width(), size.height());
    window->AddRenderer(scene.renderer());
    scene.fitCamera(size.width(), size.height());
    const auto projected = scene.projection().forward(point);
    if (!projected) {
        return {-1, -1};
    }
    scene.renderer()->SetWorldPoint(projected->x, projected->y, 0.0, 1.0);
    scene.renderer()->WorldToDisplay();
    double display[3];
    scene.renderer()->GetDisplayPoint(display);
    window->RemoveRenderer(scene.renderer());
    return {qRound(display[0]), size.height() - 1 - qRound(display[1] - 0.5)};
}

// t2m (lat, lon): the quadrant values; t2m_sd: quadrantUncertainty; dt (member, lat, lon):
// the five members of robustnessBandChanges (threshold 0.5 gives the three bands); flat
// (lat, lon) = 3 everywhere, so hatch lines are the only dark pixels. With `coarseGrid`, also
// "coarse" on a 4 x 5 grid of its own (lat2, lon2), for the shape-mismatch message.
inline void writeUncertaintyFile(const QString& path, bool coarseGrid = false) {
    const auto field = quadrantField();
    const auto uncertainty = quadrantUncertainty();
    const auto members = robustnessBandChanges(*field);
    data::NetcdfWriter writer(path.toStdString());
    using Type = data::NetcdfWriter::Type;
    writer.addDimension("member", members.size());
    writer.addDimension("latitude", field->height);
    writer.addDimension("longitude", field->width);
    if (coarseGrid) {
        writer.addDimension("lat2", 4);
        writer.addDimension("lon2", 5);
    }
    writer.addVariable("latitude", Type::Double, {"latitude"});
    writer.setTextAttribute("latitude", "units", "degrees_north");
    writer.addVariable("longitude", Type::Double, {"longitude"});
    writer.setTextAttribute("longitude", "units", "degrees_east");
    for (const char* name : {"t2m", "t2m_sd", "flat"}) {
        writer.addVariable(name, Type::Float, {"latitude", "longitude"});
        writer.setTextAttribute(name, "units", "K");
    }
    writer.setTextAttribute("t2m", "long_name", "Quadrant test field");
    if (coarseGrid) {
        writer.addVariable("coarse", Type::Float, {"lat2", "lon2"});
    }
    writer.addVariable("dt", Type::Float, {"member", "latitude", "longitude"});
    writer.setTextAttribute("dt", "units", "K");
    writer.setTextAttribute("dt", "long_name", "Temperature change");
    writer.write("latitude", {0}, {field->height}, field->y.data());
    writer.write("longitude", {0}, {field->width}, field->x.data());
    writer.write("t2m", {0, 0}, {field->height, field->width}, field->values.data());
    writer.write("t2m_sd", {0, 0}, {field->height, field->width}, uncertainty->values.data());
    const std::vector<float> flat(field->values.size(), 3.0f);
    writer.write("flat", {0, 0}, {field->height, field->width}, flat.data());
    if (coarseGrid) {
        const std::vector<float> coarse(20, 1.0f);
        writer.write("coarse", {0, 0}, {4, 5}, coarse.data());
    }
    for (std::size_t m = 0; m < members.size(); ++m) {
        writer.write("dt", {m, 0, 0}, {1, field->height, field->width}, members[m].data());
    }
    writer.commit();
}

} // namespace twins::testing
