#include "twinbench/viz/VsupLayer.h"

#include "twinbench/data/FieldSlice.h"

#include <vtkLookupTable.h>

#include <cmath>
#include <limits>
#include <string>

namespace twins::viz {

void checkSameGrid(const data::FieldSlice& value, const data::FieldSlice& uncertainty) {
    const auto sameAxis = [](const std::vector<double>& a, const std::vector<double>& b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (std::abs(a[i] - b[i]) > 1e-6 * std::max(1.0, std::abs(a[i]))) {
                return false;
            }
        }
        return true;
    };
    if (value.width != uncertainty.width || value.height != uncertainty.height ||
        !sameAxis(value.x, uncertainty.x) || !sameAxis(value.y, uncertainty.y)) {
        throw VsupError("value '" + value.variable + "' (" + std::to_string(value.width) + "x" +
                        std::to_string(value.height) + ") and uncertainty '" +
                        uncertainty.variable + "' (" + std::to_string(uncertainty.width) + "x" +
                        std::to_string(uncertainty.height) +
                        ") are not on the same grid; VSUP needs both for every cell");
    }
}

std::pair<double, double> defaultUncertaintyRange(const data::FieldSlice& uncertainty) {
    double maximum = -std::numeric_limits<double>::infinity();
    for (const float u : uncertainty.values) {
        if (std::isfinite(u)) {
            maximum = std::max(maximum, static_cast<double>(u));
        }
    }
    if (!std::isfinite(maximum)) {
        throw VsupError("uncertainty '" + uncertainty.variable + "' has no finite value");
    }
    // All-zero uncertainty is fully certain; keep a usable range.
    return {0.0, maximum > 0.0 ? maximum : 1.0};
}

std::shared_ptr<data::FieldSlice> vsupIndexField(const data::FieldSlice& value,
                                                 const data::FieldSlice& uncertainty,
                                                 const VsupPalette& palette,
                                                 const VsupRanges& ranges) {
    checkSameGrid(value, uncertainty);
    auto indices = std::make_shared<data::FieldSlice>(value);
    const double valueSpan = ranges.valueMaximum - ranges.valueMinimum;
    const double uncertaintySpan = ranges.uncertaintyMaximum - ranges.uncertaintyMinimum;
    for (std::size_t i = 0; i < indices->values.size(); ++i) {
        const double v = value.values[i];
        const double u = uncertainty.values[i];
        if (!std::isfinite(v) || !std::isfinite(u)) {
            indices->values[i] = std::numeric_limits<float>::quiet_NaN();
            continue;
        }
        const double t = valueSpan > 0.0 ? (v - ranges.valueMinimum) / valueSpan : 0.5;
        const double w =
            uncertaintySpan > 0.0 ? (u - ranges.uncertaintyMinimum) / uncertaintySpan : 0.0;
        const int level = palette.levelOf(w);
        indices->values[i] = static_cast<float>(palette.indexOf(level, palette.binOf(t, level)));
    }
    return indices;
}

void fillVsupLookupTable(vtkLookupTable* table, const VsupPalette& palette) {
    const int count = palette.colorCount();
    table->SetScaleToLinear();
    table->SetNumberOfTableValues(count);
    table->SetNanColor(0.62, 0.62, 0.62, 1.0);
    table->SetUseBelowRangeColor(false);
    table->SetUseAboveRangeColor(false);
    table->Build();
    for (int i = 0; i < count; ++i) {
        const QColor colour = palette.colorAtIndex(i);
        table->SetTableValue(i, colour.redF(), colour.greenF(), colour.blueF(), 1.0);
    }
    table->SetTableRange(-0.5, count - 0.5);
    table->Modified();
}

} // namespace twins::viz
