#pragma once

#include "workspace/UncertaintyPanel.h"

#include <QString>

#include <memory>

namespace twins::sdk {
struct ResultSpec;
}

namespace twins::app {

// The uncertainty a map result spec asks its field to be shown with in a workspace cell
// (answers/ResultUncertaintyLayer reads options.uncertainty_layer):
// {"variable": VAR2 (same file), "encoding": "spread" | "vsup" | "hatch" | "exceedance",
// "threshold": T (hatch and exceedance)}. So a twin's probability map opens with its spread
// applied, as Properties > Uncertainty would apply it by hand.
struct ResultUncertainty {
    std::shared_ptr<UncertaintyChoice> choice; // null: the spec names none (or a bad one)
    QString error;                             // why the spec's option cannot be used
};

ResultUncertainty resultUncertainty(const sdk::ResultSpec& spec);

} // namespace twins::app
