// MapScene's overlays: tracks coloured by a value, point symbols and contours of the field,
// projected with the map.
#include "MapSceneParts.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"

#include <vtkActor.h>
#include <vtkActorCollection.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkContourFilter.h>
#include <vtkCoordinate.h>
#include <vtkFloatArray.h>
#include <vtkGlyph3D.h>
#include <vtkGlyphSource2D.h>
#include <vtkIdTypeArray.h>
#include <vtkImageData.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkScalarBarActor.h>
#include <vtkStripper.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTexture.h>

#include <algorithm>
#include <cmath>

namespace twins::viz {

using namespace mapLayers;

void MapScene::addTrack(const std::vector<GeoPoint>& points, const std::vector<double>& values,
                        const QString& colorMapName, double minimum, double maximum) {
    if (points.size() != values.size()) {
        throw MapSceneError("a track needs one value per point (" + std::to_string(points.size()) +
                            " points, " + std::to_string(values.size()) + " values)");
    }
    if (!ColorMap::named(colorMapName).isValid()) {
        throw MapSceneError("unknown colour map '" + colorMapName.toStdString() + "'");
    }
    Overlay overlay;
    overlay.points = points;
    overlay.values = values;
    overlay.colorMapName = colorMapName;
    overlay.minimum = minimum;
    overlay.maximum = maximum;
    m_overlays.push_back(std::move(overlay));
    rebuildOverlays();
}

void MapScene::addPoints(const std::vector<GeoPoint>& points, PointSymbol symbol, QColor color,
                         double sizePixels) {
    Overlay overlay;
    overlay.kind = Overlay::Kind::Points;
    overlay.points = points;
    overlay.symbol = symbol;
    overlay.color = color;
    overlay.size = sizePixels;
    m_overlays.push_back(std::move(overlay));
    rebuildOverlays();
}

void MapScene::addContours(const std::vector<double>& levels, QColor color) {
    if (!m_field) {
        throw MapSceneError("contour lines need a field on the map");
    }
    Overlay overlay;
    overlay.kind = Overlay::Kind::Contours;
    overlay.values = levels;
    overlay.color = color;
    m_overlays.push_back(std::move(overlay));
    rebuildOverlays();
}

void MapScene::clearOverlays() {
    m_overlays.clear();
    rebuildOverlays();
}

void MapScene::rebuildOverlays() {
    for (const auto& actor : m_overlayActors) {
        m_renderer->RemoveActor(actor);
    }
    m_overlayActors.clear();
    double depth = overlayDepth;
    for (const Overlay& overlay : m_overlays) {
        depth += 10.0;
        vtkSmartPointer<vtkActor> actor;
        const double rgb[3] = {overlay.color.redF(), overlay.color.greenF(), overlay.color.blueF()};
        switch (overlay.kind) {
        case Overlay::Kind::Track: {
            std::vector<MapPolyline> pieces;
            vtkNew<vtkFloatArray> segmentValues;
            segmentValues->SetName("value");
            for (std::size_t i = 0; i + 1 < overlay.points.size(); ++i) {
                const double mean = 0.5 * (overlay.values[i] + overlay.values[i + 1]);
                for (MapPolyline& piece : m_projection.projectPolyline(
                         {overlay.points[i], overlay.points[i + 1]}, 1.0)) {
                    pieces.push_back(std::move(piece));
                    segmentValues->InsertNextValue(static_cast<float>(mean));
                }
            }
            vtkSmartPointer<vtkPolyData> data = polylineData(pieces, depth);
            data->GetCellData()->SetScalars(segmentValues);
            vtkNew<vtkLookupTable> table;
            ColorMap::named(overlay.colorMapName)
                .fillLookupTable(table, overlay.minimum, overlay.maximum);
            vtkNew<vtkPolyDataMapper> mapper;
            mapper->SetInputData(data);
            mapper->SetScalarModeToUseCellData();
            mapper->SetLookupTable(table);
            mapper->UseLookupTableScalarRangeOn();
            actor = vtkSmartPointer<vtkActor>::New();
            actor->SetMapper(mapper);
            actor->GetProperty()->SetLineWidth(3.0f);
            actor->GetProperty()->LightingOff();
            break;
        }
        case Overlay::Kind::Points: {
            vtkNew<vtkPoints> points;
            points->SetDataTypeToDouble();
            for (const GeoPoint& point : overlay.points) {
                if (const auto projected = m_projection.forward(point)) {
                    points->InsertNextPoint(projected->x, projected->y, depth);
                }
            }
            vtkNew<vtkPolyData> centres;
            centres->SetPoints(points);
            vtkNew<vtkGlyphSource2D> glyph;
            switch (overlay.symbol) {
            case PointSymbol::Circle:
                glyph->SetGlyphTypeToCircle();
                break;
            case PointSymbol::Square:
                glyph->SetGlyphTypeToSquare();
                break;
            case PointSymbol::Triangle:
                glyph->SetGlyphTypeToTriangle();
                break;
            case PointSymbol::Diamond:
                glyph->SetGlyphTypeToDiamond();
                break;
            case PointSymbol::Cross:
                glyph->SetGlyphTypeToCross();
                break;
            }
            glyph->FilledOn();
            glyph->SetResolution(24);
            vtkNew<vtkGlyph3D> glypher;
            glypher->SetInputData(centres);
            glypher->SetSourceConnection(glyph->GetOutputPort());
            glypher->ScalingOff();
            // Size in world units for a 600 px high view of the whole map.
            const MapPolyline outline = m_projection.outline();
            double yMin = 0, yMax = 0;
            for (const MapPoint& p : outline) {
                yMin = std::min(yMin, p.y);
                yMax = std::max(yMax, p.y);
            }
            const double worldPerPixel = (yMax - yMin) / ((mapTop - mapBottom) * 600.0);
            glypher->SetScaleFactor(overlay.size * worldPerPixel);
            glypher->ScalingOn();
            glypher->SetScaleModeToDataScalingOff();
            vtkNew<vtkPolyDataMapper> mapper;
            mapper->SetInputConnection(glypher->GetOutputPort());
            mapper->ScalarVisibilityOff();
            actor = vtkSmartPointer<vtkActor>::New();
            actor->SetMapper(mapper);
            actor->GetProperty()->SetColor(rgb[0], rgb[1], rgb[2]);
            actor->GetProperty()->LightingOff();
            break;
        }
        case Overlay::Kind::Contours: {
            if (!m_field || m_field->width < 2 || m_field->height < 2) {
                continue;
            }
            // Contours are traced on the lon/lat grid and then projected like any polyline, so
            // they are cut at the antimeridian and the limb like everything else.
            vtkNew<vtkImageData> grid;
            grid->SetDimensions(static_cast<int>(m_field->width), static_cast<int>(m_field->height),
                                1);
            grid->SetOrigin(m_field->x.front(), m_field->y.front(), 0.0);
            grid->SetSpacing((m_field->x.back() - m_field->x.front()) / (m_field->width - 1),
                             (m_field->y.back() - m_field->y.front()) / (m_field->height - 1), 1.0);
            vtkNew<vtkFloatArray> scalars;
            scalars->SetNumberOfTuples(static_cast<vtkIdType>(m_field->values.size()));
            std::copy(m_field->values.begin(), m_field->values.end(), scalars->GetPointer(0));
            grid->GetPointData()->SetScalars(scalars);
            vtkNew<vtkContourFilter> contour;
            contour->SetInputData(grid);
            for (std::size_t i = 0; i < overlay.values.size(); ++i) {
                contour->SetValue(static_cast<int>(i), overlay.values[i]);
            }
            vtkNew<vtkStripper> stripper;
            stripper->SetInputConnection(contour->GetOutputPort());
            stripper->Update();
            vtkPolyData* lines = stripper->GetOutput();
            std::vector<MapPolyline> pieces;
            vtkCellArray* cells = lines->GetLines();
            cells->InitTraversal();
            vtkIdType count = 0;
            const vtkIdType* ids = nullptr;
            while (cells->GetNextCell(count, ids) != 0) {
                std::vector<GeoPoint> line;
                for (vtkIdType k = 0; k < count; ++k) {
                    double p[3];
                    lines->GetPoint(ids[k], p);
                    line.push_back({p[0], p[1]});
                }
                for (MapPolyline& piece : m_projection.projectPolyline(line, 1.0)) {
                    pieces.push_back(std::move(piece));
                }
            }
            actor = lineActor(polylineData(pieces, depth), rgb, 1.2);
            break;
        }
        }
        m_renderer->AddActor(actor);
        m_overlayActors.push_back(actor);
    }
}

} // namespace twins::viz
