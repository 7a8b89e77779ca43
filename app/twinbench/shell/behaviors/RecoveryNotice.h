#pragma once

#include "support/SessionGuard.h"

#include <vector>

class QMessageBox;
class QWidget;

namespace twins::app {

class RunService;

// After a session that ended without closing (SessionGuard.h): a non-modal notice over the
// window saying so, where its crash report is, and - once the Runs dock has listed the runs
// again from the registry and their backends - which runs were recovered and their states now.
// The same summary goes to the log (stderr). Returns the notice (objectName "recoveryNotice").
QMessageBox* showRecoveryNotice(QWidget* window, RunService* runs,
                                const std::vector<EndedSession>& uncleanEnds);

} // namespace twins::app
