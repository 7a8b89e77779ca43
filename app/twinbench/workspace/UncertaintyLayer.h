#pragma once

#include "twinbench/viz/Hatching.h"
#include "workspace/UncertaintyPanel.h"

#include <QString>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace twins::data {
class Dataset;
struct FieldSlice;
} // namespace twins::data
namespace twins::viz {
class MapView;
}

namespace twins::app {

class ViewCell;

// What the background read of a view's second (uncertainty) variable produced; error empty on
// success.
struct UncertaintyLayer {
    std::shared_ptr<const data::FieldSlice> second; // spread or VSUP uncertainty
    std::optional<viz::RobustnessMap> robustness;   // hatching
    std::shared_ptr<const data::FieldSlice> probability;
    int members = 0;
    double threshold =
        0.0; // hatching, exceedance: the one used (the file's stated or the choice's)
    QString error;
};

// Reads the second variable at the field's indices and checks it is on the field's grid (the
// error names both shapes). Blocking file I/O: call it off the GUI thread.
UncertaintyLayer readUncertaintyLayer(std::shared_ptr<const data::Dataset> dataset,
                                      std::shared_ptr<const data::FieldSlice> field,
                                      UncertaintyChoice choice,
                                      std::map<std::string, std::size_t> indices);

// Draws the layer with the choice's encoding on the cell's map (Spread: a mean/spread pair in
// front of it) and says what is shown. Throws std::runtime_error when the encoding cannot be
// drawn.
QString drawUncertaintyLayer(ViewCell& cell, viz::MapView& map, const UncertaintyChoice& choice,
                             const UncertaintyLayer& layer);

// Removes what drawUncertaintyLayer added to the cell (the map shows its field again).
void clearUncertaintyLayer(ViewCell& cell);

} // namespace twins::app
