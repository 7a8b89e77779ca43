#include "twinbench/viz/ColorRange.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace twins::viz {

ColorScale defaultColorScaleFor(const QString& colorMapName) {
    return colorMapName.compare(QStringLiteral("coolwarm"), Qt::CaseInsensitive) == 0
               ? ColorScale::SymmetricAroundZero
               : ColorScale::Linear;
}

std::optional<ColorScale> colorScaleNamed(const QString& name) {
    if (name == QStringLiteral("linear")) {
        return ColorScale::Linear;
    }
    if (name == QStringLiteral("log")) {
        return ColorScale::Logarithmic;
    }
    if (name == QStringLiteral("symmetric")) {
        return ColorScale::SymmetricAroundZero;
    }
    return std::nullopt;
}

ColorRange chooseColorRange(const std::vector<float>& values, ColorScale scale) {
    double minimum = std::numeric_limits<double>::infinity();
    double maximum = -std::numeric_limits<double>::infinity();
    double smallestPositive = std::numeric_limits<double>::infinity();
    double largestMagnitude = 0.0;
    std::size_t finite = 0;
    for (const float value : values) {
        if (!std::isfinite(value)) {
            continue;
        }
        ++finite;
        minimum = std::min<double>(minimum, value);
        maximum = std::max<double>(maximum, value);
        largestMagnitude = std::max<double>(largestMagnitude, std::abs(value));
        if (value > 0.0f) {
            smallestPositive = std::min<double>(smallestPositive, value);
        }
    }
    if (finite == 0) {
        throw ColorRangeError("no colour range: every value is missing");
    }
    ColorRange range;
    range.scale = scale;
    switch (scale) {
    case ColorScale::Linear:
        range.minimum = minimum;
        range.maximum = maximum;
        if (maximum <= minimum) {
            range.minimum = minimum - 0.5;
            range.maximum = maximum + 0.5;
        }
        break;
    case ColorScale::Logarithmic:
        if (!std::isfinite(smallestPositive)) {
            throw ColorRangeError("a logarithmic colour scale needs positive values; the largest "
                                  "value is " +
                                  std::to_string(maximum));
        }
        range.minimum = smallestPositive;
        range.maximum = maximum;
        if (maximum <= smallestPositive) {
            range.minimum = smallestPositive / std::sqrt(10.0);
            range.maximum = smallestPositive * std::sqrt(10.0);
        }
        break;
    case ColorScale::SymmetricAroundZero:
        range.minimum = -largestMagnitude;
        range.maximum = largestMagnitude;
        if (largestMagnitude == 0.0) {
            range.minimum = -1.0;
            range.maximum = 1.0;
        }
        break;
    }
    return range;
}

ColorRange explicitColorRange(double minimum, double maximum, ColorScale scale) {
    if (!std::isfinite(minimum) || !std::isfinite(maximum) || !(minimum < maximum)) {
        throw ColorRangeError("bad colour range " + std::to_string(minimum) + "," +
                              std::to_string(maximum) +
                              ": need two finite numbers with low < high");
    }
    if (scale == ColorScale::Logarithmic && minimum <= 0.0) {
        throw ColorRangeError("a logarithmic colour range must start above zero");
    }
    return {minimum, maximum, scale};
}

} // namespace twins::viz
