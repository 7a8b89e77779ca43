#include "support/FileLoading.h"

#include "twinbench/data/CfTime.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/FileProbe.h"
#include "twinbench/data/remote/RemoteUrl.h"
#include "twinbench/federation/BackendSettings.h"

#include <QFileInfo>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <new>

namespace twins::app {

namespace {

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

// Long enough for the first chunks of a large file on a slow network file system; a probe
// that takes longer is killed and the file reported as hanging the library.
constexpr std::chrono::seconds probeDeadline{30};

// Untrusted files never take the GUI down (FileProbe.h): a file this machine has not seen
// read without a crash is first read by `twinbench-run probe` in its own process. Empty when
// the GUI may read the file itself, else the message for the user.
// TWINBENCH_FILE_PROBE=off skips the probe: only for the first-frame bench's baseline.
// TWINBENCH_PROBE_CACHE names the cache of known-good files (tests and benches).
QString refusalByProbe(const QString& path) {
    if (qEnvironmentVariable("TWINBENCH_FILE_PROBE") == QLatin1String("off")) {
        return {};
    }
    const data::FileProbe::Result probe =
        data::FileProbe::check(federation::findWorkerExecutable(), path, probeDeadline,
                               qEnvironmentVariable("TWINBENCH_PROBE_CACHE"));
    switch (probe.outcome) {
    case data::FileProbe::Outcome::Ok:
    case data::FileProbe::Outcome::Unreadable: // the probe survived: the open reports why
        return {};
    case data::FileProbe::Outcome::Crashed:
    case data::FileProbe::Outcome::Hung:
    case data::FileProbe::Outcome::Failed: // not checked, so not read here
        return probe.message;
    }
    return probe.message;
}

QString errorText(const std::exception& error) {
    return QString::fromStdString(error.what());
}

} // namespace

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
    result.path = twins::data::remote::isRemoteUrl(path.toStdString())
                      ? path
                      : QFileInfo(path).absoluteFilePath();
    try {
        result.error = refusalByProbe(result.path);
        if (!result.error.isEmpty()) {
            return result;
        }
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
            std::make_shared<const data::FieldSlice>(data::readFieldSlice(*dataset, info, indices));
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
