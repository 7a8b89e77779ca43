#pragma once

#include <QCoreApplication>

class QMenu;
class QObject;

namespace twins::app {

class Workspace;

// File > Open Example Dataset: the embedded example (written on first use) with t2m shown.
class OpenExampleAction {
    Q_DECLARE_TR_FUNCTIONS(OpenExampleAction)
public:
    static void addTo(QMenu& menu, QObject& context, Workspace& workspace);
    // The static entry point tests and the command line (`twinbench --example`) call.
    static void start(Workspace& workspace);
};

} // namespace twins::app
