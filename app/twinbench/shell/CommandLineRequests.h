#pragma once

#include "export/AnimationExport.h"
#include "export/FigureExport.h"
#include "report/ReportExport.h"
#include "results/ResultExport.h"

namespace twins::app {

struct LaunchOptions;

// The export requests of the command line (`twinbench --export-figure`, `--export-report`):
// the export engines take request objects and know nothing of argument parsing.

// Throws FigureExportError with a message for the user (missing --open/--variable, malformed
// --index/--range/--size, an --uncertainty without --encoding or the reverse, an unknown
// encoding, hatch or exceedance without --threshold). The output's format is checked by the
// export.
FigureRequest figureRequestFrom(const LaunchOptions& options);
// Throws FigureExportError for a bad --frames or --fps, an output that is not an animation
// format, and the figure options' own errors.
AnimationRequest animationRequestFrom(const LaunchOptions& options);
// Throws FigureExportError for a missing --run or an output that is not a report format.
ReportRequest reportRequestFrom(const LaunchOptions& options);
// --export-result: checks the output's suffix and the size. Throws FigureExportError.
ResultExportRequest resultRequestFrom(const LaunchOptions& options);

} // namespace twins::app
