#include "twinbench/viz/MapGraticule.h"

#include <algorithm>
#include <cmath>

namespace twins::viz {

namespace {
constexpr QChar degreeSign(0x00B0);
constexpr double edgeMargin = 1e-9;

QString number(double value) {
    return QString::number(std::abs(value), 'g', 6);
}
} // namespace

QString latitudeLabel(double lat) {
    if (std::abs(lat) < 1e-9) {
        return QStringLiteral("0") + degreeSign;
    }
    return number(lat) + degreeSign + (lat > 0 ? QLatin1Char('N') : QLatin1Char('S'));
}

QString longitudeLabel(double lon) {
    double wrapped = std::fmod(lon, 360.0);
    if (wrapped <= -180.0) {
        wrapped += 360.0;
    } else if (wrapped > 180.0) {
        wrapped -= 360.0;
    }
    if (std::abs(wrapped) < 1e-9) {
        return QStringLiteral("0") + degreeSign;
    }
    if (std::abs(wrapped - 180.0) < 1e-9) {
        return QStringLiteral("180") + degreeSign;
    }
    return number(wrapped) + degreeSign + (wrapped > 0 ? QLatin1Char('E') : QLatin1Char('W'));
}

Graticule buildGraticule(const MapProjection& projection, double spacingDegrees) {
    Graticule graticule;
    const double spacing = spacingDegrees > 0.0 ? spacingDegrees : 30.0;
    const double centre = projection.centreLon();
    const ProjectionKind kind = projection.kind();
    const bool worldMap = kind == ProjectionKind::PlateCarree || kind == ProjectionKind::Robinson ||
                          kind == ProjectionKind::Mollweide;

    auto addLines = [&](const std::vector<GeoPoint>& line) {
        for (MapPolyline& piece : projection.projectPolyline(line, 1.0)) {
            graticule.lines.push_back(std::move(piece));
        }
    };
    auto addLabel = [&](GeoPoint at, double degrees, QString text,
                        GraticuleLabel::Placement placement) {
        if (const auto anchor = projection.forward(at)) {
            const auto multipleOf = [degrees](double step) {
                return std::abs(std::remainder(degrees, step)) < 1e-9;
            };
            const int rank = multipleOf(90.0) ? 0 : multipleOf(60.0) ? 1 : multipleOf(30.0) ? 2 : 3;
            graticule.labels.push_back({*anchor, std::move(text), placement, rank});
        }
    };

    // Meridians at multiples of the spacing (in absolute longitude, so 30°E stays 30°E when
    // the map is centred elsewhere).
    const int firstMeridian = static_cast<int>(std::ceil((centre - 180.0) / spacing));
    const int lastMeridian = static_cast<int>(std::floor((centre + 180.0) / spacing));
    for (int k = firstMeridian; k <= lastMeridian; ++k) {
        const double lon = k * spacing;
        const double relative = lon - centre;
        const bool onCut = std::abs(std::abs(relative) - 180.0) < 1e-9;
        if (onCut && relative > 0.0) {
            continue; // the same meridian as the one at -180, drawn once
        }
        const double drawnLon = onCut ? centre - 180.0 + edgeMargin : lon;
        if (!(worldMap && onCut)) { // on world maps the cut meridian is the outline
            addLines({{drawnLon, -90.0}, {drawnLon, 90.0}});
        }
        if (kind == ProjectionKind::PlateCarree || kind == ProjectionKind::Robinson) {
            addLabel({drawnLon, -90.0}, lon, longitudeLabel(lon),
                     GraticuleLabel::Placement::BelowPoint);
        } else if (kind == ProjectionKind::NorthPolarStereographic ||
                   kind == ProjectionKind::SouthPolarStereographic) {
            addLabel({drawnLon, 0.0}, lon, longitudeLabel(lon), GraticuleLabel::Placement::OnPoint);
        } else if (!onCut) {
            addLabel({drawnLon, 0.0}, lon, longitudeLabel(lon), GraticuleLabel::Placement::OnPoint);
        }
    }

    // Parallels, without the poles (points, not lines).
    for (int k = static_cast<int>(std::ceil(-90.0 / spacing));
         k <= static_cast<int>(std::floor(90.0 / spacing)); ++k) {
        const double lat = k * spacing;
        if (std::abs(lat) >= 90.0 - 1e-9) {
            continue;
        }
        std::vector<GeoPoint> line;
        for (int step = 0; step <= 360; ++step) {
            const double relative =
                std::clamp(-180.0 + step, -180.0 + edgeMargin, 180.0 - edgeMargin);
            line.push_back({centre + relative, lat});
        }
        addLines(line);
        if (worldMap) {
            addLabel({centre - 180.0 + edgeMargin, lat}, lat, latitudeLabel(lat),
                     GraticuleLabel::Placement::LeftOfPoint);
        } else if (lat != 0.0) {
            // Globes and polar maps: along the central meridian.
            addLabel({centre, lat}, lat, latitudeLabel(lat), GraticuleLabel::Placement::OnPoint);
        }
    }
    return graticule;
}

} // namespace twins::viz
