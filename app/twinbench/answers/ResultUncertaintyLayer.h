#pragma once

#include "export/FigureExport.h"

#include <QString>

#include <optional>

namespace twins::sdk {
struct ResultSpec;
}

namespace twins::app {

// A map result spec's options.uncertainty_layer: {"variable": VAR2 (same file), "encoding":
// "spread" | "vsup" | "hatch" | "exceedance", "threshold": T (hatch and exceedance),
// "threshold_attribute": NAME (optional: the attribute of VAR2 where a run states its own
// threshold; T is then used for files without it; see export/StatedThreshold.h)}. Read once
// here for both places that draw a map result: a workspace cell (results/ResultUncertainty) and
// the headless figure of --export-result and reports (ResultFigure), so both show the same.
struct ResultUncertaintyLayer {
    FigureRequest::Encoding encoding = FigureRequest::Encoding::None; // None: the spec names none
    QString variable;
    std::optional<double> threshold;
    QString thresholdAttribute; // "" when the spec names none
    QString error;              // why the spec's option cannot be used (encoding is then None)
};

ResultUncertaintyLayer resultUncertaintyLayer(const sdk::ResultSpec& spec);

} // namespace twins::app
