#include "LandMask.h"

#include "Geodesy.h"

#include <array>
#include <span>
#include <utility>

namespace cyclone {

namespace {

using Vertex = std::pair<double, double>; // (longitude east 0..360, latitude)

// Asia from the Malay peninsula round Indochina and the Chinese coast to Kamchatka and the
// Bering Strait, closed along the domain's western and northern edges.
constexpr std::array asia{
    Vertex{99, 0},       Vertex{104, 1},    Vertex{103.5, 5},    Vertex{100.5, 13},
    Vertex{105, 9},      Vertex{109, 11.5}, Vertex{109, 15.5},   Vertex{106, 19.5},
    Vertex{108, 21.5},   Vertex{110, 21},   Vertex{113, 22},     Vertex{117, 23.5},
    Vertex{120, 26.5},   Vertex{122, 30},   Vertex{121, 32},     Vertex{119.5, 35},
    Vertex{122.5, 37},   Vertex{119, 37.5}, Vertex{118, 39},     Vertex{121.5, 41},
    Vertex{124.5, 39.5}, Vertex{126, 37},   Vertex{126.5, 34.5}, Vertex{129.5, 35},
    Vertex{129.5, 41},   Vertex{133, 43},   Vertex{138, 46},     Vertex{140.5, 50},
    Vertex{141, 53.5},   Vertex{137, 54},   Vertex{140, 58},     Vertex{148, 59.5},
    Vertex{155, 59.5},   Vertex{156, 51},   Vertex{160, 54},     Vertex{163, 57},
    Vertex{163, 60},     Vertex{172, 61},   Vertex{180, 65},     Vertex{190, 66},
    Vertex{190, 71},     Vertex{99, 71}};

constexpr std::array japan{
    Vertex{130, 31},   Vertex{131.5, 33.5}, Vertex{135, 33.5},  Vertex{140, 35}, Vertex{141, 37},
    Vertex{142, 40},   Vertex{145.5, 43.5}, Vertex{142, 45.5},  Vertex{140, 43}, Vertex{140, 40},
    Vertex{136.5, 37}, Vertex{132, 35},     Vertex{129.5, 33.5}};

constexpr std::array taiwan{Vertex{120, 22.5}, Vertex{121, 21.9}, Vertex{122, 25},
                            Vertex{121.3, 25.3}};

constexpr std::array philippines{Vertex{120, 18.5},  Vertex{122.5, 18.5}, Vertex{124.5, 13},
                                 Vertex{126.5, 7.5}, Vertex{125.5, 5.5},  Vertex{122, 7},
                                 Vertex{123, 11},    Vertex{120.5, 13.5}};

constexpr std::array borneo{Vertex{109, 1.5}, Vertex{111, 2.5}, Vertex{115.5, 5.5}, Vertex{117, 7},
                            Vertex{119.5, 5}, Vertex{118, 1},   Vertex{117.5, 0},   Vertex{109, 0}};

// North America from Alaska down the Pacific coast to Panama, the north of South America, and
// back up the Atlantic and Gulf coasts to Labrador, closed along the northern edge.
constexpr std::array americas{
    Vertex{192, 66},     Vertex{195, 60},     Vertex{200, 58.5},   Vertex{205, 59},
    Vertex{210, 60},     Vertex{220, 59},     Vertex{226, 56},     Vertex{232, 51},
    Vertex{236, 47},     Vertex{236, 42},     Vertex{238.5, 37},   Vertex{242, 34},
    Vertex{245, 30},     Vertex{250, 26},     Vertex{254, 21},     Vertex{256, 19},
    Vertex{260, 17},     Vertex{265, 15.5},   Vertex{268, 14},     Vertex{273, 12},
    Vertex{275, 10},     Vertex{277.5, 8},    Vertex{280, 8},      Vertex{282, 7},
    Vertex{282, 3},      Vertex{280, 0},      Vertex{310, 0},      Vertex{309, 2},
    Vertex{304, 5.5},    Vertex{299, 8.5},    Vertex{296, 10.5},   Vertex{292, 10.5},
    Vertex{288.5, 11.5}, Vertex{285, 11},     Vertex{282.5, 9},    Vertex{279, 9},
    Vertex{276.5, 11},   Vertex{276.5, 15},   Vertex{272.5, 16},   Vertex{272.5, 21.5},
    Vertex{269.5, 21},   Vertex{268, 18.5},   Vertex{265, 18.5},   Vertex{262.5, 21},
    Vertex{262.5, 26},   Vertex{263.5, 28},   Vertex{267, 29.5},   Vertex{271, 30},
    Vertex{275.5, 29.5}, Vertex{277.5, 26.5}, Vertex{279.5, 25.5}, Vertex{280, 27},
    Vertex{279, 31},     Vertex{282, 34},     Vertex{284.5, 35.5}, Vertex{284, 38},
    Vertex{286, 40.5},   Vertex{290, 41.5},   Vertex{293, 44},     Vertex{296.5, 45},
    Vertex{300, 46.5},   Vertex{303, 47},     Vertex{304, 51.5},   Vertex{300, 55},
    Vertex{297, 59},     Vertex{295, 61},     Vertex{291, 61},     Vertex{292, 64},
    Vertex{296, 67},     Vertex{296, 71},     Vertex{190, 71}};

constexpr std::array cuba{Vertex{275.5, 21.9}, Vertex{278, 23.1},   Vertex{282, 22.3},
                          Vertex{285.8, 20.2}, Vertex{282.5, 19.9}, Vertex{279, 21.5}};

constexpr std::array hispaniola{Vertex{285.7, 18.2}, Vertex{286.5, 19.9}, Vertex{291.5, 19.5},
                                Vertex{291.5, 18.3}};

constexpr std::array greenland{Vertex{303, 71}, Vertex{305, 66}, Vertex{310, 61},
                               Vertex{316, 62}, Vertex{320, 65}, Vertex{321, 71}};

// Even-odd ray casting (W. R. Franklin's point-in-polygon test).
bool inside(std::span<const Vertex> polygon, double longitude, double latitude) {
    bool in = false;
    for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
        const auto [xi, yi] = polygon[i];
        const auto [xj, yj] = polygon[j];
        if ((yi > latitude) != (yj > latitude) &&
            longitude < (xj - xi) * (latitude - yi) / (yj - yi) + xi) {
            in = !in;
        }
    }
    return in;
}

} // namespace

bool isLand(double latitude, double longitudeEast) {
    const double longitude = longitude360(longitudeEast);
    return inside(asia, longitude, latitude) || inside(japan, longitude, latitude) ||
           inside(taiwan, longitude, latitude) || inside(philippines, longitude, latitude) ||
           inside(borneo, longitude, latitude) || inside(americas, longitude, latitude) ||
           inside(cuba, longitude, latitude) || inside(hispaniola, longitude, latitude) ||
           inside(greenland, longitude, latitude);
}

} // namespace cyclone
