#pragma once

#include <QString>

namespace twins::app {

struct RunReport;

// Fills the report's lineage (and its drawing), the run's training-domain
// check (outputs/domain.json) and the VVUQ card of the model the run trained or used: itself
// when it wrote outputs/model.json, else the nearest model in its lineage. Reads the registry
// and run directories: not on the GUI thread. Never throws: what cannot be read becomes
// report.vvuqNote or a lineage problem.
void addLineageAndModelCard(const QString& runDirectory, RunReport& report);

} // namespace twins::app
