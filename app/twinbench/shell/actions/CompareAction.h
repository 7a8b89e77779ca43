#pragma once

#include <QCoreApplication>

class QAction;
class QMenu;
class QWidget;

namespace twins::app {

class Comparison;
class Workspace;

// File > Compare...: asks for two runs' outputs or files and a variable (compare/CompareDialog)
// and shows A, B and A-B in three linked cells (compare/Comparison.h).
class CompareAction {
    Q_DECLARE_TR_FUNCTIONS(CompareAction)
public:
    // The action is named "compareAction".
    static QAction* addTo(QMenu& menu, QWidget& window, Workspace& workspace);
    // The static entry point tests call: starts the comparison and returns the object that
    // shows it (one per workspace; failures are reported through the workspace).
    static Comparison* start(Workspace& workspace, const QString& pathA, const QString& pathB,
                             const QString& variable);
};

} // namespace twins::app
