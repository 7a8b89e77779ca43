#pragma once

namespace cyclone {

// A deliberately coarse land-sea mask of the domain (0-70N, 100E-320E), drawn by hand as a few
// polygons: East Asia with Indochina, Japan, Taiwan, the Philippines, Borneo, North and Central
// America with the north of South America, Cuba, Hispaniola and Greenland. Vertices are about
// 1-3 degrees apart, so coasts are right to ~100 km: enough for cyclones to make landfall and
// decay (Kaplan & DeMaria 1995) where real ones do, not a cartographic product.
bool isLand(double latitude, double longitudeEast);

} // namespace cyclone
