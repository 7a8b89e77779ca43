#pragma once

#include "twinbench/sdk/ModuleMetadata.h"

class QMainWindow;

namespace twins::app {

class ResultView;

// Shows a run's declared result in a dock of `window` titled "<title> — run <id>", beside the
// other result docks (tabbed with them). Activating the same result of the same run again
// raises and re-reads its dock instead of adding another.
ResultView* showResultDock(QMainWindow& window, const QString& runId, const QString& runDirectory,
                           const sdk::ResultSpec& spec);

} // namespace twins::app
