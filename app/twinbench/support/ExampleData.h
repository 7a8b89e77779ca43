#pragma once

#include <QString>

namespace twins::app {

// Where the embedded example lives: <user data dir>/examples/synthetic_surface_v2.nc.
QString exampleDatasetPath();
// Generates the example if it is missing (about a second; call off the GUI thread). Returns
// the path, or throws twins::data::DataError when it cannot be written.
QString ensureExampleDataset();

} // namespace twins::app
