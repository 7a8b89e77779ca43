#pragma once

#include <QString>

namespace twins::app {

// Which files the views open as datasets, by name, before anything is read: NetCDF, HDF5,
// GeoTIFF files and Zarr stores (directories named *.zarr). The format itself is detected from
// the content when the file is opened; names only decide what is offered or listed.

// True for a dataset file by suffix, or a Zarr store (named *.zarr); by name only, no I/O.
bool isDatasetPath(const QString& path);
// The Zarr store around a path inside one ("out/x.zarr/t2m/0.0" -> "out/x.zarr"), else empty.
QString zarrStoreOf(const QString& path);
// True for a store's own metadata files (.zgroup, .zarray, .zmetadata): picking one in a file
// dialog means the store around it.
bool isZarrMetadataFile(const QString& path);
// The Open dialog's filters.
QString datasetOpenFilter();

} // namespace twins::app
