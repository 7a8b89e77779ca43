#pragma once

#include "twinbench/viz/ColorMap.h"

#include <QColor>
#include <QString>

#include <stdexcept>
#include <vector>

namespace twins::viz {

class VsupError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A value-suppressing uncertainty palette (VSUP; Correll, Moritz & Heer, "Value-Suppressing
// Uncertainty Palettes", CHI 2018). Uncertainty is cut into `levels` levels; level 0 (the most
// certain) shows all `valueBins` value bins of the base colour map, and every level above it
// merges neighbouring bins pairwise (tree quantisation: 8, 4, 2, 1 ...), so the more uncertain
// a cell is, the fewer values the reader can tell apart. Colours of higher levels are blended
// towards a light target in CIELAB, where the blend changes lightness evenly for every hue;
// the paper's point is that uncertain values then neither read as precise nor stand out.
class VsupPalette {
public:
    // valueBins must be a power of two and at least 2^(levels - 1) (so the top level has at
    // least one bin); levels >= 1; maxBlend in [0, 1) is the blend of the top level. Throws
    // VsupError otherwise, or for an invalid base map.
    explicit VsupPalette(const ColorMap& base, int valueBins = 8, int levels = 4,
                         QColor suppressTowards = QColor(255, 255, 255), double maxBlend = 0.75);

    const ColorMap& baseMap() const { return m_base; }
    int valueBins() const { return m_valueBins; }
    int levels() const { return m_levels; }
    int binsAtLevel(int level) const;
    // Lab blend fraction towards the light target: 0 at level 0, maxBlend at the top level.
    double blendAt(int level) const;

    // Level of a normalised uncertainty u in [0, 1] (clamped): equal-width intervals.
    int levelOf(double uncertainty01) const;
    // Bin of a normalised value t in [0, 1] (clamped) at a level.
    int binOf(double value01, int level) const;
    // Centre of a bin in normalised value, where its colour is taken from the base map.
    double binCentre(int level, int bin) const;

    QColor color(int level, int bin) const;
    QColor colorFor(double value01, double uncertainty01) const;

    // All colours in one list (level 0's bins first, then level 1's ...), for lookup tables.
    int colorCount() const { return static_cast<int>(m_colors.size()); }
    int indexOf(int level, int bin) const;
    QColor colorAtIndex(int index) const { return m_colors.at(static_cast<std::size_t>(index)); }

    // "VSUP, 4 levels, 8 value bins, viridis": for captions.
    QString description() const;

private:
    ColorMap m_base;
    int m_valueBins;
    int m_levels;
    double m_maxBlend;
    std::vector<int> m_firstIndex; // per level
    std::vector<QColor> m_colors;
};

} // namespace twins::viz
