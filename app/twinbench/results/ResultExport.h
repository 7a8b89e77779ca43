#pragma once

#include <QSize>
#include <QString>

namespace twins::app {

// `twinbench --export-result OUT --run RUN [--result N|TITLE] [--size WxH]`: one declared
// result of a finished run, rendered headless through the answer-kind registry exactly as the
// GUI draws it (map kinds through the figure export, every other kind through its answer page's
// figure export), in the format OUT's suffix names.
struct ResultExportRequest {
    QString outputPath;
    QString run;    // a run directory or an id in the run registry
    QString result; // "" = the first; "N" counts from 1 in `twinbench-run describe` order among
                    // the results of the run's action; otherwise a result's title
    QSize size{1200, 800};
};

// Throws FigureExportError naming what was asked and what exists: an unknown run, a result
// the run's action does not declare (listing those it does), a format the kind cannot write,
// or a result file that cannot be read.
void exportResult(const ResultExportRequest& request);

} // namespace twins::app
