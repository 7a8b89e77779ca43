// The tracks answer convention read from JSON (plugins/README.md, "tracks").
#include "answers/kinds/tracks/TracksAnswer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace twins::app {

using namespace answerjson;

ExploreTracks readTracksAnswer(const QJsonObject& answer) {
    ExploreTracks result;
    result.header = readAnswerHeader(answer);
    const QJsonObject value = answer.value(QStringLiteral("value")).toObject();
    result.valueName = text(value, QStringLiteral("name"), QStringLiteral("value."));
    result.valueUnits = text(value, QStringLiteral("units"), QStringLiteral("value."));
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    const QJsonArray tracks = array(answer, QStringLiteral("tracks"), QString(), true);
    for (int index = 0; index < tracks.size(); ++index) {
        const QString where = QStringLiteral("tracks[%1].").arg(index);
        const QJsonObject json = object(tracks.at(index), where.chopped(1));
        ExploreTrack track;
        track.id = valueText(json.value(QStringLiteral("id")));
        track.role = json.value(QStringLiteral("role")).toString();
        const QJsonArray points = array(json, QStringLiteral("points"), where, true);
        for (int p = 0; p < points.size(); ++p) {
            const QString at = QStringLiteral("%1points[%2]").arg(where).arg(p);
            const QJsonObject point = object(points.at(p), at);
            track.points.push_back({number(point.value(QStringLiteral("lon")), at + ".lon"),
                                    number(point.value(QStringLiteral("lat")), at + ".lat")});
            const QJsonValue v = point.value(QStringLiteral("value"));
            const double x = v.isUndefined() || v.isNull()
                                 ? std::numeric_limits<double>::quiet_NaN()
                                 : number(v, at + ".value");
            track.values.push_back(x);
            track.times << point.value(QStringLiteral("time")).toString();
            if (std::isfinite(x)) {
                low = std::min(low, x);
                high = std::max(high, x);
            }
        }
        result.tracks.push_back(std::move(track));
    }
    const QJsonArray points = array(answer, QStringLiteral("points"), QString(), false);
    for (int p = 0; p < points.size(); ++p) {
        const QString at = QStringLiteral("points[%1]").arg(p);
        const QJsonObject point = object(points.at(p), at);
        result.points.push_back({number(point.value(QStringLiteral("lon")), at + ".lon"),
                                 number(point.value(QStringLiteral("lat")), at + ".lat")});
    }
    // The declared range keeps colours comparable from one answer to the next; without one,
    // the values' own range.
    result.minimum = value.contains(QStringLiteral("minimum"))
                         ? number(value.value(QStringLiteral("minimum")), "value.minimum")
                         : (std::isfinite(low) ? low : 0.0);
    result.maximum = value.contains(QStringLiteral("maximum"))
                         ? number(value.value(QStringLiteral("maximum")), "value.maximum")
                         : (std::isfinite(high) ? high : 1.0);
    if (!(result.maximum > result.minimum)) {
        result.maximum = result.minimum + 1.0; // one value: any span shows it in one colour
    }
    result.metrics = answerjson::metrics(answer, false);
    return result;
}

} // namespace twins::app
