#include "twinbench/viz/MapProjection.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <proj.h>

namespace twins::viz {

namespace {
constexpr double degree = std::numbers::pi / 180.0;
// Points this close to the cut (degrees) are drawn on the cut's own side: PROJ wraps a longitude
// of exactly centre+180 to either edge depending on rounding.
constexpr double cutMargin = 1e-9;

struct KindName {
    ProjectionKind kind;
    const char* name;
};
constexpr KindName kindNames[] = {
    {ProjectionKind::PlateCarree, "plate-carree"},
    {ProjectionKind::Robinson, "robinson"},
    {ProjectionKind::Mollweide, "mollweide"},
    {ProjectionKind::Orthographic, "orthographic"},
    {ProjectionKind::NorthPolarStereographic, "north-polar-stereographic"},
    {ProjectionKind::SouthPolarStereographic, "south-polar-stereographic"},
};

bool hasCut(ProjectionKind kind) {
    // The world maps are cut along the antimeridian of their central meridian; the azimuthal
    // ones are continuous there and end at a limb instead.
    return kind == ProjectionKind::PlateCarree || kind == ProjectionKind::Robinson ||
           kind == ProjectionKind::Mollweide;
}

double wrapTo180(double degrees) {
    double wrapped = std::fmod(degrees + 180.0, 360.0);
    if (wrapped < 0.0) {
        wrapped += 360.0;
    }
    return wrapped - 180.0;
}

std::string formatNumber(double value) {
    std::string text = std::to_string(value);
    // std::to_string always prints six decimals; PROJ accepts them but trim for readability.
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') {
        text.pop_back();
    }
    return text;
}

QString degreesText(double value, char positive, char negative) {
    const QString number = QString::number(std::abs(value), 'g', 6);
    if (value == 0.0) {
        return number + QChar(0x00B0);
    }
    return number + QChar(0x00B0) + QLatin1Char(value > 0 ? positive : negative);
}
} // namespace

struct MapProjection::ProjObjects {
    PJ_CONTEXT* context = nullptr;
    PJ* transformation = nullptr;
    ~ProjObjects() {
        if (transformation != nullptr) {
            proj_destroy(transformation);
        }
        if (context != nullptr) {
            proj_context_destroy(context);
        }
    }
};

QStringList MapProjection::names() {
    QStringList list;
    for (const KindName& entry : kindNames) {
        list << QString::fromLatin1(entry.name);
    }
    return list;
}

std::optional<ProjectionKind> MapProjection::kindNamed(const QString& name) {
    for (const KindName& entry : kindNames) {
        if (name.compare(QLatin1String(entry.name), Qt::CaseInsensitive) == 0) {
            return entry.kind;
        }
    }
    return std::nullopt;
}

QString MapProjection::nameOf(ProjectionKind kind) {
    for (const KindName& entry : kindNames) {
        if (entry.kind == kind) {
            return QString::fromLatin1(entry.name);
        }
    }
    return {};
}

MapProjection MapProjection::fromName(const QString& nameWithCentre) {
    const QString name = nameWithCentre.section(QLatin1Char(':'), 0, 0).trimmed();
    const QString centre = nameWithCentre.section(QLatin1Char(':'), 1).trimmed();
    const auto kind = kindNamed(name);
    if (!kind) {
        throw ProjectionError(
            "unknown projection '" + nameWithCentre.toStdString() +
            "'; choose one of: " + names().join(QStringLiteral(", ")).toStdString());
    }
    double centreLon = 0.0;
    double centreLat = 0.0;
    if (!centre.isEmpty()) {
        const QStringList parts = centre.split(QLatin1Char(','));
        bool lonOk = false;
        bool latOk = false;
        if (parts.size() == 2) {
            centreLon = parts[0].toDouble(&lonOk);
            centreLat = parts[1].toDouble(&latOk);
        } else if (parts.size() == 1) {
            centreLon = parts[0].toDouble(&lonOk);
            latOk = true;
        }
        if (!lonOk || !latOk || std::abs(centreLat) > 90.0 || !std::isfinite(centreLon)) {
            throw ProjectionError("bad projection centre '" + centre.toStdString() +
                                  "': expected NAME:LON,LAT in degrees, e.g. orthographic:10,45");
        }
    }
    return MapProjection(*kind, centreLon, centreLat);
}

MapProjection::MapProjection(ProjectionKind kind, double centreLon, double centreLat)
    : m_kind(kind), m_centreLon(wrapTo180(centreLon)), m_centreLat(centreLat) {
    if (kind != ProjectionKind::Orthographic) {
        m_centreLat = 0.0;
    }
    create();
}

MapProjection::MapProjection(const MapProjection& other)
    : m_kind(other.m_kind), m_centreLon(other.m_centreLon), m_centreLat(other.m_centreLat) {
    create(); // a fresh PROJ context: never share one between objects (threads)
}

MapProjection& MapProjection::operator=(const MapProjection& other) {
    if (this != &other) {
        m_kind = other.m_kind;
        m_centreLon = other.m_centreLon;
        m_centreLat = other.m_centreLat;
        create();
    }
    return *this;
}

MapProjection::MapProjection(MapProjection&&) noexcept = default;
MapProjection& MapProjection::operator=(MapProjection&&) noexcept = default;
MapProjection::~MapProjection() = default;

void MapProjection::create() {
    const std::string radius = " +R=" + formatNumber(earthRadius);
    const std::string lon0 = " +lon_0=" + formatNumber(m_centreLon);
    switch (m_kind) {
    case ProjectionKind::PlateCarree:
        m_definition = "+proj=eqc" + lon0 + radius;
        break;
    case ProjectionKind::Robinson:
        m_definition = "+proj=robin" + lon0 + radius;
        break;
    case ProjectionKind::Mollweide:
        m_definition = "+proj=moll" + lon0 + radius;
        break;
    case ProjectionKind::Orthographic:
        m_definition = "+proj=ortho" + lon0 + " +lat_0=" + formatNumber(m_centreLat) + radius;
        break;
    case ProjectionKind::NorthPolarStereographic:
        m_definition = "+proj=stere +lat_0=90 +lat_ts=90" + lon0 + radius;
        break;
    case ProjectionKind::SouthPolarStereographic:
        m_definition = "+proj=stere +lat_0=-90 +lat_ts=-90" + lon0 + radius;
        break;
    }
    auto objects = std::make_unique<ProjObjects>();
    objects->context = proj_context_create();
    if (objects->context == nullptr) {
        throw ProjectionError("cannot create a PROJ context");
    }
    // Offline and deterministic: grids are never fetched for these sphere-based conversions.
    proj_context_set_enable_network(objects->context, 0);
    const std::string source = "+proj=longlat" + radius + " +no_defs +type=crs";
    const std::string target = m_definition + " +no_defs +type=crs";
    PJ* raw = proj_create_crs_to_crs(objects->context, source.c_str(), target.c_str(), nullptr);
    if (raw == nullptr) {
        const int error = proj_context_errno(objects->context);
        throw ProjectionError("PROJ cannot create " + m_definition + ": " +
                              proj_context_errno_string(objects->context, error));
    }
    // Longitude first, degrees in, metres out, whatever the CRS axis order says.
    objects->transformation = proj_normalize_for_visualization(objects->context, raw);
    proj_destroy(raw);
    if (objects->transformation == nullptr) {
        throw ProjectionError("PROJ cannot normalise the axis order of " + m_definition);
    }
    m_proj = std::move(objects);
}

QString MapProjection::description() const {
    switch (m_kind) {
    case ProjectionKind::PlateCarree:
        return QStringLiteral("Plate Carr\u00e9e");
    case ProjectionKind::Robinson:
        return QStringLiteral("Robinson");
    case ProjectionKind::Mollweide:
        return QStringLiteral("Mollweide");
    case ProjectionKind::Orthographic:
        return QStringLiteral("Orthographic centred on %1 %2")
            .arg(degreesText(m_centreLon, 'E', 'W'), degreesText(m_centreLat, 'N', 'S'));
    case ProjectionKind::NorthPolarStereographic:
        return QStringLiteral("North polar stereographic");
    case ProjectionKind::SouthPolarStereographic:
        return QStringLiteral("South polar stereographic");
    }
    return {};
}

double MapProjection::relativeLongitude(double lon) const {
    return wrapTo180(lon - m_centreLon);
}

bool MapProjection::isVisible(GeoPoint point) const {
    if (!std::isfinite(point.lon) || !std::isfinite(point.lat) || std::abs(point.lat) > 90.0) {
        return false;
    }
    switch (m_kind) {
    case ProjectionKind::Orthographic: {
        // Cosine of the angular distance from the centre: the near hemisphere is positive.
        const double cosDistance = std::sin(m_centreLat * degree) * std::sin(point.lat * degree) +
                                   std::cos(m_centreLat * degree) * std::cos(point.lat * degree) *
                                       std::cos((point.lon - m_centreLon) * degree);
        return cosDistance >= 0.0;
    }
    case ProjectionKind::NorthPolarStereographic:
        return point.lat >= 0.0;
    case ProjectionKind::SouthPolarStereographic:
        return point.lat <= 0.0;
    default:
        return true;
    }
}

std::optional<MapPoint> MapProjection::forward(GeoPoint point) const {
    if (!isVisible(point)) {
        return std::nullopt;
    }
    PJ_COORD input = proj_coord(point.lon, point.lat, 0.0, 0.0);
    const PJ_COORD output = proj_trans(m_proj->transformation, PJ_FWD, input);
    if (!std::isfinite(output.xy.x) || !std::isfinite(output.xy.y) || output.xy.x == HUGE_VAL) {
        proj_errno_reset(m_proj->transformation);
        return std::nullopt;
    }
    return MapPoint{output.xy.x, output.xy.y};
}

std::vector<MapPoint> MapProjection::forward(const std::vector<GeoPoint>& points) const {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> x(points.size());
    std::vector<double> y(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        const bool visible = isVisible(points[i]);
        // Invisible points are marked before PROJ sees them: PROJ's orthographic would still
        // return far-side points for some centres instead of failing.
        x[i] = visible ? points[i].lon : nan;
        y[i] = visible ? points[i].lat : nan;
    }
    if (!points.empty()) {
        proj_trans_generic(m_proj->transformation, PJ_FWD, x.data(), sizeof(double), x.size(),
                           y.data(), sizeof(double), y.size(), nullptr, 0, 0, nullptr, 0, 0);
        proj_errno_reset(m_proj->transformation);
    }
    std::vector<MapPoint> result(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        const bool valid = std::isfinite(x[i]) && std::isfinite(y[i]) && x[i] != HUGE_VAL;
        result[i] = valid ? MapPoint{x[i], y[i]} : MapPoint{nan, nan};
    }
    return result;
}

std::optional<GeoPoint> MapProjection::inverse(MapPoint point) const {
    if (!std::isfinite(point.x) || !std::isfinite(point.y)) {
        return std::nullopt;
    }
    PJ_COORD input = proj_coord(point.x, point.y, 0.0, 0.0);
    const PJ_COORD output = proj_trans(m_proj->transformation, PJ_INV, input);
    proj_errno_reset(m_proj->transformation);
    GeoPoint geo{output.lp.lam, output.lp.phi};
    if (!std::isfinite(geo.lon) || !std::isfinite(geo.lat) || geo.lon == HUGE_VAL) {
        return std::nullopt;
    }
    // Outside the outline some inverses still return numbers (e.g. Robinson beyond +-180,
    // wrapped back onto the map): a point belongs to the map only if projecting its inverse
    // lands back on it.
    const auto back = forward(geo);
    const double tolerance = 1e-6 * earthRadius;
    if (!back || std::abs(back->x - point.x) > tolerance ||
        std::abs(back->y - point.y) > tolerance) {
        return std::nullopt;
    }
    geo.lon = wrapTo180(geo.lon);
    return geo;
}

GeoPoint MapProjection::lastVisibleBetween(GeoPoint visible, GeoPoint invisible) const {
    // Bisection along the lon/lat segment: 40 halvings of at most a degree reach well below a
    // metre, finer than any pixel.
    for (int iteration = 0; iteration < 40; ++iteration) {
        const GeoPoint middle{0.5 * (visible.lon + invisible.lon),
                              0.5 * (visible.lat + invisible.lat)};
        if (isVisible(middle)) {
            visible = middle;
        } else {
            invisible = middle;
        }
    }
    return visible;
}

std::vector<MapPolyline> MapProjection::projectPolyline(const std::vector<GeoPoint>& line,
                                                        double maxStepDegrees) const {
    std::vector<MapPolyline> pieces;
    if (line.size() < 2) {
        return pieces;
    }
    // Densify, with longitudes unwrapped so that every segment goes the short way round:
    // 179.9 -> -179.9 is a 0.2 degree step across the antimeridian, not a 359.8 degree one.
    std::vector<GeoPoint> dense;
    dense.reserve(line.size());
    GeoPoint previous{m_centreLon + relativeLongitude(line.front().lon), line.front().lat};
    dense.push_back(previous);
    const double step = std::max(maxStepDegrees, 1e-3);
    for (std::size_t i = 1; i < line.size(); ++i) {
        const GeoPoint next{previous.lon + wrapTo180(line[i].lon - previous.lon), line[i].lat};
        const double span =
            std::max(std::abs(next.lon - previous.lon), std::abs(next.lat - previous.lat));
        const int parts = std::max(1, static_cast<int>(std::ceil(span / step)));
        for (int part = 1; part <= parts; ++part) {
            const double t = static_cast<double>(part) / parts;
            dense.push_back({previous.lon + t * (next.lon - previous.lon),
                             previous.lat + t * (next.lat - previous.lat)});
        }
        previous = next;
    }

    MapPolyline current;
    auto finishPiece = [&]() {
        if (current.size() >= 2) {
            pieces.push_back(std::move(current));
        }
        current.clear();
    };
    auto addPoint = [&](GeoPoint point) {
        if (const auto projected = forward(point)) {
            current.push_back(*projected);
        }
    };

    for (std::size_t i = 0; i < dense.size(); ++i) {
        const GeoPoint point = dense[i];
        const bool visible = isVisible(point);
        // A point exactly on the cut was already added as the end of one piece and the start
        // of the next; projecting it again would put it on an arbitrary edge.
        bool onCut = false;
        if (i > 0) {
            const GeoPoint before = dense[i - 1];
            const bool visibleBefore = isVisible(before);
            if (visibleBefore && !visible) {
                addPoint(lastVisibleBetween(before, point));
                finishPiece();
            } else if (!visibleBefore && visible) {
                addPoint(lastVisibleBetween(point, before));
            } else if (visible && hasCut(m_kind)) {
                // Relative longitudes of both ends, unwrapped; the cut is at +-180.
                const double fromRelative = before.lon - m_centreLon;
                const double toRelative = point.lon - m_centreLon;
                const double fromTurn = std::floor((fromRelative + 180.0) / 360.0);
                const double toTurn = std::floor((toRelative + 180.0) / 360.0);
                if (fromTurn != toTurn) {
                    const double cut = 360.0 * std::max(fromTurn, toTurn) - 180.0;
                    const double t = (cut - fromRelative) / (toRelative - fromRelative);
                    const double lat = before.lat + t * (point.lat - before.lat);
                    const double side = toRelative > fromRelative ? 1.0 : -1.0;
                    addPoint({m_centreLon + side * (180.0 - cutMargin), lat});
                    finishPiece();
                    addPoint({m_centreLon - side * (180.0 - cutMargin), lat});
                    onCut = toRelative == cut;
                }
            }
        }
        if (visible && !onCut) {
            addPoint(point);
        }
    }
    finishPiece();
    return pieces;
}

MapPolyline MapProjection::outline() const {
    MapPolyline boundary;
    switch (m_kind) {
    case ProjectionKind::PlateCarree:
    case ProjectionKind::Robinson:
    case ProjectionKind::Mollweide: {
        // Up the eastern edge of the cut, back down the western one.
        for (int lat = -90; lat <= 90; ++lat) {
            if (const auto p = forward({m_centreLon + 180.0 - cutMargin, double(lat)})) {
                boundary.push_back(*p);
            }
        }
        for (int lat = 90; lat >= -90; --lat) {
            if (const auto p = forward({m_centreLon - 180.0 + cutMargin, double(lat)})) {
                boundary.push_back(*p);
            }
        }
        break;
    }
    case ProjectionKind::Orthographic:
        // The limb of a sphere seen from infinitely far away is a circle of its radius.
        for (int angle = 0; angle < 360; ++angle) {
            boundary.push_back(
                {earthRadius * std::cos(angle * degree), earthRadius * std::sin(angle * degree)});
        }
        break;
    case ProjectionKind::NorthPolarStereographic:
    case ProjectionKind::SouthPolarStereographic:
        // The map stops at the equator.
        for (int lon = 0; lon < 360; ++lon) {
            if (const auto p = forward({double(lon), 0.0})) {
                boundary.push_back(*p);
            }
        }
        break;
    }
    if (!boundary.empty()) {
        boundary.push_back(boundary.front());
    }
    return boundary;
}

} // namespace twins::viz
