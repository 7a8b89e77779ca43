#pragma once

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace twins::viz {

// A failure to build or use a projection; the message names the projection and the reason.
class ProjectionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class ProjectionKind {
    PlateCarree,
    Robinson,
    Mollweide,
    Orthographic,
    NorthPolarStereographic,
    SouthPolarStereographic,
};

struct GeoPoint {
    double lon = 0.0; // degrees east
    double lat = 0.0; // degrees north
};

struct MapPoint {
    double x = 0.0; // projected metres on a sphere of radius MapProjection::earthRadius
    double y = 0.0;
};

using MapPolyline = std::vector<MapPoint>;

// A map projection from longitude/latitude (degrees, on a sphere) to plane coordinates, built
// on the PROJ C API. Each object owns its own PJ_CONTEXT: PROJ contexts (and the PJ objects
// made from them) are not thread-safe, so an object must be used by one thread at a time;
// give every thread its own MapProjection (copies create a fresh context).
class MapProjection {
public:
    // Authalic sphere radius: all projections use the same sphere, so their maps compare.
    static constexpr double earthRadius = 6371007.181;

    // Names accepted by fromName: plate-carree, robinson, mollweide, orthographic,
    // north-polar-stereographic, south-polar-stereographic.
    static QStringList names();
    static std::optional<ProjectionKind> kindNamed(const QString& name);
    static QString nameOf(ProjectionKind kind);
    // "orthographic" (centre 0E 0N) or "orthographic:LON,LAT"; throws ProjectionError for an
    // unknown name or a malformed centre, listing the valid names.
    static MapProjection fromName(const QString& nameWithCentre);

    // centreLon is the central meridian (all kinds); centreLat only matters for orthographic.
    // Throws ProjectionError when PROJ cannot create the transformation.
    explicit MapProjection(ProjectionKind kind = ProjectionKind::PlateCarree,
                           double centreLon = 0.0, double centreLat = 0.0);
    MapProjection(const MapProjection& other);
    MapProjection& operator=(const MapProjection& other);
    MapProjection(MapProjection&&) noexcept;
    MapProjection& operator=(MapProjection&&) noexcept;
    ~MapProjection();

    ProjectionKind kind() const { return m_kind; }
    double centreLon() const { return m_centreLon; }
    double centreLat() const { return m_centreLat; }
    QString name() const { return nameOf(m_kind); }
    // The PROJ definition of the target CRS, e.g. "+proj=robin +lon_0=0 +R=6371007.181".
    const std::string& definition() const { return m_definition; }
    // "Robinson", "Orthographic centred on 10°E 45°N": for titles and provenance.
    QString description() const;

    // True when the point is drawn on this map (e.g. the near hemisphere for orthographic,
    // the northern hemisphere for north polar stereographic).
    bool isVisible(GeoPoint point) const;
    // Projects one point; std::nullopt when it is not visible or PROJ fails.
    std::optional<MapPoint> forward(GeoPoint point) const;
    // Inverse projection; std::nullopt outside the map (off the limb, beyond the outline).
    std::optional<GeoPoint> inverse(MapPoint point) const;
    // Projects many points in one PROJ call; invisible points come back as NaN.
    std::vector<MapPoint> forward(const std::vector<GeoPoint>& points) const;

    // Projects a lon/lat polyline, densified so that no segment is longer than maxStepDegrees
    // (straight lines in lon/lat become the right curves), and split into pieces where it
    // crosses the map's cut (the antimeridian of the central meridian) or leaves the visible
    // domain (the limb); each piece ends exactly on the cut or limb.
    std::vector<MapPolyline> projectPolyline(const std::vector<GeoPoint>& line,
                                             double maxStepDegrees = 1.0) const;

    // The map's boundary as one closed polyline (first point repeated at the end): the
    // rectangle, oval or limb circle that frames the map.
    MapPolyline outline() const;

    // Longitude relative to the central meridian, in [-180, 180).
    double relativeLongitude(double lon) const;

private:
    void create();
    // Where a polyline from a visible point towards an invisible one leaves the map.
    GeoPoint lastVisibleBetween(GeoPoint visible, GeoPoint invisible) const;

    struct ProjObjects;
    ProjectionKind m_kind;
    double m_centreLon;
    double m_centreLat;
    std::string m_definition;
    std::unique_ptr<ProjObjects> m_proj;
};

} // namespace twins::viz
