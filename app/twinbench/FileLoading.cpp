#include "FileLoading.h"

#include "twinbench/data/CfGrid.h"
#include "twinbench/data/CfTime.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/LongitudeView.h"

#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <new>
#include <optional>

namespace twins::app {

namespace {

struct DisplayAxis {
    std::string name;
    std::string units;
    std::vector<double> values; // ascending as drawn
    bool descending = false;    // the file stores it descending: flip when drawing
    std::optional<data::LongitudeView> longitudeView;
};

// Coordinate values of a displayed dimension: its CF coordinate variable when it is numeric,
// finite and monotonic, else 0..n-1 (the view then labels the axis with the dimension name).
DisplayAxis readDisplayAxis(const data::Dataset& dataset, const data::DatasetVariable& variable,
                            std::size_t dimensionIndex) {
    const std::string& dimension = variable.dimensions[dimensionIndex];
    const std::size_t length = variable.shape[dimensionIndex];
    DisplayAxis axis;
    axis.name = dimension;
    const data::DatasetVariable* coordinate = dataset.coordinateVariable(variable, dimension);
    if (coordinate != nullptr && coordinate->isNumeric() && coordinate->rank() == 1 &&
        coordinate->shape[0] == length) {
        std::vector<double> values = dataset.readDecoded(*coordinate);
        const bool allFinite = std::all_of(values.begin(), values.end(),
                                           [](double value) { return std::isfinite(value); });
        bool ascending = allFinite;
        bool descending = allFinite && length > 1;
        for (std::size_t i = 1; i < length && (ascending || descending); ++i) {
            ascending = ascending && values[i] > values[i - 1];
            descending = descending && values[i] < values[i - 1];
        }
        if (ascending || descending) {
            axis.units = coordinate->units();
            axis.descending = descending;
            if (descending) {
                std::reverse(values.begin(), values.end());
            }
            // 0..360 longitudes are drawn as -180..180 so that maps look like maps everyone
            // knows (Europe and Africa in the middle, the Americas on the left).
            if (!descending && data::isLongitude(*coordinate)) {
                axis.longitudeView = data::LongitudeView::detect(values);
                if (axis.longitudeView) {
                    values = axis.longitudeView->longitudes();
                }
            }
            axis.values = std::move(values);
            return axis;
        }
        // A non-monotonic or partly missing coordinate cannot place the grid; fall back to
        // indices rather than draw a scrambled picture.
    }
    axis.values.resize(length);
    for (std::size_t i = 0; i < length; ++i) {
        axis.values[i] = static_cast<double>(i);
    }
    return axis;
}

QString formatCoordinateValue(double value, const std::string& units) {
    QString text =
        std::isfinite(value) ? QString::number(value, 'g', 6) : QStringLiteral("missing");
    if (!units.empty()) {
        text += QLatin1Char(' ') + QString::fromStdString(units);
    }
    return text;
}

// "2017-09-06 12:00 (noleap)": seconds only when they are not zero (model output rarely has
// any), the calendar always, because the same numbers mean other dates in other calendars.
QString formatDate(const data::CfDateTime& date, data::CfCalendar calendar) {
    std::string text = data::formatCfDateTime(date);
    if (date.second == 0 && date.microsecond == 0) {
        text.erase(text.size() - 3); // ":00"
    }
    return QString::fromStdString(text + " (" + data::cfCalendarName(calendar) + ")");
}

QString errorText(const std::exception& error) {
    return QString::fromStdString(error.what());
}

} // namespace

data::FieldSlice readDisplayField(const data::Dataset& dataset,
                                  const data::DatasetVariable& variable,
                                  const std::map<std::string, std::size_t>& indices) {
    const std::size_t rank = variable.rank();
    if (rank < 2) {
        throw data::DataError(dataset.path(), variable.path,
                              "has " + std::to_string(rank) +
                                  " dimension(s); a map needs at least 2 (y, x)");
    }
    if (!variable.isNumeric()) {
        throw data::DataError(dataset.path(), variable.path,
                              "holds " + variable.typeName + " values, not numbers to colour");
    }
    const std::size_t height = variable.shape[rank - 2];
    const std::size_t width = variable.shape[rank - 1];
    if (width == 0 || height == 0) {
        throw data::DataError(dataset.path(), variable.path, "is empty (a dimension has length 0)");
    }

    data::FieldSlice slice;
    slice.path = dataset.path();
    slice.variable = variable.name;
    slice.longName = variable.longName();
    slice.units = variable.units();
    slice.width = width;
    slice.height = height;

    data::Hyperslab slab;
    slab.start.assign(rank, 0);
    slab.count.assign(rank, 1);
    for (std::size_t axis = 0; axis + 2 < rank; ++axis) {
        const std::string& dimension = variable.dimensions[axis];
        const auto chosen = indices.find(dimension);
        const std::size_t index = chosen == indices.end() ? 0 : chosen->second;
        if (index >= variable.shape[axis]) {
            throw data::DataError(dataset.path(), variable.path,
                                  "index " + std::to_string(index) +
                                      " is out of range for dimension '" + dimension +
                                      "' of length " + std::to_string(variable.shape[axis]));
        }
        slab.start[axis] = index;
        slice.fixedIndices.emplace_back(dimension, index);
    }
    slab.count[rank - 2] = height;
    slab.count[rank - 1] = width;

    DisplayAxis xAxis = readDisplayAxis(dataset, variable, rank - 1);
    DisplayAxis yAxis = readDisplayAxis(dataset, variable, rank - 2);
    const std::vector<double> decoded =
        xAxis.longitudeView ? xAxis.longitudeView->readDecoded(dataset, variable, slab, rank - 1)
                            : dataset.readDecoded(variable, slab);

    slice.values.resize(width * height);
    double minimum = std::numeric_limits<double>::infinity();
    double maximum = -std::numeric_limits<double>::infinity();
    for (std::size_t row = 0; row < height; ++row) {
        const std::size_t sourceRow = yAxis.descending ? height - 1 - row : row;
        for (std::size_t column = 0; column < width; ++column) {
            const std::size_t sourceColumn = xAxis.descending ? width - 1 - column : column;
            const double value = decoded[sourceRow * width + sourceColumn];
            slice.values[row * width + column] = static_cast<float>(value);
            if (std::isfinite(value)) {
                minimum = std::min(minimum, value);
                maximum = std::max(maximum, value);
                ++slice.finiteCount;
            }
        }
    }
    if (slice.finiteCount > 0) {
        slice.minimum = minimum;
        slice.maximum = maximum;
    }
    slice.xName = xAxis.name;
    slice.yName = yAxis.name;
    slice.xUnits = xAxis.units;
    slice.yUnits = yAxis.units;
    slice.x = std::move(xAxis.values);
    slice.y = std::move(yAxis.values);
    return slice;
}

std::vector<widgets::SliceDimension>
describeSliceDimensions(const data::Dataset& dataset, const data::DatasetVariable& variable) {
    std::vector<widgets::SliceDimension> dimensions;
    for (std::size_t axis = 0; axis + 2 < variable.rank(); ++axis) {
        widgets::SliceDimension dimension;
        dimension.name = QString::fromStdString(variable.dimensions[axis]);
        dimension.length = variable.shape[axis];
        const data::DatasetVariable* coordinate =
            dataset.coordinateVariable(variable, variable.dimensions[axis]);
        if (coordinate != nullptr && coordinate->isNumeric() && coordinate->rank() == 1 &&
            coordinate->shape[0] == dimension.length) {
            const std::vector<double> values = dataset.readDecoded(*coordinate);
            if (data::isTimeCoordinate(*coordinate)) {
                try {
                    const auto decoder =
                        data::CfTimeDecoder::forVariable(*coordinate, dataset.path());
                    for (double value : values) {
                        dimension.labels
                            << (std::isfinite(value)
                                    ? formatDate(decoder.decode(value), decoder.calendar())
                                    : QStringLiteral("missing"));
                    }
                } catch (const data::DataError&) {
                    // Bad units or calendar: the slider still steps by index; the Data dock
                    // shows the attributes, and inspect reports the reason.
                    dimension.labels.clear();
                }
            } else {
                for (double value : values) {
                    dimension.labels << formatCoordinateValue(value, coordinate->units());
                }
            }
        }
        dimensions.push_back(std::move(dimension));
    }
    return dimensions;
}

OpenedFile openFileInBackground(const QString& path) {
    OpenedFile result;
    result.path = QFileInfo(path).absoluteFilePath();
    try {
        result.dataset = data::openDataset(result.path.toStdString());
    } catch (const data::DataError& error) {
        result.error = QString::fromStdString(error.reason());
    } catch (const std::bad_alloc&) {
        result.error = QStringLiteral("not enough memory to read the file's header");
    } catch (const std::exception& error) {
        result.error = errorText(error);
    }
    return result;
}

LoadedField readFieldInBackground(std::shared_ptr<const data::Dataset> dataset,
                                  const QString& variable,
                                  const std::map<std::string, std::size_t>& indices,
                                  bool describeDimensions) {
    LoadedField result;
    result.path = QString::fromStdString(dataset->path());
    result.variable = variable;
    result.indices = indices;
    try {
        const data::DatasetVariable& info = dataset->variable(variable.toStdString());
        result.field =
            std::make_shared<const data::FieldSlice>(readDisplayField(*dataset, info, indices));
        if (describeDimensions) {
            result.sliceDimensions = describeSliceDimensions(*dataset, info);
            result.sliceDimensionsDescribed = true;
        }
    } catch (const data::DataError& error) {
        result.error = errorText(error);
    } catch (const std::bad_alloc&) {
        result.error = QStringLiteral("%1, variable '%2': not enough memory to read the slice")
                           .arg(result.path, variable);
    } catch (const std::exception& error) {
        result.error = errorText(error);
    }
    return result;
}

} // namespace twins::app
