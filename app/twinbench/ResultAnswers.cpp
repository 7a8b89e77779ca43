// Dispatches a result spec to its converter and converts metrics_table files; the CSV kinds
// live in ResultTrackAnswers.cpp and ResultChartAnswers.cpp, volumes in ResultVolumeAnswer.cpp.
#include "ResultAnswers.h"

#include "ResultCsv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace twins::app {

namespace {

[[noreturn]] void refuse(const QString& message) {
    throw ResultAnswerError(message.toStdString());
}

} // namespace

bool isMapResultKind(const QString& kind) {
    return kind == QLatin1String("map") || kind == QLatin1String("uncertainty");
}

bool isAnswerResultKind(const QString& kind) {
    static const QStringList kinds{QStringLiteral("tracks"),        QStringLiteral("points"),
                                   QStringLiteral("metrics_table"), QStringLiteral("histogram"),
                                   QStringLiteral("line_chart"),    QStringLiteral("volume")};
    return kinds.contains(kind);
}

QString resultOutputPath(const sdk::ResultSpec& spec, const QString& outputsDirectory) {
    return QDir::cleanPath(QDir(outputsDirectory).filePath(spec.output));
}

ResultAnswer readResultAnswer(const sdk::ResultSpec& spec, const QString& outputsDirectory) {
    const QString path = resultOutputPath(spec, outputsDirectory);
    if (!QFileInfo::exists(path)) {
        refuse(QStringLiteral("%1 does not exist: the run wrote no %2 in outputs/")
                   .arg(path, spec.output));
    }
    const bool unitsRow = spec.options.value(QStringLiteral("units_row")).toBool(false);
    if (spec.kind == QLatin1String("tracks")) {
        return tracksAnswer(spec, ResultCsv::read(path, unitsRow));
    }
    if (spec.kind == QLatin1String("points")) {
        return pointsAnswer(spec, ResultCsv::read(path, unitsRow));
    }
    if (spec.kind == QLatin1String("metrics_table")) {
        return metricsAnswer(spec, path);
    }
    if (spec.kind == QLatin1String("histogram")) {
        return histogramAnswer(spec, ResultCsv::read(path, unitsRow));
    }
    if (spec.kind == QLatin1String("line_chart")) {
        return lineChartAnswer(spec, ResultCsv::read(path, unitsRow));
    }
    if (spec.kind == QLatin1String("volume")) {
        return volumeAnswer(spec, path);
    }
    refuse(QStringLiteral("%1: Twinbench has no view for results of kind '%2' yet (it draws "
                          "map, uncertainty, tracks, points, metrics_table, histogram, "
                          "line_chart and volume)")
               .arg(QFileInfo(path).fileName(), spec.kind));
}

ResultAnswer metricsAnswer(const sdk::ResultSpec& spec, const QString& path) {
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        refuse(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        refuse(QStringLiteral("%1 is not a JSON object of metrics (%2)")
                   .arg(name, parseError.error != QJsonParseError::NoError
                                  ? parseError.errorString() + QStringLiteral(" at byte ") +
                                        QString::number(parseError.offset)
                                  : QStringLiteral("it holds an array or a value")));
    }
    const QJsonObject root = document.object();
    // model.json (and calogan's metrics.json) keep their scores under "metrics", beside
    // descriptive fields; a plain metrics.json is the object of metrics itself.
    const QJsonObject source = root.value(QStringLiteral("metrics")).isObject()
                                   ? root.value(QStringLiteral("metrics")).toObject()
                                   : root;
    const QJsonObject units = root.value(QStringLiteral("units")).toObject();
    QJsonArray rows;
    for (auto it = source.begin(); it != source.end(); ++it) {
        // Nested objects and arrays (per-bin breakdowns) are not one value: the table lists
        // the scalar metrics and the file keeps the rest.
        if (it.value().isObject() || it.value().isArray() || it.key() == QLatin1String("units")) {
            continue;
        }
        QJsonObject row{{"name", it.key()}, {"value", it.value()}};
        if (units.value(it.key()).isString()) {
            row.insert(QStringLiteral("units"), units.value(it.key()));
        }
        rows.append(row);
    }
    if (rows.isEmpty()) {
        refuse(QStringLiteral("%1 holds no metric values: expected a JSON object of numbers "
                              "(or one with them under \"metrics\", as model.json)")
                   .arg(name));
    }
    return {QStringLiteral("metrics_table"),
            QJsonObject{{"title", spec.title.isEmpty() ? name : spec.title}, {"metrics", rows}},
            {}};
}

} // namespace twins::app
