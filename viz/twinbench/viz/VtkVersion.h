#pragma once

#include <string>

namespace twins::viz {
// Version of the VTK library this process runs with.
std::string vtkLibraryVersion();
// Initialises resources and VTK's OpenGL defaults; call before constructing QApplication.
void prepareOpenGLBeforeApplication();
} // namespace twins::viz
