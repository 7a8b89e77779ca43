#pragma once

#include "export/formats/ExportFormats.h"

#include <QSize>
#include <QString>

class QWidget;

namespace twins::app {

class AnswerView;

// The figure formats the shown answer's kind can be exported to (the export-format registry's
// figure formats written by one of the kind's writers); empty when it has no figure.
QList<const ExportFormat*> answerFigureFormats(const AnswerView& view);

// Writes the shown answer's figure to `path` at `size` pixels, in the format its suffix names
// (atomically: a failure leaves nothing under `path`). Throws viz::FigureRenderError saying
// which formats the kind offers when the suffix is not one of them.
void exportAnswerFigure(const AnswerView& view, const QString& path, QSize size);

// The "Export figure..." button's dialog: asks for a file among the kind's formats, writes the
// figure at the page's size on screen scaled to at least 1200 pixels wide, and says what went
// wrong in a message box.
void chooseAndExportAnswerFigure(QWidget* parent, const AnswerView& view);

} // namespace twins::app
