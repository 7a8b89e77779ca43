// Vector export of a map (SVG/PDF through VTK's GL2PS exporter). With the OpenGL2 backend GL2PS
// captures only 2D actors as vector primitives; every 3D prop is rasterised into a background
// image (vtkGL2PSExporter.h: "all 3D props ... are rasterized into the background"), which the
// SVG writer then drops: a map's cells, coastlines and graticule were missing from SVG
// exports. Plain 2D polydata actors are not captured either (measured: an SVG with one path);
// the 2D context API is (the charts' SVGs have their lines). So for the export the visible 3D
// actors of the map (all flat, in z = const planes) are hidden and one context item paints
// their polygons and lines in the same colours, from the lowest plane up, placed through the
// renderer's camera.
#include "twinbench/viz/MapScene.h"

#include <vtkActor.h>
#include <vtkActorCollection.h>
#include <vtkBrush.h>
#include <vtkCellArray.h>
#include <vtkContext2D.h>
#include <vtkContextActor.h>
#include <vtkContextItem.h>
#include <vtkContextScene.h>
#include <vtkCoordinate.h>
#include <vtkMapper.h>
#include <vtkObjectFactory.h>
#include <vtkPen.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkProperty.h>
#include <vtkScalarBarActor.h>
#include <vtkScalarsToColors.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace twins::viz {

namespace {

// The actor's polygons and lines with one colour per point: the mapper's colours (per cell
// or per point, through its lookup table) or the actor's own colour. Cells get their own
// copies of their points so a cell colour stays that cell's.
vtkSmartPointer<vtkPolyData> colouredCopy(vtkActor& actor) {
    vtkMapper* mapper = actor.GetMapper();
    if (mapper->GetInputAlgorithm() != nullptr) {
        mapper->GetInputAlgorithm()->Update();
    }
    auto* input = vtkPolyData::SafeDownCast(mapper->GetInputDataObject(0, 0));
    if (input == nullptr || input->GetNumberOfPoints() == 0) {
        return nullptr;
    }
    int cellFlag = 0;
    vtkUnsignedCharArray* colours =
        mapper->GetScalarVisibility() ? mapper->MapScalars(input, 1.0, cellFlag) : nullptr;
    double rgb[3];
    actor.GetProperty()->GetColor(rgb);
    const unsigned char actorColour[4] = {
        static_cast<unsigned char>(255.0 * rgb[0] + 0.5),
        static_cast<unsigned char>(255.0 * rgb[1] + 0.5),
        static_cast<unsigned char>(255.0 * rgb[2] + 0.5),
        static_cast<unsigned char>(255.0 * actor.GetProperty()->GetOpacity() + 0.5)};

    auto copy = vtkSmartPointer<vtkPolyData>::New();
    vtkNew<vtkPoints> points;
    points->SetDataTypeToDouble();
    vtkNew<vtkUnsignedCharArray> pointColours;
    pointColours->SetNumberOfComponents(4);
    pointColours->SetName("colour");
    vtkNew<vtkCellArray> polygons, lines;
    vtkIdType cellIndex = 0;
    const auto copyCells = [&](vtkCellArray* cells, vtkCellArray* target) {
        vtkIdType count = 0;
        const vtkIdType* ids = nullptr;
        std::vector<vtkIdType> newIds;
        for (cells->InitTraversal(); cells->GetNextCell(count, ids); ++cellIndex) {
            newIds.clear();
            for (vtkIdType k = 0; k < count; ++k) {
                newIds.push_back(points->InsertNextPoint(input->GetPoint(ids[k])));
                if (colours != nullptr && cellFlag == 1) {
                    pointColours->InsertNextTypedTuple(colours->GetPointer(4 * cellIndex));
                } else if (colours != nullptr && cellFlag == 0) {
                    pointColours->InsertNextTypedTuple(colours->GetPointer(4 * ids[k]));
                } else {
                    pointColours->InsertNextTypedTuple(actorColour);
                }
            }
            target->InsertNextCell(count, newIds.data());
        }
    };
    // Cell data is numbered verts, lines, polys, strips: count the verts first.
    cellIndex = input->GetNumberOfVerts();
    copyCells(input->GetLines(), lines);
    copyCells(input->GetPolys(), polygons);
    copy->SetPoints(points);
    copy->SetLines(lines);
    copy->SetPolys(polygons);
    copy->GetPointData()->SetScalars(pointColours);
    return copy;
}

// Paints the stood-in layers through the 2D context (which GL2PS writes as vector paths).
class MapLayersItem : public vtkContextItem {
public:
    static MapLayersItem* New();
    vtkTypeMacro(MapLayersItem, vtkContextItem);

    struct Layer {
        vtkSmartPointer<vtkPolyData> shapes; // from colouredCopy
        float lineWidth = 1.0f;
    };
    std::vector<Layer> layers;
    vtkRenderer* renderer = nullptr;
    // GL2PS writes the scalar bar's labels as text but its colours as an image, which SVG
    // drops: the colours are painted here as one rectangle per colour-map entry instead.
    vtkScalarBarActor* colourBar = nullptr;

    bool Paint(vtkContext2D* painter) override {
        vtkNew<vtkCoordinate> place;
        place->SetCoordinateSystemToWorld();
        std::vector<float> xy;
        const auto placeCell = [&](vtkPolyData& shapes, vtkIdType count, const vtkIdType* ids) {
            xy.resize(2 * static_cast<std::size_t>(count));
            for (vtkIdType k = 0; k < count; ++k) {
                place->SetValue(shapes.GetPoint(ids[k]));
                const double* at = place->GetComputedDoubleViewportValue(renderer);
                xy[2 * std::size_t(k)] = static_cast<float>(at[0]);
                xy[2 * std::size_t(k) + 1] = static_cast<float>(at[1]);
            }
        };
        for (const Layer& layer : layers) {
            vtkPolyData& shapes = *layer.shapes;
            auto* colours = vtkUnsignedCharArray::SafeDownCast(shapes.GetPointData()->GetScalars());
            vtkIdType count = 0;
            const vtkIdType* ids = nullptr;
            vtkCellArray* polygons = shapes.GetPolys();
            painter->GetPen()->SetLineType(vtkPen::NO_PEN); // fills only
            for (polygons->InitTraversal(); polygons->GetNextCell(count, ids);) {
                placeCell(shapes, count, ids);
                const unsigned char* colour = colours->GetPointer(4 * ids[0]);
                painter->GetBrush()->SetColor(colour[0], colour[1], colour[2], colour[3]);
                painter->DrawPolygon(xy.data(), int(count));
            }
            painter->GetPen()->SetLineType(vtkPen::SOLID_LINE);
            painter->GetPen()->SetWidth(layer.lineWidth);
            vtkCellArray* lines = shapes.GetLines();
            for (lines->InitTraversal(); lines->GetNextCell(count, ids);) {
                placeCell(shapes, count, ids);
                const unsigned char* colour = colours->GetPointer(4 * ids[0]);
                painter->GetPen()->SetColor(colour[0], colour[1], colour[2], colour[3]);
                painter->DrawPoly(xy.data(), int(count));
            }
        }
        if (colourBar != nullptr && colourBar->GetVisibility()) {
            paintColourBar(painter);
        }
        return true;
    }

private:
    void paintColourBar(vtkContext2D* painter) const {
        vtkScalarsToColors* table = colourBar->GetLookupTable();
        int rect[4]; // x, y, width, height in viewport pixels
        colourBar->GetScalarBarRect(rect, renderer);
        const int entries = std::max(2, colourBar->GetMaximumNumberOfColors());
        const double* range = table->GetRange();
        const bool logarithmic = table->UsingLogScale() != 0 && range[0] > 0.0;
        painter->GetPen()->SetLineType(vtkPen::NO_PEN);
        for (int i = 0; i < entries; ++i) {
            const double share = (i + 0.5) / entries;
            const double value =
                logarithmic ? std::pow(10.0, std::log10(range[0]) + share * (std::log10(range[1]) -
                                                                             std::log10(range[0])))
                            : range[0] + share * (range[1] - range[0]);
            const unsigned char* colour = table->MapValue(value);
            painter->GetBrush()->SetColor(colour[0], colour[1], colour[2], 255);
            const float low = float(rect[1]) + float(rect[3]) * float(i) / float(entries);
            const float high = float(rect[1]) + float(rect[3]) * float(i + 1) / float(entries);
            painter->DrawRect(float(rect[0]), low, float(rect[2]), high - low);
        }
    }
};
vtkStandardNewMacro(MapLayersItem);

} // namespace

void MapScene::setVectorExport(bool on) {
    if (on == m_vectorExport) {
        return;
    }
    m_vectorExport = on;
    if (m_vectorLayers) {
        m_renderer->RemoveActor(m_vectorLayers);
        m_vectorLayers = nullptr;
    }
    for (const auto& hidden : m_hiddenForVectorExport) {
        hidden->VisibilityOn();
    }
    m_hiddenForVectorExport.clear();
    // Every cell a polygon (a texture is not a vector shape), or back to the texture.
    setTextureFieldMinimumCells(on ? std::numeric_limits<std::size_t>::max()
                                   : defaultTextureMinimumCells);
    if (!on) {
        return;
    }
    std::vector<vtkActor*> actors;
    vtkActorCollection* collection = m_renderer->GetActors();
    collection->InitTraversal();
    while (vtkActor* actor = collection->GetNextActor()) {
        if (actor->GetVisibility() && actor->GetMapper() != nullptr) {
            actors.push_back(actor);
        }
    }
    // The map's layers are planes of constant z (field below coastlines below overlays): they
    // are painted from the lowest up.
    // (Lines carry their depth in their points, the field in its actor's position: the
    // bounds have both.)
    std::stable_sort(actors.begin(), actors.end(), [](vtkActor* a, vtkActor* b) {
        return a->GetBounds()[4] < b->GetBounds()[4];
    });
    vtkNew<MapLayersItem> item;
    item->renderer = m_renderer;
    item->colourBar = m_scalarBar;
    for (vtkActor* actor : actors) {
        if (vtkSmartPointer<vtkPolyData> shapes = colouredCopy(*actor)) {
            item->layers.push_back(
                {shapes, static_cast<float>(actor->GetProperty()->GetLineWidth())});
            actor->VisibilityOff();
            m_hiddenForVectorExport.emplace_back(actor);
        }
    }
    m_vectorLayers = vtkSmartPointer<vtkContextActor>::New();
    m_vectorLayers->GetScene()->AddItem(item);
    // Before the title and colour bar in the renderer's list, so they are painted over it.
    m_renderer->AddActor(m_vectorLayers);
}

} // namespace twins::viz
