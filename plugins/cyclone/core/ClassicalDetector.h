#pragma once

#include "Detection.h"

#include <vector>

namespace cyclone {

// A classical tropical-cyclone detector and tracker, written for this twin from the published
// criteria of TempestExtremes (Ullrich & Zarzycki 2017, GMD 10, 1069; Zarzycki & Ullrich 2017,
// GRL 44, 1141; Ullrich et al. 2021, GMD 14, 5023), the tools the field uses to find cyclones in
// reanalyses and climate models. Its usual command lines:
//   DetectNodes --searchbymin MSL --mergedist 6.0
//     --closedcontourcmd "MSL,200.0,5.5,0;_DIFF(Z(300hPa),Z(500hPa)),-58.8,6.5,1.0"
//     --outputcmd "MSL,min,0;_VECMAG(VAR_10U,VAR_10V),max,2;ZS,min,0"
//   StitchNodes --range 8.0 --mintime 54h --maxgap 24h
//     --threshold "wind,>=,10.0,10;lat,<=,50.0,10;lat,>=,-50.0,10;zs,<=,150.0,10"
// What is implemented here, and how it maps to the fields this twin has:
// - candidates: grid points whose msl is below all 8 neighbours; within mergeDegrees of one
//   another only the lowest is kept;
// - closed contour on msl: every path on the grid from the candidate to a point farther than
//   closedContourDegrees (great circle) must meet msl at least closedContourPa above the
//   candidate's (a breadth-first search over the points below that contour);
// - warm core: the 300-500 hPa thickness must fall by 58.8 m2 s-2 (geopotential) within 6.5
//   degrees of its maximum within 1 degree of the candidate, as a closed contour. The files
//   hold temperatures, not geopotential: by the hypsometric equation the thickness is
//   R_d ln(500/300) T_layer = 146.6 m2 s-2 K-1 x the layer-mean temperature, so 58.8 m2 s-2 is
//   0.401 K of the mean of t_300 and t_500 (or of t_300 alone when that is all there is);
// - wind: the largest 10 m wind within 2 degrees, taken as the largest instantaneous gust
//   (i10fg) there over 1.3, the usual over-sea gust factor (the files have no 10 m wind
//   components); NaN without gusts;
// - stitching: nodes of successive times are linked when at most rangeDegrees apart (great
//   circle) and at most maxGapHours later, greedily by shortest gap then shortest distance;
//   tracks shorter than minDurationHours (last minus first time) are dropped, and so are
//   tracks with fewer than thresholdSteps nodes with wind >= minWindMs (not checked without
//   gusts) or fewer than thresholdSteps nodes with |latitude| <= maxLatitude. The surface
//   height test (zs <= 150 m) is left out: the generated files carry no orography.
struct ClassicalSettings {
    double closedContourPa = 200.0;
    double closedContourDegrees = 5.5;
    double warmCoreDecreaseK = 0.401;
    double warmCoreDegrees = 6.5;
    double warmCoreOffsetDegrees = 1.0;
    double mergeDegrees = 6.0;
    double windRadiusDegrees = 2.0;
    double gustFactor = 1.3;
    double rangeDegrees = 8.0;
    double minDurationHours = 54.0;
    double maxGapHours = 24.0;
    double minWindMs = 10.0;
    double maxLatitude = 50.0;
    int thresholdSteps = 10;
    CfCalendar calendar = CfCalendar::Standard;
};

// One time step's fields, row-major on a regular latitude-longitude grid (not wrapping round
// the globe), as DriverFile reads them.
struct ClassicalFields {
    std::vector<double> msl;              // Pa
    std::vector<double> layerTemperature; // K, mean of t_300 and t_500 (or t_300)
    std::vector<double> gust;             // m s-1, may be empty
};

// DetectNodes: the nodes of one step passing the candidate, merge, closed-contour and
// warm-core criteria (grid-point positions; pressurePa the node's msl, windMs as above,
// warmCoreK the layer temperature's maximum near the node minus its mean 1 degree inside the
// warm-core radius, confidence 1 (a yes/no test), vorticity NaN).
std::vector<Detection> detectNodes(const ClassicalFields& fields,
                                   const std::vector<double>& latitudes,
                                   const std::vector<double>& longitudes, const CfDateTime& time,
                                   const ClassicalSettings& settings);

// StitchNodes: the tracks of the nodes of all steps, with trackId 1, 2, ... in order of first
// appearance, ordered by track then time.
std::vector<Detection> stitchNodes(const std::vector<Detection>& nodes,
                                   const ClassicalSettings& settings);

} // namespace cyclone
