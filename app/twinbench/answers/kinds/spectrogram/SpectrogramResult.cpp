// spectrogram result files (NetCDF/HDF5: frames over (time or phase) x frequency, e.g. the
// pulsar twin's frames.nc) converted into the `spectrogram` answer convention: one frame, its
// axes from the CF coordinate variables, and an optional mask drawn over it.
#include "answers/ResultDataset.h"
#include "answers/kinds/spectrogram/SpectrogramAnswer.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/Dataset.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>

namespace twins::app {

namespace {

bool isFrequencyUnit(const std::string& units) {
    static const QStringList frequencyUnits{"Hz", "kHz", "MHz", "GHz"};
    return frequencyUnits.contains(QString::fromStdString(units).trimmed());
}

// The frequency dimension: the option's, else the one whose coordinate has frequency units,
// else the one whose name says frequency.
int frequencyDimension(const data::Dataset& dataset, const data::DatasetVariable& variable,
                       const std::vector<int>& frameDimensions, const QString& option,
                       const QString& file) {
    for (const int dimension : frameDimensions) {
        const std::string& name = variable.dimensions[static_cast<std::size_t>(dimension)];
        if (!option.isEmpty()) {
            if (QString::fromStdString(name) == option) {
                return dimension;
            }
            continue;
        }
        const data::DatasetVariable* coordinate = dataset.coordinateVariable(variable, name);
        if (coordinate != nullptr && isFrequencyUnit(coordinate->units())) {
            return dimension;
        }
    }
    if (option.isEmpty()) {
        for (const int dimension : frameDimensions) {
            if (QString::fromStdString(variable.dimensions[static_cast<std::size_t>(dimension)])
                    .contains(QStringLiteral("freq"), Qt::CaseInsensitive)) {
                return dimension;
            }
        }
    }
    refuseResult(file,
                 option.isEmpty()
                     ? QStringLiteral("'%1' has no frequency dimension (a coordinate in Hz, kHz, "
                                      "MHz or GHz, or options.frequency_dimension)")
                           .arg(QString::fromStdString(variable.name))
                     : QStringLiteral("'%1' has no dimension '%2' (options.frequency_dimension)")
                           .arg(QString::fromStdString(variable.name), option));
}

struct AxisValues {
    QString name;
    QString units;
    double start = 0.0; // edge of the first cell
    double step = 1.0;  // mean spacing; a coordinate that is not evenly spaced is drawn evenly
};

AxisValues axisOf(const data::Dataset& dataset, const data::DatasetVariable& variable,
                  int dimension) {
    const std::string& name = variable.dimensions[static_cast<std::size_t>(dimension)];
    const std::size_t length = variable.shape[static_cast<std::size_t>(dimension)];
    AxisValues axis;
    axis.name = QString::fromStdString(name);
    axis.start = -0.5;
    const data::DatasetVariable* coordinate = dataset.coordinateVariable(variable, name);
    if (coordinate == nullptr || !coordinate->isNumeric()) {
        return axis; // cell indices
    }
    const std::vector<double> values = dataset.readDecoded(*coordinate);
    if (values.empty() || !std::isfinite(values.front()) || !std::isfinite(values.back())) {
        return axis;
    }
    axis.units = QString::fromStdString(coordinate->units());
    const std::string longName = coordinate->longName();
    if (!longName.empty()) {
        axis.name = QString::fromStdString(longName);
    }
    axis.step =
        length > 1 ? (values.back() - values.front()) / static_cast<double>(length - 1) : 1.0;
    if (axis.step == 0.0) {
        axis.step = 1.0;
    }
    axis.start = values.front() - 0.5 * axis.step;
    return axis;
}

// The frame of `variable` as values[channel * bins + bin].
std::vector<double> frameValues(const data::Dataset& dataset, const data::DatasetVariable& variable,
                                int frameDimension, std::size_t frame, int frequency, int bins,
                                int channels) {
    data::Hyperslab slab;
    for (std::size_t axis = 0; axis < variable.rank(); ++axis) {
        const bool isFrame = static_cast<int>(axis) == frameDimension;
        slab.start.push_back(isFrame ? frame : 0);
        slab.count.push_back(isFrame ? 1 : variable.shape[axis]);
    }
    const std::vector<double> read = dataset.readDecoded(variable, slab);
    // The slab is in the file's order: frequency first (channels x bins) or last (bins x
    // channels); the waterfall wants channels x bins.
    const bool frequencyFirst = [&] {
        for (std::size_t axis = 0; axis < variable.rank(); ++axis) {
            if (static_cast<int>(axis) != frameDimension) {
                return static_cast<int>(axis) == frequency;
            }
        }
        return true;
    }();
    if (frequencyFirst) {
        return read;
    }
    std::vector<double> values(read.size());
    for (int bin = 0; bin < bins; ++bin) {
        for (int channel = 0; channel < channels; ++channel) {
            values[static_cast<std::size_t>(channel) * bins + bin] =
                read[static_cast<std::size_t>(bin) * channels + channel];
        }
    }
    return values;
}

} // namespace

ResultAnswer spectrogramAnswer(const sdk::ResultSpec& spec, const QString& path) {
    const QString file = QFileInfo(path).fileName();
    try {
        const ResultVariable opened =
            openResultVariable(spec, path, QStringLiteral("a spectrogram"));
        const data::Dataset* dataset = opened.dataset.get();
        const data::DatasetVariable* variable = opened.variable;
        if (variable->rank() != 2 && variable->rank() != 3) {
            refuseResult(file,
                         QStringLiteral("'%1' has %2 dimension(s): expected frequency and time "
                                        "or phase, optionally after a frame dimension")
                             .arg(spec.variable)
                             .arg(variable->rank()));
        }
        // A stack of frames: the first dimension is the frame; options.frame picks one.
        const int frameDimension = variable->rank() == 3 ? 0 : -1;
        const auto frames = frameDimension == 0 ? variable->shape[0] : std::size_t{1};
        const int frameOption = spec.options.value(QStringLiteral("frame")).toInt(0);
        if (frameOption < 0 || static_cast<std::size_t>(frameOption) >= frames) {
            refuseResult(file, QStringLiteral("frame %1 of '%2', which has %3 frame(s)")
                                   .arg(frameOption)
                                   .arg(spec.variable)
                                   .arg(frames));
        }
        std::vector<int> frameDimensions;
        for (int axis = frameDimension + 1; axis < static_cast<int>(variable->rank()); ++axis) {
            frameDimensions.push_back(axis);
        }
        const int frequency = frequencyDimension(
            *dataset, *variable, frameDimensions,
            spec.options.value(QStringLiteral("frequency_dimension")).toString(), file);
        const int bin = frameDimensions[0] == frequency ? frameDimensions[1] : frameDimensions[0];

        viz::SpectrogramData data;
        data.bins = static_cast<int>(variable->shape[static_cast<std::size_t>(bin)]);
        data.channels = static_cast<int>(variable->shape[static_cast<std::size_t>(frequency)]);
        const AxisValues binAxis = axisOf(*dataset, *variable, bin);
        const AxisValues frequencyAxis = axisOf(*dataset, *variable, frequency);
        data.binName = binAxis.name;
        data.binUnits = binAxis.units;
        data.binStart = binAxis.start;
        data.binStep = std::abs(binAxis.step);
        data.frequencyName = frequencyAxis.name;
        data.frequencyUnits = frequencyAxis.units;
        data.frequencyStart = frequencyAxis.start;
        data.frequencyStep = frequencyAxis.step;
        data.valueName = QString::fromStdString(
            variable->longName().empty() ? variable->name : variable->longName());
        data.valueUnits =
            spec.units.isEmpty() ? QString::fromStdString(variable->units()) : spec.units;
        const std::vector<double> values =
            frameValues(*dataset, *variable, frameDimension, static_cast<std::size_t>(frameOption),
                        frequency, data.bins, data.channels);
        data.values.assign(values.begin(), values.end());

        // The mask: a variable of the same shape, in this file or another output of the run.
        const QString maskVariable = spec.options.value(QStringLiteral("mask_variable")).toString();
        if (!maskVariable.isEmpty()) {
            const QString maskOutput = spec.options.value(QStringLiteral("mask_output")).toString();
            const QString maskPath =
                maskOutput.isEmpty() ? path : QFileInfo(path).dir().filePath(maskOutput);
            const auto maskDataset =
                maskOutput.isEmpty() ? nullptr : data::openDataset(maskPath.toStdString());
            const data::Dataset& source = maskDataset ? *maskDataset : *dataset;
            const data::DatasetVariable* mask = source.findVariable(maskVariable.toStdString());
            if (mask == nullptr || mask->shape != variable->shape) {
                refuseResult(QFileInfo(maskPath).fileName(),
                             QStringLiteral("no mask variable '%1' shaped like '%2' "
                                            "(options.mask_variable)")
                                 .arg(maskVariable, spec.variable));
            }
            const std::vector<double> maskValues =
                frameValues(source, *mask, frameDimension, static_cast<std::size_t>(frameOption),
                            frequency, data.bins, data.channels);
            data.mask.resize(maskValues.size());
            for (std::size_t i = 0; i < maskValues.size(); ++i) {
                data.mask[i] = std::isfinite(maskValues[i]) && maskValues[i] >= 0.5 ? 1 : 0;
            }
            data.maskName = spec.options.value(QStringLiteral("mask_name")).toString(maskVariable);
        }
        QString title = spec.title.isEmpty() ? file : spec.title;
        if (frames > 1) {
            title += QStringLiteral(", frame %1 of %2").arg(frameOption + 1).arg(frames);
        }
        data.title = title;
        try {
            viz::validateSpectrogram(data);
        } catch (const viz::SpectrogramError& error) {
            refuseResult(file, QString::fromUtf8(error.what()));
        }
        return {QStringLiteral("spectrogram"), spectrogramAnswerJson(data, title), {}};
    } catch (const data::DataError& error) {
        refuseResult(file, QString::fromStdString(error.reason()));
    }
}

} // namespace twins::app
