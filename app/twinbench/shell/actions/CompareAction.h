#pragma once

#include <QCoreApplication>
#include <QStringList>

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

    // What a run offers for comparison: the output and variable of the first map result its
    // action declares, else its first dataset output (variable empty: the dialog asks). Empty
    // path when the run wrote no dataset.
    struct RunOutput {
        QString path;
        QString variable;
    };
    static RunOutput outputToCompare(const QString& runDirectory);
    // The Runs dock's "Compare with..." on a finished run: the dialog with that run's output
    // as A and, as B, the same output of the run chosen among `otherDirectories` (labelled by
    // `otherLabels`); accepted, the comparison starts.
    static void chooseForRun(QWidget& window, Workspace& workspace, const QString& runDirectory,
                             const QStringList& otherLabels, const QStringList& otherDirectories);
};

} // namespace twins::app
