#include "twinbench/viz/Vsup.h"

#include "twinbench/viz/Cielab.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>

namespace twins::viz {

VsupPalette::VsupPalette(const ColorMap& base, int valueBins, int levels, QColor suppressTowards,
                         double maxBlend)
    : m_base(base), m_valueBins(valueBins), m_levels(levels), m_maxBlend(maxBlend) {
    if (!base.isValid()) {
        throw VsupError("VSUP needs a valid base colour map ('" + base.name().toStdString() +
                        "' is unknown)");
    }
    if (levels < 1) {
        throw VsupError("VSUP needs at least one uncertainty level, got " + std::to_string(levels));
    }
    if (valueBins < 1 || !std::has_single_bit(static_cast<unsigned>(valueBins)) ||
        (valueBins >> (levels - 1)) < 1) {
        throw VsupError("VSUP value bins must be a power of two with at least 2^(levels-1) = " +
                        std::to_string(1 << (levels - 1)) + " bins, got " +
                        std::to_string(valueBins));
    }
    if (!(maxBlend >= 0.0 && maxBlend < 1.0)) {
        throw VsupError("VSUP blend of the top level must be in [0, 1), got " +
                        std::to_string(maxBlend));
    }
    const Lab target = labOf(suppressTowards);
    for (int level = 0; level < m_levels; ++level) {
        m_firstIndex.push_back(static_cast<int>(m_colors.size()));
        for (int bin = 0; bin < binsAtLevel(level); ++bin) {
            const Lab baseColour = labOf(m_base.colorAt(binCentre(level, bin)));
            m_colors.push_back(colorOfLab(mixLab(baseColour, target, blendAt(level))));
        }
    }
}

int VsupPalette::binsAtLevel(int level) const {
    return m_valueBins >> std::clamp(level, 0, m_levels - 1);
}

double VsupPalette::blendAt(int level) const {
    return m_levels == 1 ? 0.0 : m_maxBlend * std::clamp(level, 0, m_levels - 1) / (m_levels - 1);
}

int VsupPalette::levelOf(double uncertainty01) const {
    const double u = std::isfinite(uncertainty01) ? std::clamp(uncertainty01, 0.0, 1.0) : 1.0;
    return std::min(static_cast<int>(std::floor(u * m_levels)), m_levels - 1);
}

int VsupPalette::binOf(double value01, int level) const {
    const int bins = binsAtLevel(level);
    const double t = std::clamp(value01, 0.0, 1.0);
    return std::min(static_cast<int>(std::floor(t * bins)), bins - 1);
}

double VsupPalette::binCentre(int level, int bin) const {
    return (bin + 0.5) / binsAtLevel(level);
}

int VsupPalette::indexOf(int level, int bin) const {
    const int clampedLevel = std::clamp(level, 0, m_levels - 1);
    return m_firstIndex[static_cast<std::size_t>(clampedLevel)] +
           std::clamp(bin, 0, binsAtLevel(clampedLevel) - 1);
}

QColor VsupPalette::color(int level, int bin) const {
    return colorAtIndex(indexOf(level, bin));
}

QColor VsupPalette::colorFor(double value01, double uncertainty01) const {
    const int level = levelOf(uncertainty01);
    return color(level, binOf(value01, level));
}

QString VsupPalette::description() const {
    return QStringLiteral("VSUP, %1 levels, %2 value bins, %3")
        .arg(m_levels)
        .arg(m_valueBins)
        .arg(m_base.name());
}

} // namespace twins::viz
