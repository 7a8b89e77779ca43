#include "twinbench/viz/MapFieldMesh.h"

#include "twinbench/data/FieldSlice.h"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <vtkPoints.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace twins::viz {

namespace {
bool nameIsOneOf(const std::string& name, std::initializer_list<const char*> candidates) {
    const QString lower = QString::fromStdString(name).toLower();
    return std::any_of(candidates.begin(), candidates.end(),
                       [&](const char* candidate) { return lower == QLatin1String(candidate); });
}

bool unitsAre(const std::string& units, const char* direction) {
    // CF: degrees_east, degree_east, degrees_E, degreesE ...
    const QString text = QString::fromStdString(units).toLower();
    return text.startsWith(QLatin1String("degree")) &&
           (text.endsWith(QLatin1String(direction)) || text.endsWith(QLatin1Char(direction[0])));
}

bool isLongitudeAxis(const std::string& name, const std::string& units) {
    return unitsAre(units, "east") || nameIsOneOf(name, {"lon", "longitude", "nav_lon"});
}

bool isLatitudeAxis(const std::string& name, const std::string& units) {
    return unitsAre(units, "north") || nameIsOneOf(name, {"lat", "latitude", "nav_lat"});
}

// Cell edges: halfway between neighbours, half a spacing beyond the ends.
std::vector<double> cellEdges(const std::vector<double>& centres) {
    std::vector<double> edges(centres.size() + 1);
    if (centres.size() == 1) {
        edges[0] = centres[0] - 0.5;
        edges[1] = centres[0] + 0.5;
        return edges;
    }
    for (std::size_t i = 1; i < centres.size(); ++i) {
        edges[i] = 0.5 * (centres[i - 1] + centres[i]);
    }
    edges.front() = centres.front() - (edges[1] - centres.front());
    edges.back() = centres.back() + (centres.back() - edges[centres.size() - 1]);
    return edges;
}

std::size_t nearestIndex(const std::vector<double>& edges, double value) {
    // edges ascending; the cell i spans [edges[i], edges[i+1]).
    const auto upper = std::upper_bound(edges.begin(), edges.end(), value);
    return static_cast<std::size_t>(std::distance(edges.begin(), upper)) - 1;
}
} // namespace

bool isLonLatField(const data::FieldSlice& field, QString* reason) {
    const bool lonOk = isLongitudeAxis(field.xName, field.xUnits);
    const bool latOk = isLatitudeAxis(field.yName, field.yUnits);
    if (reason != nullptr) {
        if (!lonOk) {
            *reason =
                QStringLiteral("its x axis '%1' [%2] is not longitude")
                    .arg(QString::fromStdString(field.xName), QString::fromStdString(field.xUnits));
        } else if (!latOk) {
            *reason =
                QStringLiteral("its y axis '%1' [%2] is not latitude")
                    .arg(QString::fromStdString(field.yName), QString::fromStdString(field.yUnits));
        }
    }
    return lonOk && latOk && field.width > 0 && field.height > 0;
}

vtkSmartPointer<vtkPolyData> buildProjectedFieldMesh(const data::FieldSlice& field,
                                                     const MapProjection& projection,
                                                     double maxCellDegrees) {
    const std::vector<double> lonEdges = cellEdges(field.x);
    std::vector<double> latEdges = cellEdges(field.y);
    for (double& edge : latEdges) {
        edge = std::clamp(edge, -90.0, 90.0);
    }

    // Collect every sub-quad's corners (lon relative to the centre, unwrapped) and its value
    // first, then project all corners in one PROJ call.
    struct Quad {
        double lonLow, lonHigh, latLow, latHigh;
        float value;
        vtkIdType cell; // row * width + column of the grid cell it draws
    };
    std::vector<Quad> quads;
    quads.reserve(field.width * field.height);
    const double centre = projection.centreLon();
    const bool cutAtAntimeridian = projection.kind() == ProjectionKind::PlateCarree ||
                                   projection.kind() == ProjectionKind::Robinson ||
                                   projection.kind() == ProjectionKind::Mollweide;
    for (std::size_t row = 0; row < field.height; ++row) {
        const double latLow = latEdges[row];
        const double latHigh = latEdges[row + 1];
        if (latHigh <= latLow) {
            continue;
        }
        const int latParts = std::max(1, int(std::ceil((latHigh - latLow) / maxCellDegrees)));
        for (std::size_t column = 0; column < field.width; ++column) {
            const float value = field.at(column, row);
            const double middle = projection.relativeLongitude(field.x[column]);
            double low = middle - (field.x[column] - lonEdges[column]);
            double high = middle + (lonEdges[column + 1] - field.x[column]);
            // A cell across the map's cut is drawn as two pieces, one at each edge.
            std::array<std::pair<double, double>, 2> pieces{{{low, high}, {0.0, 0.0}}};
            int pieceCount = 1;
            if (cutAtAntimeridian && high > 180.0) {
                pieces = {{{low, 180.0}, {-180.0, high - 360.0}}};
                pieceCount = 2;
            } else if (cutAtAntimeridian && low < -180.0) {
                pieces = {{{low + 360.0, 180.0}, {-180.0, high}}};
                pieceCount = 2;
            }
            for (int piece = 0; piece < pieceCount; ++piece) {
                const auto [pieceLow, pieceHigh] = pieces[static_cast<std::size_t>(piece)];
                if (pieceHigh <= pieceLow) {
                    continue;
                }
                const int lonParts =
                    std::max(1, int(std::ceil((pieceHigh - pieceLow) / maxCellDegrees)));
                for (int i = 0; i < lonParts; ++i) {
                    for (int j = 0; j < latParts; ++j) {
                        quads.push_back({pieceLow + (pieceHigh - pieceLow) * i / lonParts,
                                         pieceLow + (pieceHigh - pieceLow) * (i + 1) / lonParts,
                                         latLow + (latHigh - latLow) * j / latParts,
                                         latLow + (latHigh - latLow) * (j + 1) / latParts, value,
                                         static_cast<vtkIdType>(row * field.width + column)});
                    }
                }
            }
        }
    }

    // Corners on the cut itself are pulled in by a hair so PROJ puts them on the right edge.
    constexpr double edge = 180.0 - 1e-9;
    std::vector<GeoPoint> corners;
    corners.reserve(quads.size() * 4);
    for (const Quad& quad : quads) {
        const double lonLow = centre + std::clamp(quad.lonLow, -edge, edge);
        const double lonHigh = centre + std::clamp(quad.lonHigh, -edge, edge);
        corners.push_back({lonLow, quad.latLow});
        corners.push_back({lonHigh, quad.latLow});
        corners.push_back({lonHigh, quad.latHigh});
        corners.push_back({lonLow, quad.latHigh});
    }
    const std::vector<MapPoint> projected = projection.forward(corners);

    vtkNew<vtkPoints> points;
    points->SetDataTypeToDouble();
    vtkNew<vtkCellArray> cells;
    vtkNew<vtkFloatArray> values;
    values->SetName("value");
    // Which grid cell each quad draws, so a new time step only swaps values (MapScene).
    vtkNew<vtkIdTypeArray> sourceCells;
    sourceCells->SetName("cell");
    for (std::size_t q = 0; q < quads.size(); ++q) {
        const MapPoint* corner = &projected[4 * q];
        if (!isVisibleQuad(corner)) {
            continue;
        }
        vtkIdType ids[4];
        for (int k = 0; k < 4; ++k) {
            ids[k] = points->InsertNextPoint(corner[k].x, corner[k].y, 0.0);
        }
        cells->InsertNextCell(4, ids);
        values->InsertNextValue(quads[q].value);
        sourceCells->InsertNextValue(quads[q].cell);
    }
    auto mesh = vtkSmartPointer<vtkPolyData>::New();
    mesh->SetPoints(points);
    mesh->SetPolys(cells);
    mesh->GetCellData()->SetScalars(values);
    mesh->GetCellData()->AddArray(sourceCells);
    return mesh;
}

bool isVisibleQuad(const MapPoint* corners) {
    return std::all_of(corners, corners + 4,
                       [](const MapPoint& p) { return std::isfinite(p.x) && std::isfinite(p.y); });
}

std::optional<FieldCell> fieldCellAt(const data::FieldSlice& field, GeoPoint point) {
    if (field.width == 0 || field.height == 0) {
        return std::nullopt;
    }
    const std::vector<double> lonEdges = cellEdges(field.x);
    const std::vector<double> latEdges = cellEdges(field.y);
    if (point.lat < latEdges.front() || point.lat >= latEdges.back()) {
        return std::nullopt;
    }
    // Bring the longitude into the grid's own range (0..360 grids, -180..180 grids).
    double lon = point.lon;
    while (lon < lonEdges.front()) {
        lon += 360.0;
    }
    while (lon >= lonEdges.front() + 360.0) {
        lon -= 360.0;
    }
    if (lon >= lonEdges.back()) {
        return std::nullopt;
    }
    return FieldCell{nearestIndex(lonEdges, lon), nearestIndex(latEdges, point.lat)};
}

} // namespace twins::viz
