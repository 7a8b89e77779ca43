#include "results/ResultExport.h"

#include "answers/AnswerFigureExport.h"
#include "answers/AnswerKinds.h"
#include "answers/AnswerView.h"
#include "answers/ResultAnswers.h"
#include "answers/ResultFigure.h"
#include "export/FigureExport.h"
#include "report/ReportExport.h"
#include "twinbench/runs/RunDirectory.h"

#include <QDir>

namespace twins::app {

namespace {

[[noreturn]] void refuse(const QString& message) {
    throw FigureExportError(message.toStdString());
}

QString resultList(const QList<sdk::ResultSpec>& results) {
    QStringList lines;
    for (int i = 0; i < results.size(); ++i) {
        lines << QStringLiteral("%1: %2 (%3)")
                     .arg(i + 1)
                     .arg(results[i].title.isEmpty() ? results[i].output : results[i].title,
                          results[i].kind);
    }
    return lines.join(QStringLiteral("; "));
}

// The declared results of the run's action, in describe order, and the one asked for.
sdk::ResultSpec chooseResult(const runs::RunSpec& run, const QString& asked) {
    QString why;
    const QList<sdk::ResultSpec> results = declaredResults(run.moduleId, run.action, &why);
    if (results.isEmpty()) {
        refuse(why);
    }
    if (asked.isEmpty()) {
        return results.front();
    }
    bool isNumber = false;
    const int number = asked.toInt(&isNumber);
    if (isNumber && number >= 1 && number <= results.size()) {
        return results[number - 1];
    }
    for (const sdk::ResultSpec& spec : results) {
        if (spec.title == asked) {
            return spec;
        }
    }
    refuse(QStringLiteral("no result '%1' in a %2 %3 run; its results are %4")
               .arg(asked, run.moduleId, run.action, resultList(results)));
}

void exportMapResult(const sdk::ResultSpec& spec, const QString& outputs,
                     const ResultExportRequest& request) {
    FigureRequest figure = mapResultFigureRequest(spec, outputs, request.size);
    figure.outputPath = request.outputPath;
    exportFigure(figure);
}

} // namespace

void exportResult(const ResultExportRequest& request) {
    const QString directory = resolveRunDirectory(request.run);
    runs::RunSpec run;
    try {
        run = runs::RunDirectory::open(directory).spec();
    } catch (const std::exception& error) {
        refuse(QStringLiteral("run %1: %2").arg(request.run, QString::fromUtf8(error.what())));
    }
    const sdk::ResultSpec spec = chooseResult(run, request.result);
    const QString outputs = QDir(directory).filePath(QStringLiteral("outputs"));
    const AnswerKind* kind = answerKind(spec.kind);
    if (kind == nullptr) {
        refuse(QStringLiteral("result kind '%1' has no view").arg(spec.kind));
    }
    if (kind->shownInWorkspace) {
        exportMapResult(spec, outputs, request);
        return;
    }
    ResultAnswer answer;
    try {
        answer = readResultAnswer(spec, outputs);
    } catch (const std::exception& error) {
        refuse(QString::fromUtf8(error.what()));
    }
    // The page draws into widgets that are never shown: each kind's figure export renders a
    // scene of its own offscreen.
    AnswerView view;
    view.resize(request.size);
    try {
        view.showAnswer(answer.kind, answer.answer, false);
        view.addNote(answer.note, answer.noteReplacesCaption);
        exportAnswerFigure(view, request.outputPath, request.size);
    } catch (const FigureExportError&) {
        throw;
    } catch (const std::exception& error) {
        refuse(QString::fromUtf8(error.what()));
    }
}

} // namespace twins::app
