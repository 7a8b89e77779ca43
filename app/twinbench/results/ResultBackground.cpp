#include "results/ResultBackground.h"

#include "twinbench/data/CfTime.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/runs/RunSpec.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <exception>

namespace twins::app {

namespace {

// The inputs a run's spec.json lists; `error` says why there are none to follow.
QStringList runInputs(const QString& runDirectory, QString& error) {
    const QString specPath = QDir(runDirectory).filePath(QStringLiteral("spec.json"));
    QFile file(specPath);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1 (%2)").arg(specPath, file.errorString());
        return {};
    }
    try {
        const runs::RunSpec spec =
            runs::RunSpec::fromJson(QJsonDocument::fromJson(file.readAll()).object(), specPath);
        if (spec.inputs.isEmpty()) {
            error = QStringLiteral("%1 lists no inputs").arg(specPath);
        }
        return spec.inputs;
    } catch (const std::exception& failure) {
        error = QString::fromUtf8(failure.what());
        return {};
    }
}

} // namespace

void readBackgroundTimes(const QString& path, const QString& variable, QString& timeDimension,
                         QStringList& stepTimes) {
    const auto dataset = data::openDataset(path.toStdString());
    const data::DatasetVariable& field = dataset->variable(variable.toStdString());
    for (std::size_t axis = 0; axis + 2 < field.rank() && timeDimension.isEmpty(); ++axis) {
        const data::DatasetVariable* coordinate =
            dataset->coordinateVariable(field, field.dimensions[axis]);
        if (coordinate == nullptr || !data::isTimeCoordinate(*coordinate)) {
            continue;
        }
        const auto decoder = data::CfTimeDecoder::forVariable(*coordinate, dataset->path());
        for (double value : dataset->readDecoded(*coordinate)) {
            stepTimes << (std::isfinite(value) ? QString::fromStdString(
                                                     data::formatCfDateTime(decoder.decode(value)))
                                               : QString());
        }
        timeDimension = QString::fromStdString(field.dimensions[axis]);
    }
}

QString normalisedIsoTime(const QString& text) {
    QString time = text.trimmed();
    if (time.size() > 10 && time.at(10) == QLatin1Char('T')) {
        time[10] = QLatin1Char(' ');
    }
    if (time.endsWith(QLatin1Char('Z'))) {
        time.chop(1);
    }
    if (time.size() == 16) { // no seconds
        time += QStringLiteral(":00");
    }
    return time;
}

bool hasResultBackground(const sdk::ResultSpec& spec) {
    const QJsonObject background = spec.options.value(QStringLiteral("background")).toObject();
    return !background.value(QStringLiteral("from_input")).toString().isEmpty() &&
           !background.value(QStringLiteral("variable")).toString().isEmpty();
}

PointsBackground findPointsBackground(const sdk::ResultSpec& spec, const QString& runDirectory) {
    const QJsonObject background = spec.options.value(QStringLiteral("background")).toObject();
    const QString name = background.value(QStringLiteral("from_input")).toString();
    if (name.isEmpty()) {
        return {{}, QStringLiteral("options.background.from_input names no file")};
    }
    QString error;
    QStringList inputs = runInputs(runDirectory, error);
    const QDir runsDirectory = QFileInfo(QDir::cleanPath(runDirectory)).dir();
    if (inputs.isEmpty()) {
        // A generator's own result: the file among its own outputs.
        const QString own = QDir(runDirectory).filePath(QStringLiteral("outputs/") + name);
        if (QFileInfo(own).isFile()) {
            return {QDir::cleanPath(own), {}};
        }
        return {{},
                QStringLiteral("looked for %1 in the outputs of the run's inputs, but %2")
                    .arg(name, error)};
    }
    QStringList lookedAt;
    QStringList visited;
    for (int depth = 0; depth < backgroundSearchDepth && !inputs.isEmpty(); ++depth) {
        QStringList earlier; // the inputs' own inputs, searched when none of these has it
        for (const QString& input : inputs) {
            QStringList candidates;
            const QFileInfo asPath(QDir(runDirectory).filePath(input)); // absolute stays absolute
            const bool isRun = !input.contains(QLatin1Char('/')) && runsDirectory.exists(input);
            if (isRun) {
                candidates << runsDirectory.filePath(input + QStringLiteral("/outputs/") + name);
            } else if (asPath.isDir()) {
                candidates << QDir(asPath.filePath()).filePath(QStringLiteral("outputs/") + name)
                           << QDir(asPath.filePath()).filePath(name);
            } else if (asPath.fileName() == name) {
                candidates << asPath.filePath();
            } else {
                // Neither a run here nor a path: say where the run id would have been.
                candidates << runsDirectory.filePath(input + QStringLiteral("/outputs/") + name);
            }
            for (const QString& candidate : candidates) {
                if (QFileInfo(candidate).isFile()) {
                    return {QDir::cleanPath(candidate), {}};
                }
                lookedAt << QDir::cleanPath(candidate);
            }
            if (isRun && !visited.contains(input)) {
                visited << input;
                QString ignored;
                earlier << runInputs(runsDirectory.filePath(input), ignored);
            }
        }
        inputs = earlier;
    }
    return {{},
            QStringLiteral("%1 not found among the run's inputs (looked for %2)")
                .arg(name, lookedAt.join(QStringLiteral(", ")))};
}

} // namespace twins::app
