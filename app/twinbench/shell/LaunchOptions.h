#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace twins::app {

// What the command line asked the GUI to do.
struct LaunchOptions {
    QStringList files;
    QString variable;                 // show this variable of the first file (else the first map)
    bool openExample = false;         // generate (if needed) and open the embedded example
    bool exitAfterFirstFrame = false; // benchmark mode: report time to the first field frame
    // Scripted figure (--export-figure OUT): rendered offscreen, no window; see FigureExport.h.
    QString exportFigure;
    QString openFile;    // --open FILE (also accepted as the first positional file)
    QStringList indices; // --index dim=i, repeatable
    QString projection;  // --projection NAME[:LON,LAT]
    QString colorMap;    // --colormap NAME
    QString colorScale;  // --color-scale linear|log|symmetric
    QString range;       // --range LO,HI
    QString size;        // --size WxH
    // Uncertainty encoding of the figure (issue 5 item 2): --uncertainty VAR2 --encoding
    // spread|vsup|hatch [--threshold T]; checked in figureRequestFrom.
    QString uncertainty; // --uncertainty VAR2
    QString encoding;    // --encoding NAME
    QString threshold;   // --threshold T
    // Animation (--export-figure OUT.mp4|OUT.gif --animate DIM [--frames A:B] [--fps N]); see
    // AnimationExport.h.
    QString animate;
    QString frames;
    QString fps;
    // Run report (--export-report OUT.html|OUT.pdf --run RUN_DIR_OR_ID); see ReportExport.h.
    QString exportReport;
    QString run;
    // One declared result of a run (--export-result OUT --run RUN [--result N|TITLE]
    // [--size WxH]); see ResultExport.h.
    QString exportResult;
    QString result;
};

// Parses the arguments. --help and --version print and return std::nullopt with exitCode 0;
// bad arguments print a message and return std::nullopt with exitCode 2. Works without a
// QApplication, so `twinbench --version` needs no display.
std::optional<LaunchOptions> parseLaunchOptions(const QStringList& arguments, int& exitCode);

} // namespace twins::app
