#pragma once

#include <QColor>

#include <vector>

namespace twins::viz {

class ColorMap;

// A volume transfer function in a normalised domain: position 0 is the bottom of the shown
// range, 1 its top (in log10 when the view is on a log scale), so the same function survives
// a change of data or of scale. Opacity and colour are piecewise linear between their points.
struct OpacityPoint {
    double position = 0.0; // 0..1
    double opacity = 0.0;  // 0..1
};
struct ColorPoint {
    double position = 0.0; // 0..1
    QColor color;
};

class TransferFunction {
public:
    // Colours sampled from a colour map at `colorPoints` evenly spaced positions; opacity 0
    // up to `threshold`, then rising linearly to `maximumOpacity` at 1, so the weakest cells
    // (noise, empty calorimeter cells) do not fog the view.
    static TransferFunction fromColorMap(const ColorMap& map, int colorPoints = 8,
                                         double threshold = 0.1, double maximumOpacity = 0.9);

    const std::vector<OpacityPoint>& opacityPoints() const { return m_opacity; }
    const std::vector<ColorPoint>& colorPoints() const { return m_colors; }
    // Both keep the points sorted by position, clamp them to [0, 1], and keep a point at 0
    // and at 1 (adding one with the nearest value when missing). Empty input is ignored.
    void setOpacityPoints(std::vector<OpacityPoint> points);
    void setColorPoints(std::vector<ColorPoint> points);

    double opacityAt(double position) const;
    QColor colorAt(double position) const;

    bool operator==(const TransferFunction& other) const;

private:
    std::vector<OpacityPoint> m_opacity{{0.0, 0.0}, {1.0, 1.0}};
    std::vector<ColorPoint> m_colors{{0.0, Qt::black}, {1.0, Qt::white}};
};

} // namespace twins::viz
