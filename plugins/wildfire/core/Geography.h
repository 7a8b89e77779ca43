#pragma once

#include "CubeGrid.h"

#include <vector>

namespace wildfire {

// What the climate of a cell depends on that never changes: its land fraction (SeasFire's lsm,
// from the GSHHG land mask in twins/geo), its continentality (the land share of the ~2000 km
// around it: interiors have hot summers, cold winters and dry air; coasts are mild) and how much
// of it is a high ice sheet (Antarctica, Greenland: cold from their 2-3 km of altitude, no
// vegetation, no fire).
struct CellGeography {
    double latitude = 0.0;
    double longitude = 0.0;
    double landFraction = 0.0;   // 0..1
    double continentality = 0.0; // 0..1: land share of the surroundings
    double iceSheet = 0.0;       // 0..1
    double areaKm2 = 0.0;
};

// One CellGeography per grid cell, row major like the grid. Continentality is smoothed from a
// fixed global 1 degree land-fraction field, so a regional cube sees the same continents as the
// global one.
std::vector<CellGeography> describeCells(const CubeGrid& grid);

} // namespace wildfire
