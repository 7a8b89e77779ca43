#pragma once

#include "ProcessRun.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#ifndef TWINBENCH_GUI_EXECUTABLE
#error "TWINBENCH_GUI_EXECUTABLE must name the twinbench executable"
#endif

// The twinbench executable in scripted mode (--export-figure, --export-report), as the figure,
// uncertainty, animation and report tests run it: its exit code and what it printed on stderr.
namespace twins::testing {

struct Run {
    int exitCode = -1; // -1 when it did not start, crashed or timed out
    QString standardError;
};

inline Run
runTwinbench(const QStringList& arguments,
             const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    const ProcessOutcome outcome =
        runProcess(QStringLiteral(TWINBENCH_GUI_EXECUTABLE), arguments, 120000, environment);
    return {outcome.exitCode, outcome.errors};
}

} // namespace twins::testing
