#pragma once

#include <QString>
#include <QStringList>

namespace twins::app {

// The ParaView desktop application, for "Open in ParaView" on Catalyst extracts. Candidates, in
// order: $TWINBENCH_PARAVIEW (a file) alone when set; `paraview` on PATH; the build tree's
// unpacked prefix (catalyst/unpack-paraview.sh), whose binary needs Debian's Qt 5 libraries
// (libqt5help5 among them) that the prefix does not carry. A candidate counts only when
// `paraview --version` runs: a binary that cannot start is reported with its own error, never
// offered.
struct ParaViewProgram {
    QString path;    // empty: none usable
    QString version; // "paraview version 5.11.0"
    // Why there is none: the places looked in and, for a binary that did not start, its error.
    QString problem;
};

// Starts each candidate with --version (up to 20 s each): call it off the GUI thread.
ParaViewProgram findParaViewProgram();

QStringList paraViewCandidates();

// ParaView's arguments opening these data files: a numbered series ("drivers_3.pvti",
// "drivers_7.pvti") as one time series by ParaView's "--data=drivers_..pvti" pattern, every
// other file by itself.
QStringList paraViewArguments(const QStringList& dataFiles);

} // namespace twins::app
