#pragma once

#include <QString>
#include <QStringList>

namespace twins::insitu {

// The ParaView Catalyst adaptor is a shared library of its own (libtwinbench_catalyst.so),
// linked to ParaView 5.11's legacy Catalyst and loaded by the worker only, on demand: ParaView
// carries VTK 9.2, which must never meet the GUI's VTK 9.1 (DESIGN.md). See README.md beside
// this file for what was measured about loading it into the worker.

// Where the worker looks for the adaptor: $TWINBENCH_CATALYST_ADAPTOR alone when set (a file),
// otherwise <executable>/../lib/twinbench/ and the build tree's catalyst/.
QStringList catalystAdaptorCandidates();

// The first candidate that exists, or an empty string.
QString findCatalystAdaptor();

// The adaptor's path; throws SdkError saying why insitu=catalyst cannot run in this worker when
// there is none (the places looked in, and that insitu=extracts works without it).
QString requireCatalystAdaptor();

} // namespace twins::insitu
