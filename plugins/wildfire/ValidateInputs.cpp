#include "ValidateInputs.h"

#include "DriverCube.h"
#include "ProbabilityFile.h"
#include "WildfireError.h"
#include "twinbench/data/CfTime.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>

namespace wildfire {

namespace {

using twins::sdk::SdkError;
const QString source = QStringLiteral("wildfire validate");
const QString expected =
    QStringLiteral("two inputs: a wildfire infer run (its id, outputs/ or burned_probability.nc) "
                   "and the generate run whose cube it predicted (its id, outputs/, cube.nc or "
                   "cube.zarr)");

} // namespace

ValidateInputs classifyValidateInputs(const QStringList& inputs) {
    if (inputs.size() != 2) {
        throw SdkError(
            source,
            QStringLiteral("got %1 input(s); expected %2").arg(inputs.size()).arg(expected));
    }
    ValidateInputs found;
    for (const QString& input : inputs) {
        const QFileInfo info(input);
        const QDir directory(input);
        std::string* slot = nullptr;
        QString path = input;
        if (info.isDir() && directory.exists(QStringLiteral("burned_probability.nc"))) {
            path = directory.filePath(QStringLiteral("burned_probability.nc"));
            slot = &found.probability;
        } else if (info.isDir() && directory.exists(QStringLiteral("cube.nc"))) {
            path = directory.filePath(QStringLiteral("cube.nc"));
            slot = &found.cube;
        } else if (info.isDir() && directory.exists(QStringLiteral("cube.zarr"))) {
            path = directory.filePath(QStringLiteral("cube.zarr"));
            slot = &found.cube;
        } else if (info.exists() && input.endsWith(QLatin1String("burned_probability.nc"))) {
            slot = &found.probability;
        } else if (info.exists() && (input.endsWith(QLatin1String(".nc")) ||
                                     input.endsWith(QLatin1String(".zarr")))) {
            slot = &found.cube;
        } else {
            throw SdkError(source, QStringLiteral("input %1 is neither burned probabilities nor a "
                                                  "cube; expected %2")
                                       .arg(input, expected));
        }
        if (!slot->empty()) {
            throw SdkError(source, QStringLiteral("inputs %1 and %2 are the same kind; expected %3")
                                       .arg(QString::fromStdString(*slot), path, expected));
        }
        *slot = path.toStdString();
    }
    return found;
}

std::string globalText(const twins::data::Dataset& dataset, const std::string& name) {
    for (const auto& attribute : dataset.root().attributes) {
        if (attribute.name == name && attribute.isText) {
            return attribute.text;
        }
    }
    return {};
}

std::pair<int, int> yearsAttribute(const std::string& text) {
    const QStringList parts = QString::fromStdString(text).split(QLatin1Char(' '));
    return parts.size() == 2 ? std::make_pair(parts[0].toInt(), parts[1].toInt())
                             : std::make_pair(0, 0);
}

ProbabilityReader::ProbabilityReader(const std::string& path)
    : dataset(twins::data::Dataset::open(path)) {
    mean = dataset->findVariable(ProbabilityFile::meanName);
    spread = dataset->findVariable(ProbabilityFile::spreadName);
    area = dataset->findVariable(ProbabilityFile::areaName);
    const auto* time = dataset->findVariable("time");
    if (mean == nullptr || spread == nullptr || time == nullptr || mean->shape.size() != 3) {
        throw WildfireError(path + " has no burned_probability and burned_probability_spread "
                                   "on (time, latitude, longitude) (expected a wildfire "
                                   "infer run's output)");
    }
    if (area != nullptr && area->shape != mean->shape) {
        throw WildfireError(path + ": expected_burned_area is not on burned_probability's "
                                   "(time, latitude, longitude)");
    }
    rows = mean->shape[1];
    columns = mean->shape[2];
    const auto decoder = twins::data::CfTimeDecoder::forVariable(*time, path);
    for (const double value : dataset->readDecoded(*time)) {
        const auto date = decoder.decode(value);
        days.push_back(daysSince2001(date.year, date.month, date.day));
    }
}

std::vector<double> ProbabilityReader::read(const twins::data::DatasetVariable& variable,
                                            std::size_t step) const {
    return dataset->readDecoded(variable, {{step, 0, 0}, {1, rows, columns}, {}});
}

} // namespace wildfire
