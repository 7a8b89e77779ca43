#include "live/LiveFrame.h"

#include "support/FileLoading.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/MapFieldMesh.h"

#include <QFileInfo>

#include <exception>
#include <map>
#include <numeric>
#include <string>

namespace twins::app {

namespace {

bool isField(const data::DatasetVariable& variable) {
    return variable.isNumeric() && (variable.rank() == 3 || variable.rank() == 4) &&
           variable.dimensions.front() == "time";
}

// Point sets: a latitude and a longitude column (CF standard names) on the same dimension that
// is not a grid axis (the ExtractWriter's "<set>_<column>" variables).
std::vector<viz::GeoPoint> readPoints(const data::Dataset& dataset) {
    std::vector<viz::GeoPoint> points;
    const auto variables = dataset.variables();
    for (const data::DatasetVariable* latitude : variables) {
        if (latitude->rank() != 1 || latitude->text("standard_name") != "latitude" ||
            latitude->dimensions.front() == latitude->name || latitude->shape.front() == 0) {
            continue;
        }
        for (const data::DatasetVariable* longitude : variables) {
            if (longitude->rank() == 1 && longitude->text("standard_name") == "longitude" &&
                longitude->dimensions == latitude->dimensions) {
                const std::vector<double> lat = dataset.readDecoded(*latitude);
                const std::vector<double> lon = dataset.readDecoded(*longitude);
                for (std::size_t index = 0; index < lat.size() && index < lon.size(); ++index) {
                    points.push_back({lon[index], lat[index]});
                }
                break;
            }
        }
    }
    return points;
}

// A field off the map whose two axes are in different units (phase in degrees against
// frequency in GHz) would be drawn in those units, a 600-degree-wide sliver 0.6 high: it is
// drawn on its indices instead, its axes renamed so the cursor says so.
std::shared_ptr<const data::FieldSlice>
drawableOffTheMap(std::shared_ptr<const data::FieldSlice> field) {
    if (viz::isLonLatField(*field) || field->xUnits == field->yUnits) {
        return field;
    }
    auto indexed = std::make_shared<data::FieldSlice>(*field);
    std::iota(indexed->x.begin(), indexed->x.end(), 0.0);
    std::iota(indexed->y.begin(), indexed->y.end(), 0.0);
    indexed->xName += " index";
    indexed->yName += " index";
    indexed->xUnits.clear();
    indexed->yUnits.clear();
    return indexed;
}

} // namespace

LiveFrame readLiveFrame(const QString& path, std::int64_t step, const QString& variable) {
    LiveFrame frame;
    frame.path = path;
    frame.step = step;
    if (!QFileInfo::exists(path)) {
        frame.error = QStringLiteral("%1 is gone: the run keeps only its newest extracts "
                                     "(insitu_keep)")
                          .arg(path);
        return frame;
    }
    const OpenedFile opened = openFileInBackground(path);
    if (!opened.error.isEmpty()) {
        frame.error = QStringLiteral("%1: %2").arg(path, opened.error);
        return frame;
    }
    try {
        const data::Dataset& dataset = *opened.dataset;
        const data::DatasetVariable* chosen = nullptr;
        for (const data::DatasetVariable* candidate : dataset.variables()) {
            if (!isField(*candidate)) {
                continue;
            }
            const QString name = QString::fromStdString(candidate->name);
            frame.variables << name;
            if (chosen == nullptr || name == variable) {
                chosen = candidate; // the first field, unless the asked one comes later
            }
        }
        if (chosen == nullptr) {
            frame.error = QStringLiteral("%1 holds no field (a variable on time and two or "
                                         "three axes)")
                              .arg(path);
            return frame;
        }
        frame.variable = QString::fromStdString(chosen->name);
        std::map<std::string, std::size_t> indices;
        if (chosen->rank() == 4) {
            // A volume: its middle along the first axis, as the slice.
            const std::size_t middle = chosen->shape[1] / 2;
            indices[chosen->dimensions[1]] = middle;
            frame.depthLabel = QStringLiteral("%1 %2 of %3")
                                   .arg(QString::fromStdString(chosen->dimensions[1]))
                                   .arg(middle + 1)
                                   .arg(chosen->shape[1]);
        }
        const LoadedField loaded =
            readFieldInBackground(opened.dataset, frame.variable, indices, true);
        if (!loaded.error.isEmpty()) {
            frame.error = loaded.error;
            return frame;
        }
        frame.field = drawableOffTheMap(loaded.field);
        // A date only: a step counted in "1" (blocks, frames) is already in the step number.
        const data::DatasetVariable* time = dataset.findVariable("time");
        if (time != nullptr && time->units().find(" since ") != std::string::npos &&
            !loaded.sliceDimensions.empty() && !loaded.sliceDimensions.front().labels.isEmpty()) {
            frame.timeLabel = loaded.sliceDimensions.front().labels.front();
        }
        frame.points = readPoints(dataset);
    } catch (const std::exception& error) {
        frame.error = QStringLiteral("%1: %2").arg(path, QString::fromUtf8(error.what()));
    }
    return frame;
}

} // namespace twins::app
