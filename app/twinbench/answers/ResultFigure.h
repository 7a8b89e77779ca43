#pragma once

#include "export/FigureExport.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QSize>
#include <QString>

namespace twins::app {

// The results a run of `action` of the twin `moduleId` declares, in `twinbench-run describe`
// order (the numbering of --export-result). Empty with *why set when the twin is not installed
// or the action declares none.
QList<sdk::ResultSpec> declaredResults(const QString& moduleId, const QString& action,
                                       QString* why);

// A map result of `variable` in `output` (relative to outputs/), for dataset outputs no result
// declares (the fields a report still shows).
sdk::ResultSpec fieldResultSpec(const QString& output, const QString& variable);

// The scripted map figure of a map-kind result (shownInWorkspace): the spec's output file and
// variable, with its colour map and options.range when given.
FigureRequest mapResultFigureRequest(const sdk::ResultSpec& spec, const QString& outputsDirectory,
                                     QSize size);

// One declared result drawn as the GUI draws it, through the answer-kind registry: map kinds by
// the map figure, every other kind by its answer page's figure.
struct ResultFigure {
    QString title;  // the spec's title (or the figure's own title line)
    QString source; // "outputs file, variable" and the kind
    QImage image;
    QByteArray svg; // the same as SVG when the kind writes vectors and it stays small, else empty
};

// Renders `spec` from the run's outputs directory at `size` pixels. File reading and map
// rendering happen on the calling thread; an answer page is a widget, so it is made and drawn
// on the GUI thread (blocking this one when called from another: the GUI thread must be free).
// Throws FigureExportError saying why the result cannot be drawn (file missing, unreadable,
// a kind without a figure).
ResultFigure renderResultFigure(const sdk::ResultSpec& spec, const QString& outputsDirectory,
                                QSize size);

} // namespace twins::app
