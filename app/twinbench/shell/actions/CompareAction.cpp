#include "shell/actions/CompareAction.h"

#include "answers/AnswerKinds.h"
#include "answers/ResultAnswers.h"
#include "answers/ResultFigure.h"
#include "compare/CompareDialog.h"
#include "compare/Comparison.h"
#include "support/DatasetFiles.h"
#include "twinbench/runs/RunDirectory.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

#include <algorithm>

namespace twins::app {

QAction* CompareAction::addTo(QMenu& menu, QWidget& window, Workspace& workspace) {
    QAction* action = menu.addAction(tr("&Compare..."));
    action->setObjectName(QStringLiteral("compareAction"));
    action->setToolTip(tr("Show two runs or files as A, B and A − B in three linked views"));
    QObject::connect(action, &QAction::triggered, &workspace, [&window, &workspace] {
        // The active cell's file first, then the other open ones.
        QStringList files;
        QString variable;
        if (const ShownVariable* shown = workspace.grid()->shownIn(workspace.activeView())) {
            files << shown->path;
            variable = shown->variable;
        }
        for (viz::FieldView* view : workspace.views()) {
            if (const ShownVariable* shown = workspace.grid()->shownIn(view);
                shown != nullptr && !files.contains(shown->path) &&
                QFileInfo::exists(shown->path)) {
                files << shown->path;
            }
        }
        CompareDialog dialog(files, variable, &window);
        if (dialog.exec() == QDialog::Accepted) {
            start(workspace, dialog.pathA(), dialog.pathB(), dialog.variable());
        }
    });
    return action;
}

Comparison* CompareAction::start(Workspace& workspace, const QString& pathA, const QString& pathB,
                                 const QString& variable) {
    auto* comparison = workspace.findChild<Comparison*>();
    if (comparison == nullptr) {
        comparison = new Comparison(workspace);
    }
    comparison->start(pathA, pathB, variable);
    return comparison;
}

CompareAction::RunOutput CompareAction::outputToCompare(const QString& runDirectory) {
    const QString outputs = QDir(runDirectory).filePath(QStringLiteral("outputs"));
    try {
        const runs::RunSpec spec = runs::RunDirectory::open(runDirectory).spec();
        QString why;
        for (const sdk::ResultSpec& result : declaredResults(spec.moduleId, spec.action, &why)) {
            const AnswerKind* kind = answerKind(result.kind);
            const QString path = resultOutputPath(result, outputs);
            if (kind != nullptr && kind->shownInWorkspace && QFileInfo::exists(path)) {
                return {path, result.variable};
            }
        }
    } catch (const std::exception&) {
        // No readable spec: the outputs themselves say what there is.
    }
    QStringList datasets;
    QDirIterator it(outputs, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        if (const QString path = it.next(); isDatasetPath(path)) {
            datasets << path;
        }
    }
    std::sort(datasets.begin(), datasets.end());
    return {datasets.value(0), QString()};
}

void CompareAction::chooseForRun(QWidget& window, Workspace& workspace, const QString& runDirectory,
                                 const QStringList& otherLabels,
                                 const QStringList& otherDirectories) {
    const RunOutput a = outputToCompare(runDirectory);
    if (a.path.isEmpty()) {
        QMessageBox::information(
            &window, tr("Compare"),
            tr("The run %1 wrote no dataset to compare.").arg(QFileInfo(runDirectory).fileName()));
        return;
    }
    // B: the same file of the other run (its outputs/ mirror this run's when the twin and
    // action are the same); else that run's own first output.
    const QString relative =
        QDir(QDir(runDirectory).filePath(QStringLiteral("outputs"))).relativeFilePath(a.path);
    QStringList otherPaths;
    for (const QString& directory : otherDirectories) {
        const QString same = QDir(directory).filePath(QStringLiteral("outputs/") + relative);
        otherPaths << (QFileInfo::exists(same) ? same : outputToCompare(directory).path);
    }
    CompareDialog dialog({a.path, otherPaths.value(0)}, a.variable, &window);
    dialog.offerRuns(otherLabels, otherPaths);
    if (dialog.exec() == QDialog::Accepted) {
        start(workspace, dialog.pathA(), dialog.pathB(), dialog.variable());
    }
}

} // namespace twins::app
