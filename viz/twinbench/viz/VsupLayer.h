#pragma once

#include "twinbench/viz/Vsup.h"

#include <memory>

class vtkLookupTable;

namespace twins::data {
struct FieldSlice;
}

namespace twins::viz {

// The value and uncertainty ranges that are normalised to [0, 1] before the palette is asked.
struct VsupRanges {
    double valueMinimum = 0.0;
    double valueMaximum = 1.0;
    double uncertaintyMinimum = 0.0;
    double uncertaintyMaximum = 1.0;
};

// Throws VsupError unless the two slices share the grid (size and coordinates): VSUP draws a
// (value, uncertainty) pair per cell, so they must describe the same cells.
void checkSameGrid(const data::FieldSlice& value, const data::FieldSlice& uncertainty);

// The default uncertainty range: 0 to the largest finite uncertainty (uncertainty such as a
// standard deviation is non-negative, and 0 means certain). Throws VsupError when there is no
// finite uncertainty.
std::pair<double, double> defaultUncertaintyRange(const data::FieldSlice& uncertainty);

// A copy of the value slice whose values are palette indices (VsupPalette::indexOf), NaN where
// the value or the uncertainty is missing: the map draws it through vsupLookupTable, so the
// projection code that cuts and subdivides cells is shared with plain fields.
std::shared_ptr<data::FieldSlice> vsupIndexField(const data::FieldSlice& value,
                                                 const data::FieldSlice& uncertainty,
                                                 const VsupPalette& palette,
                                                 const VsupRanges& ranges);

// One table entry per palette colour, index i at scalar i exactly (range -0.5 .. n - 0.5);
// NaN in the same neutral grey as plain fields.
void fillVsupLookupTable(vtkLookupTable* table, const VsupPalette& palette);

} // namespace twins::viz
