#include "twinbench/viz/MapFieldTexture.h"

#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/MapFieldMesh.h"

#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkScalarsToColors.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace twins::viz {

namespace {

bool evenlyIncreasing(const std::vector<double>& values) {
    if (values.size() < 2) {
        return false;
    }
    const double step = (values.back() - values.front()) / double(values.size() - 1);
    if (!(step > 0.0)) {
        return false;
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::abs(values[i] - (values.front() + step * double(i))) > 1e-6 * step) {
            return false;
        }
    }
    return true;
}

// Splits [low, high] into pieces of at most `most` (at least one).
int partsFor(double low, double high, double most) {
    return std::max(1, int(std::ceil((high - low) / most)));
}

} // namespace

bool isRegularLonLatGrid(const data::FieldSlice& field) {
    return field.width == field.x.size() && field.height == field.y.size() &&
           evenlyIncreasing(field.x) && evenlyIncreasing(field.y);
}

vtkSmartPointer<vtkPolyData> buildProjectedTextureMesh(const data::FieldSlice& field,
                                                       const MapProjection& projection,
                                                       double maxCellDegrees) {
    const double lonStep = (field.x.back() - field.x.front()) / double(field.width - 1);
    const double latStep = (field.y.back() - field.y.front()) / double(field.height - 1);
    // Texture space: u = 0 at the west edge of column 0, 1 at the east edge of the last one.
    const double lonWest = field.x.front() - 0.5 * lonStep;
    const double lonSpan = lonStep * double(field.width);
    const double latSouth = field.y.front() - 0.5 * latStep;
    const double latSpan = latStep * double(field.height);
    // A grid wider than the globe (a repeated column) is drawn once around it.
    const double lonEast = lonWest + std::min(lonSpan, 360.0);
    const double latLow = std::max(latSouth, -90.0);
    const double latHigh = std::min(latSouth + latSpan, 90.0);

    // Pieces of the grid's longitude range as the map sees them: relative to the central
    // meridian, cut where they cross the antimeridian. `shift` takes a relative longitude of
    // the piece back to the grid's own (absolute) longitude: absolute = relative + shift.
    struct Piece {
        double low, high, shift;
    };
    // Projections without a cut (orthographic, polar) are split there as well: the two pieces
    // meet on the globe, and every corner stays within +-180 of the central meridian.
    std::vector<Piece> pieces;
    const double relativeWest = projection.relativeLongitude(lonWest);
    const double shift = lonWest - relativeWest;
    const double relativeEast = relativeWest + (lonEast - lonWest);
    if (relativeEast <= 180.0) {
        pieces.push_back({relativeWest, relativeEast, shift});
    } else {
        pieces.push_back({relativeWest, 180.0, shift});
        pieces.push_back({-180.0, relativeEast - 360.0, shift + 360.0});
    }

    // Corners on the cut itself are pulled in by a hair so PROJ puts them on the right edge.
    constexpr double edge = 180.0 - 1e-9;
    const double centre = projection.centreLon();
    std::vector<GeoPoint> corners;
    std::vector<std::array<float, 2>> textureCorners;
    const int latParts = partsFor(latLow, latHigh, maxCellDegrees);
    for (const Piece& piece : pieces) {
        if (piece.high <= piece.low) {
            continue;
        }
        const int lonParts = partsFor(piece.low, piece.high, maxCellDegrees);
        for (int i = 0; i < lonParts; ++i) {
            const double west = piece.low + (piece.high - piece.low) * i / lonParts;
            const double east = piece.low + (piece.high - piece.low) * (i + 1) / lonParts;
            for (int j = 0; j < latParts; ++j) {
                const double south = latLow + (latHigh - latLow) * j / latParts;
                const double north = latLow + (latHigh - latLow) * (j + 1) / latParts;
                const std::array<std::pair<double, double>, 4> quad{
                    {{west, south}, {east, south}, {east, north}, {west, north}}};
                for (const auto& [lon, lat] : quad) {
                    corners.push_back({centre + std::clamp(lon, -edge, edge), lat});
                    textureCorners.push_back({float((lon + piece.shift - lonWest) / lonSpan),
                                              float((lat - latSouth) / latSpan)});
                }
            }
        }
    }
    const std::vector<MapPoint> projected = projection.forward(corners);

    vtkNew<vtkPoints> points;
    points->SetDataTypeToDouble();
    vtkNew<vtkCellArray> cells;
    vtkNew<vtkFloatArray> textureCoordinates;
    textureCoordinates->SetName("TCoords");
    textureCoordinates->SetNumberOfComponents(2);
    for (std::size_t q = 0; q < projected.size() / 4; ++q) {
        const MapPoint* corner = &projected[4 * q];
        if (!isVisibleQuad(corner)) {
            continue;
        }
        vtkIdType ids[4];
        for (int k = 0; k < 4; ++k) {
            ids[k] = points->InsertNextPoint(corner[k].x, corner[k].y, 0.0);
            textureCoordinates->InsertNextTypedTuple(textureCorners[4 * q + std::size_t(k)].data());
        }
        cells->InsertNextCell(4, ids);
    }
    auto mesh = vtkSmartPointer<vtkPolyData>::New();
    mesh->SetPoints(points);
    mesh->SetPolys(cells);
    mesh->GetPointData()->SetTCoords(textureCoordinates);
    return mesh;
}

double textureMeshDegrees(const MapProjection& projection) {
    switch (projection.kind()) {
    case ProjectionKind::PlateCarree:
        // x and y are linear in lon and lat: any quad is exact; the pieces at the
        // antimeridian still split it.
        return 90.0;
    case ProjectionKind::Robinson:
    case ProjectionKind::Mollweide:
        return 3.0;
    case ProjectionKind::Orthographic:
    case ProjectionKind::NorthPolarStereographic:
    case ProjectionKind::SouthPolarStereographic:
        return 1.0;
    }
    return 1.0;
}

vtkSmartPointer<vtkImageData> fieldColorImage(const data::FieldSlice& field,
                                              vtkScalarsToColors* colors,
                                              vtkSmartPointer<vtkImageData> image) {
    if (!image) {
        image = vtkSmartPointer<vtkImageData>::New();
    }
    const auto count = static_cast<vtkIdType>(field.values.size());
    if (image->GetDimensions()[0] != int(field.width) ||
        image->GetDimensions()[1] != int(field.height)) {
        image->SetDimensions(int(field.width), int(field.height), 1);
    }
    auto* rgba = vtkUnsignedCharArray::SafeDownCast(image->GetPointData()->GetScalars());
    if (rgba == nullptr || rgba->GetNumberOfTuples() != count) {
        vtkNew<vtkUnsignedCharArray> fresh;
        fresh->SetNumberOfComponents(4);
        fresh->SetNumberOfTuples(count);
        image->GetPointData()->SetScalars(fresh);
        rgba = fresh;
    }
    // The lookup table maps the values straight into the image's own buffer (NaN gets the
    // table's NaN colour, log scales their logarithm), one pass, no temporary array.
    colors->MapScalarsThroughTable(const_cast<float*>(field.values.data()), rgba->GetPointer(0),
                                   VTK_FLOAT, int(count), 1, VTK_RGBA);
    rgba->Modified();
    image->Modified();
    return image;
}

} // namespace twins::viz
