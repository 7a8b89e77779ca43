#include "shell/actions/CompareAction.h"

#include "compare/CompareDialog.h"
#include "compare/Comparison.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>

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

} // namespace twins::app
