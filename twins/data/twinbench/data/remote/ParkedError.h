#pragma once

// Errors raised inside a C library's callbacks (HDF5's file driver, GDAL's file system) must not
// unwind through the library's frames, and the library then reports only "cannot read". The
// callback parks the HttpError here (per thread: the library calls back on the thread that
// called it) and the remote backend rethrows it after the library call, so the user sees which
// URL failed and why.
#include "twinbench/data/remote/HttpError.h"

#include <optional>

namespace twins::data::remote {

void parkError(const HttpError& error);
void clearParkedError();
// Throws the parked error, if any, and clears it.
void rethrowParkedError();

} // namespace twins::data::remote
