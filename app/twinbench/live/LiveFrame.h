#pragma once

#include "twinbench/viz/MapProjection.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace twins::data {
struct FieldSlice;
}

namespace twins::app {

// One in-situ extract read for the live cell: a field of it as a 2-D slice, the point sets it
// carries with latitude and longitude columns (storms, detections), and what else it offers.
struct LiveFrame {
    QString path;
    std::int64_t step = 0;
    // The extract's fields (variables on time plus two or three axes), in file order.
    QStringList variables;
    QString variable; // the one read
    std::shared_ptr<const data::FieldSlice> field;
    // "2017-09-06 12:00 (standard)" from the extract's CF time; empty when it is not a date.
    QString timeLabel;
    // For a 3-D field: the middle of its first axis is shown, e.g. "layer 1 of 3".
    QString depthLabel;
    std::vector<viz::GeoPoint> points;
    QString error; // names the file and what is wrong; the other members are then unset
};

// Reads `variable` of the extract (its first field when empty or absent) on the thread pool.
// The file goes through the same untrusted-file probe as every file the GUI opens
// (support/FileLoading.h). An extract removed by the run's retention limit before it was read
// comes back with an error saying so.
LiveFrame readLiveFrame(const QString& path, std::int64_t step, const QString& variable);

} // namespace twins::app
