#pragma once

#include "twinbench/viz/MapProjection.h"

#include <QString>
#include <QStringList>

#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace twins::data {
struct FieldSlice;
}

namespace twins::viz {

struct EnsembleField;

// Robustness of an ensemble change in one cell, after the IPCC AR6 WGI Cross-Chapter Box
// Atlas.1, "approach B" (simplified: the variability threshold is given, not derived from
// control runs per model):
//  - Robust: >= 66% of members show a change greater than the variability threshold and
//    >= 80% of all members agree on the sign of the change (no hatching);
//  - NoRobustSignal: < 66% show a change greater than the threshold (diagonal hatching /);
//  - ConflictingSignals: >= 66% show a change greater than the threshold but < 80% agree on
//    the sign (cross-hatching x).
enum class Robustness : std::uint8_t { Missing, Robust, NoRobustSignal, ConflictingSignals };

struct RobustnessCriteria {
    double signalFraction = 0.66; // share of members with |change| > threshold
    double signAgreement = 0.80;  // share of members agreeing on the sign
};

// Classifies one cell from its two fractions (each in [0, 1]; NaN = Missing).
Robustness classifyRobustness(double fractionWithSignal, double fractionAgreeingOnSign,
                              const RobustnessCriteria& criteria = {});

// One class per cell of a grid (row-major, row 0 south), with what it was computed from.
struct RobustnessMap {
    std::size_t width = 0;
    std::size_t height = 0;
    std::vector<Robustness> classes;
    int members = 0;        // 0 when classified from precomputed fractions
    double threshold = 0.0; // the variability threshold (units of the changes)
    std::string units;
    RobustnessCriteria criteria;
    // A rule of the caller's (e.g. a scenario comparison's) stated in the legend and caption
    // instead of the IPCC AR6 wording; empty: the IPCC classes above.
    QStringList legend;

    Robustness at(std::size_t column, std::size_t row) const {
        return classes[row * width + column];
    }
    std::size_t count(Robustness kind) const;
};

// From the members' change fields: a member shows a signal when |change| > threshold; sign
// agreement is the larger of the shares of positive and negative changes among all finite
// members of the cell. Cells with no finite member are Missing.
RobustnessMap classifyEnsembleChanges(const EnsembleField& changes, double variabilityThreshold,
                                      const RobustnessCriteria& criteria = {});

// From precomputed per-cell fractions on the same grid (e.g. a twin's output).
RobustnessMap classifyFractions(const data::FieldSlice& fractionWithSignal,
                                const data::FieldSlice& fractionAgreeingOnSign,
                                const RobustnessCriteria& criteria = {});

// A rectangle of the map plane (projected metres).
struct WorldRect {
    double xMin = 0.0;
    double xMax = 0.0;
    double yMin = 0.0;
    double yMax = 0.0;
};

// Hatch lines in screen space: parallel lines at 45 degrees on screen, spacingPixels apart
// whatever the zoom (the map plane has one scale in x and y, so 45 degrees in the plane is 45
// degrees on screen). Family "/" covers NoRobustSignal and ConflictingSignals cells, family
// "\" ConflictingSignals only, so conflicting cells are cross-hatched. Lines are clipped to
// the classified cells by walking each line in steps of half a pixel and asking which grid cell
// lies under each step (inverse projection), so cuts follow the projected cell edges within a
// pixel on every projection. `visible` limits the work to what is on screen.
vtkSmartPointer<vtkPolyData> buildHatchLines(const RobustnessMap& robustness,
                                             const data::FieldSlice& grid,
                                             const MapProjection& projection,
                                             const WorldRect& visible, double worldPerPixel,
                                             double spacingPixels = 9.0, double depth = 0.0);

// The legend's wording, one line per class (used on the figure and in captions).
QString hatchingCaption(const RobustnessMap& robustness);
QStringList hatchingLegendLines(const RobustnessMap& robustness);

} // namespace twins::viz
