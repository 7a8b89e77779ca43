#pragma once

#include "answers/ResultAnswers.h"
#include "export/formats/ExportFormats.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace twins::app {

class AnswerPage;

// One kind of answer or declared result (plugins/README.md, "Answer conventions"): how a run's
// output file becomes an answer and which page draws it.
// Every kind is one folder in answers/kinds/ plus one line in AnswerKinds.cpp; nothing else in
// the application compares kind names.
struct AnswerKind {
    QString name;
    // Answers of this kind are drawn by the page of `drawnAs` (points are drawn as tracks);
    // empty: by its own page.
    QString drawnAs;
    // Shown in the workspace's map view (a field of a file) instead of the answer view.
    bool shownInWorkspace = false;
    // Draws answers of this kind; null for kinds drawn elsewhere.
    std::function<AnswerPage*(QWidget* parent)> makePage;
    // Reads a run's declared result file at `path` and converts it into an answer. Blocking
    // file I/O (call it off the GUI thread); throws ResultAnswerError naming the file and what
    // was expected. Null for kinds that open the file itself (map, uncertainty).
    std::function<ResultAnswer(const sdk::ResultSpec& spec, const QString& path)> readResult;
    // The export writers its page can feed (AnswerPage::renderFigure, writeVectorFigure): the
    // figure formats offered for it are those of the export-format registry written by one of
    // them. Empty: the kind has no figure to export (a table).
    QList<ExportFormat::Writer> figureWriters;

    QString pageKind() const { return drawnAs.isEmpty() ? name : drawnAs; }
};

// Every kind, in the order the documentation lists them.
const QList<AnswerKind>& answerKinds();
// The kind named `name`, or nullptr.
const AnswerKind* answerKind(const QString& name);
// "map, uncertainty, tracks, ...": the names, for messages.
QString answerKindNames();

// The registered kinds (one folder each under kinds/).
AnswerKind mapAnswerKind();
AnswerKind uncertaintyAnswerKind();
AnswerKind tracksAnswerKind();
AnswerKind pointsAnswerKind();
AnswerKind volumeAnswerKind();
AnswerKind metricsTableAnswerKind();
AnswerKind histogramAnswerKind();
AnswerKind lineChartAnswerKind();
AnswerKind xyCurvesAnswerKind();
AnswerKind spectrogramAnswerKind();

} // namespace twins::app
