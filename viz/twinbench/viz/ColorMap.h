#pragma once

#include <QColor>
#include <QString>
#include <QStringList>

#include <array>
#include <vector>

class vtkLookupTable;

namespace twins::viz {

// A perceptually uniform colour map read from resources/colormaps (256 sRGB entries).
class ColorMap {
public:
    // Names of the built-in maps: viridis, cividis, magma (sequential), coolwarm (diverging),
    // twilight (cyclic).
    static QStringList names();
    // Returns the named map; an unknown name gives an empty map (isValid() false).
    static ColorMap named(const QString& name);
    // The colour of category `index` (curves, series): Okabe-Ito, told apart with the common
    // colour-vision deficiencies, yellow last (faint on white); repeats after eight.
    static QColor categorical(int index);

    bool isValid() const { return !m_colors.empty(); }
    const QString& name() const { return m_name; }
    // Colour at t in [0, 1] (clamped), nearest of the 256 entries.
    QColor colorAt(double t) const;
    // A VTK lookup table over [minimum, maximum] with NaN shown in neutral grey.
    void fillLookupTable(vtkLookupTable* table, double minimum, double maximum) const;

private:
    QString m_name;
    std::vector<std::array<double, 3>> m_colors;
};

} // namespace twins::viz
