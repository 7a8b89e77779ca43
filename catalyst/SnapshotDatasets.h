#pragma once

#include "twinbench/insitu/CatalystAbi.h"

#include <vtkDataObject.h>
#include <vtkSmartPointer.h>

#include <string>
#include <vector>

namespace twins::insitu::catalyst {

// One Catalyst input ("channel"): what a script's TrivialProducer(registrationName=NAME) gets.
struct Channel {
    std::string name;
    vtkSmartPointer<vtkDataObject> data;
    bool structured = false; // image data or rectilinear grid: wholeExtent applies
    int wholeExtent[6] = {0, -1, 0, -1, 0, -1};
};

// A snapshot's fields and point sets as VTK datasets (ParaView's VTK 9.2), copied:
// - the fields on the same axes share one grid, a channel named after the snapshot's stream
//   ("drivers": msl and vo_850 as point arrays); when fields lie on different axes, each axis
//   set is a channel <stream>_<axis>_<axis>... . The grid is a vtkImageData when every axis is
//   evenly spaced, else a vtkRectilinearGrid; x is the fastest (last) axis, in the axis' own
//   units (degrees for longitude and latitude); descending axes are flipped to ascending.
// - each point set is a vtkPolyData channel of its own name, one vertex per point, placed by
//   the columns that match the grid's axes by standard name or name (x from "lon" on a
//   longitude axis), every column also a point array.
// - the scalars are field data arrays of every channel.
// Throws std::invalid_argument naming the field, axis or column whose shape does not add up.
std::vector<Channel> snapshotChannels(const twinbench_catalyst_snapshot& snapshot);

} // namespace twins::insitu::catalyst
