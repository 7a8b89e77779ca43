// The xy_curves answer convention, read from JSON and converted from CSV results.
#include "answers/kinds/xy_curves/XyCurvesAnswer.h"

#include "answers/ResultColumns.h"

#include <QJsonArray>
#include <QMap>

#include <algorithm>
#include <cmath>

namespace twins::app {

using namespace answerjson;

namespace {
// More curves than colours that stay distinguishable is not a figure anyone can read.
constexpr qsizetype maximumCurves = 8;

void readAxis(const QJsonObject& answer, const QString& key, QString& name, QString& units,
              bool& log) {
    const QJsonObject axis = answer.value(key).toObject();
    const QString where = key + QLatin1Char('.');
    name = text(axis, QStringLiteral("name"), where);
    units = text(axis, QStringLiteral("units"), where);
    log = axis.value(QStringLiteral("log")).toBool(false);
    if (name.isEmpty()) {
        refuse(where + QStringLiteral("name"), QStringLiteral("the axis name"));
    }
}
} // namespace

XyCurvesAnswer readXyCurvesAnswer(const QJsonObject& answer) {
    XyCurvesAnswer result;
    result.header = readAnswerHeader(answer);
    readAxis(answer, QStringLiteral("x"), result.xName, result.xUnits, result.logX);
    readAxis(answer, QStringLiteral("y"), result.yName, result.yUnits, result.logY);
    result.diagonal = answer.value(QStringLiteral("diagonal")).toBool(false);
    const QJsonArray curves = array(answer, QStringLiteral("curves"), QString(), true);
    if (curves.isEmpty() || curves.size() > maximumCurves) {
        refuse(QStringLiteral("curves"),
               QStringLiteral("1 to %1 curves, got %2").arg(maximumCurves).arg(curves.size()));
    }
    bool anyPoint = false;
    for (int index = 0; index < curves.size(); ++index) {
        const QString where = QStringLiteral("curves[%1].").arg(index);
        const QJsonObject json = object(curves.at(index), where.chopped(1));
        XyCurve curve;
        curve.name = text(json, QStringLiteral("name"), where);
        if (curve.name.isEmpty()) {
            refuse(where + QStringLiteral("name"), QStringLiteral("the curve's name (legend)"));
        }
        curve.x =
            numbers(array(json, QStringLiteral("x"), where, true), where + QStringLiteral("x"));
        curve.y =
            numbers(array(json, QStringLiteral("y"), where, true), where + QStringLiteral("y"));
        curve.markers = json.value(QStringLiteral("markers")).toBool(false);
        if (curve.x.size() != curve.y.size()) {
            refuse(where + QStringLiteral("y"), QStringLiteral("as many values as x (%1), got %2")
                                                    .arg(curve.x.size())
                                                    .arg(curve.y.size()));
        }
        for (std::size_t i = 0; i < curve.x.size(); ++i) {
            const auto bad = [&](bool log, double value) {
                return log && std::isfinite(value) && !(value > 0.0);
            };
            if (bad(result.logX, curve.x[i]) || bad(result.logY, curve.y[i])) {
                refuse(QStringLiteral("%1x/y[%2]").arg(where).arg(i),
                       QStringLiteral("positive values on a log axis"));
            }
            anyPoint = anyPoint || (std::isfinite(curve.x[i]) && std::isfinite(curve.y[i]));
        }
        result.curves.append(std::move(curve));
    }
    if (!anyPoint) {
        refuse(QStringLiteral("curves"), QStringLiteral("at least one point with finite x and y"));
    }
    return result;
}

namespace {

QJsonObject axisJson(const QString& name, const QString& units, bool log) {
    QJsonObject axis{{"name", name}};
    if (!units.isEmpty()) {
        axis.insert(QStringLiteral("units"), units);
    }
    if (log) {
        axis.insert(QStringLiteral("log"), true);
    }
    return axis;
}

QJsonObject curveJson(const QString& name, const std::vector<double>& x,
                      const std::vector<double>& y, bool markers) {
    return QJsonObject{
        {"name", name}, {"x", jsonNumbers(x)}, {"y", jsonNumbers(y)}, {"markers", markers}};
}

} // namespace

ResultAnswer xyCurvesAnswer(const sdk::ResultSpec& spec, const ResultCsv& table) {
    const auto& options = spec.options;
    const int x = table.column(optionColumn(spec, QStringLiteral("x"), QStringLiteral("x")),
                               optionPurpose(QStringLiteral("x")));
    const bool markers = options.value(QStringLiteral("markers")).toBool(false);
    // The y columns: one name or a list of names.
    QStringList yNames;
    if (options.value(QStringLiteral("y")).isArray()) {
        for (const QJsonValue& name : options.value(QStringLiteral("y")).toArray()) {
            yNames << name.toString();
        }
    } else {
        yNames << optionColumn(spec, QStringLiteral("y"), QStringLiteral("y"));
    }
    QList<int> yColumns;
    for (const QString& name : yNames) {
        yColumns << table.column(name, optionPurpose(QStringLiteral("y")));
    }
    const QJsonArray labels = options.value(QStringLiteral("labels")).toArray();
    const QString groupName = options.value(QStringLiteral("group")).toString();
    const int group =
        groupName.isEmpty() ? -1 : table.column(groupName, optionPurpose(QStringLiteral("group")));
    if (group >= 0 && yColumns.size() != 1) {
        throw ResultAnswerError(QStringLiteral("%1: options.group splits one y column into "
                                               "curves; the result spec names %2")
                                    .arg(table.fileName())
                                    .arg(yColumns.size())
                                    .toStdString());
    }
    QJsonArray curves;
    if (group >= 0) {
        // Curves in the order their group first appears in the file.
        QStringList order;
        QMap<QString, std::pair<std::vector<double>, std::vector<double>>> byGroup;
        for (qsizetype row = 0; row < table.rowCount(); ++row) {
            const QString name = table.text(row, group);
            if (!byGroup.contains(name)) {
                order << name;
            }
            byGroup[name].first.push_back(table.number(row, x));
            byGroup[name].second.push_back(table.number(row, yColumns.front()));
        }
        for (const QString& name : order) {
            curves.append(curveJson(name, byGroup[name].first, byGroup[name].second, markers));
        }
    } else {
        std::vector<double> xs;
        for (qsizetype row = 0; row < table.rowCount(); ++row) {
            xs.push_back(table.number(row, x));
        }
        for (qsizetype index = 0; index < yColumns.size(); ++index) {
            std::vector<double> ys;
            for (qsizetype row = 0; row < table.rowCount(); ++row) {
                ys.push_back(table.number(row, yColumns[index]));
            }
            const QString name =
                index < labels.size() ? labels.at(index).toString() : yNames.at(index);
            curves.append(curveJson(name, xs, ys, markers));
        }
    }
    const auto label = [&](const QString& option, const QString& fallback) {
        const QString named = options.value(option).toString();
        return named.isEmpty() ? fallback : named;
    };
    const QString yFallback = group >= 0 || yNames.size() == 1 ? yNames.front() : spec.units;
    QJsonObject answer{
        {"title", spec.title.isEmpty() ? table.fileName() : spec.title},
        {"x", axisJson(label(QStringLiteral("x_label"), table.columns().at(x)), table.units(x),
                       options.value(QStringLiteral("log_x")).toBool(false))},
        {"y", axisJson(label(QStringLiteral("y_label"),
                             yFallback.isEmpty() ? QStringLiteral("y") : yFallback),
                       yColumns.size() == 1 ? table.units(yColumns.front()) : spec.units,
                       options.value(QStringLiteral("log_y")).toBool(false))},
        {"diagonal", options.value(QStringLiteral("diagonal")).toBool(false)},
        {"curves", curves}};
    // The converted answer is checked like a what-if answer, so a bad file is refused with
    // the file's name rather than drawn half.
    try {
        readXyCurvesAnswer(answer);
    } catch (const ExploreAnswerError& error) {
        throw ResultAnswerError(QStringLiteral("%1: %2")
                                    .arg(table.fileName(), QString::fromUtf8(error.what()))
                                    .toStdString());
    }
    return {QStringLiteral("xy_curves"), answer, {}};
}

} // namespace twins::app
