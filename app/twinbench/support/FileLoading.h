#pragma once

#include "twinbench/widgets/TimeSlider.h"

#include <QString>

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace twins::data {
class Dataset;
struct DatasetVariable;
struct FieldSlice;
} // namespace twins::data

namespace twins::app {

// Results of work done on the thread pool; exactly one of the value and error is set.
struct OpenedFile {
    QString path;
    std::shared_ptr<const data::Dataset> dataset;
    QString error;
    QString notice; // shown beside the opened file, e.g. that a URL was opened offline
};

struct LoadedField {
    QString path;
    QString variable; // as asked for: short name or full path
    std::map<std::string, std::size_t> indices;
    std::shared_ptr<const data::FieldSlice> field;
    // The dimensions beyond the last two, with their labels; filled only when asked for (the
    // first read of a variable), since decoding a long time axis on every step is waste.
    std::vector<widgets::SliceDimension> sliceDimensions;
    bool sliceDimensionsDescribed = false;
    QString error;
};

// Both run off the GUI thread (QtConcurrent) and never throw: failures become error texts
// that name the file, the variable and the reason. Any format Dataset::open detects opens.
// A file not known to read without a crash is first probed in a separate process
// (twins/data FileProbe.h); one that crashes or hangs the libraries there is refused.
OpenedFile openFileInBackground(const QString& path);
LoadedField readFieldInBackground(std::shared_ptr<const data::Dataset> dataset,
                                  const QString& variable,
                                  const std::map<std::string, std::size_t>& indices,
                                  bool describeDimensions);

// The dimensions before the last two, labelled from their coordinate variables: CF time
// coordinates decode to "YYYY-MM-DD HH:MM (calendar)", others to "value units". A coordinate
// that cannot be decoded leaves its labels empty (the slider then shows indices).
std::vector<widgets::SliceDimension> describeSliceDimensions(const data::Dataset& dataset,
                                                             const data::DatasetVariable& variable);

} // namespace twins::app
