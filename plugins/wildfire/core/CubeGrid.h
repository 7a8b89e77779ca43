#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace wildfire {

// A latitude-longitude box in degrees: west..east (degrees east, -180..180), south..north.
struct BoundingBox {
    double west = -180.0;
    double south = -90.0;
    double east = 180.0;
    double north = 90.0;
};

// Parses "west,south,east,north" (the STAC/GeoJSON order), e.g. "-10,35,30,60" for Europe.
// Throws WildfireError naming the parameter 'bbox' for text that is not four numbers, a box
// outside -180..180 x -90..90, or one whose west >= east or south >= north.
BoundingBox parseBoundingBox(const std::string& text);

// The cube's regular grid: cell centres every `resolution` degrees inside the box, latitudes
// north to south (as SeasFire and ERA5 store them), longitudes west to east. The box must hold
// a whole number of cells (checked to 1e-6 of a cell).
class CubeGrid {
public:
    // Throws WildfireError naming 'resolution' or 'bbox' when they do not fit together.
    CubeGrid(const BoundingBox& box, double resolution);

    double resolution() const { return m_resolution; }
    const BoundingBox& box() const { return m_box; }
    const std::vector<double>& latitudes() const { return m_latitudes; }   // descending
    const std::vector<double>& longitudes() const { return m_longitudes; } // ascending
    std::size_t rows() const { return m_latitudes.size(); }
    std::size_t columns() const { return m_longitudes.size(); }
    std::size_t size() const { return rows() * columns(); }
    // Area of the cell in row `row`, in km^2 (spherical Earth of radius 6371 km).
    double cellAreaKm2(std::size_t row) const;

private:
    BoundingBox m_box;
    double m_resolution;
    std::vector<double> m_latitudes;
    std::vector<double> m_longitudes;
};

} // namespace wildfire
