#pragma once

#include <string>

namespace twins::insitu::catalyst {

// The two fixes the in-process probe found necessary (twins/insitu/README.md, "Catalyst:
// measured"). Both return an empty string on success, else why they failed.

// The adaptor is dlopened RTLD_LOCAL, so the libpython that ParaView's libraries bring in is
// not in the global scope, and every Python extension module then fails to load ("undefined
// symbol: _Py_NoneStruct"). Re-opens that libpython, already loaded, with RTLD_GLOBAL.
std::string promoteLibpythonToGlobalScope();

// Runs right after vtkCPProcessor::Initialize() started the interpreter, before anything
// imports vtkmodules: puts ParaView's dist-packages (pythonDir) first in sys.path, because
// vtkPythonInterpreter puts the system's dist-packages first, where python3-vtk9 (VTK 9.1)
// would be imported beside ParaView's VTK 9.2 and crash. With a liveUrl (HOST:PORT), turns
// Catalyst Live on for the script whatever its own options say, by wrapping the step where
// ParaView validates a script and hands its options to the pipeline.
std::string prepareInterpreter(const std::string& pythonDir, const std::string& liveUrl);

} // namespace twins::insitu::catalyst
