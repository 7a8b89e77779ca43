#pragma once

#include <QString>

#include <optional>
#include <stdexcept>
#include <vector>

namespace twins::viz {

enum class ColorScale {
    Linear,              // minimum to maximum of the data
    Logarithmic,         // smallest positive value to maximum, log10 spacing
    SymmetricAroundZero, // -max|v| to +max|v|, so zero sits at a diverging map's neutral centre
};

struct ColorRange {
    double minimum = 0.0;
    double maximum = 1.0;
    ColorScale scale = ColorScale::Linear;
};

class ColorRangeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Diverging maps (coolwarm) read as "below / above zero" and default to a symmetric range;
// the others default to linear.
ColorScale defaultColorScaleFor(const QString& colorMapName);
// "linear", "log", "symmetric"; std::nullopt for anything else.
std::optional<ColorScale> colorScaleNamed(const QString& name);

// Chooses the range from the decoded values (NaN are missing and ignored). Throws
// ColorRangeError when there is no finite value, or, for Logarithmic, no positive value.
// A constant field gets a range of width 1 around its value so it still maps to a colour.
ColorRange chooseColorRange(const std::vector<float>& values, ColorScale scale);

// Checks an explicit range for a scale (lo < hi, both finite, lo > 0 for log); throws
// ColorRangeError with the reason.
ColorRange explicitColorRange(double minimum, double maximum, ColorScale scale);

} // namespace twins::viz
