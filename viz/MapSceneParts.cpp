#include "MapSceneParts.h"

#include <vtkCellArray.h>
#include <vtkPoints.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkTextProperty.h>

namespace twins::viz {

namespace {
const double textColor[3] = {0.1, 0.1, 0.1};
} // namespace

vtkSmartPointer<vtkPolyData> polylineData(const std::vector<MapPolyline>& lines, double depth) {
    vtkNew<vtkPoints> points;
    points->SetDataTypeToDouble();
    vtkNew<vtkCellArray> cells;
    for (const MapPolyline& line : lines) {
        cells->InsertNextCell(static_cast<vtkIdType>(line.size()));
        for (const MapPoint& point : line) {
            cells->InsertCellPoint(points->InsertNextPoint(point.x, point.y, depth));
        }
    }
    auto data = vtkSmartPointer<vtkPolyData>::New();
    data->SetPoints(points);
    data->SetLines(cells);
    return data;
}

vtkSmartPointer<vtkActor> lineActor(vtkPolyData* data, const double rgb[3], double width) {
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(data);
    mapper->ScalarVisibilityOff();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(rgb[0], rgb[1], rgb[2]);
    actor->GetProperty()->SetLineWidth(static_cast<float>(width));
    actor->GetProperty()->LightingOff();
    actor->PickableOff();
    return actor;
}

void styleText(vtkTextProperty* text, int size) {
    text->SetColor(textColor[0], textColor[1], textColor[2]);
    text->SetFontFamilyToArial();
    text->SetFontSize(size);
    text->ShadowOff();
    text->BoldOff();
    text->ItalicOff();
}

void onLightBox(vtkTextProperty* text) {
    text->SetBackgroundColor(1.0, 1.0, 1.0);
    text->SetBackgroundOpacity(0.8);
}

} // namespace twins::viz
