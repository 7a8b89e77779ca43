#pragma once

#include <QString>

#include <string>

// How infer, project and the what_if query recognise what they are given: a trained model
// (a train run's outputs/ with fire_net.pt and fire_net.json) or a cube (a generate run's
// outputs/ holding cube.nc or cube.zarr, or the file itself).
namespace wildfire {

// True when `input` is a directory holding a trained network.
bool isModelInput(const QString& input);

// The cube file `input` names (cube.nc, then cube.zarr inside a directory; an existing .nc or
// .zarr as is), or "" when it names none.
std::string cubePathOf(const QString& input);

} // namespace wildfire
