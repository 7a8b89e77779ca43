#include "live/LiveExtractList.h"

#include "twinbench/runs/RunStatus.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace twins::app {

namespace {

// "drivers_00000044.nc" -> 44 for stream "drivers"; -1 for another stream or name.
std::int64_t stepOf(const QString& fileName, const QString& stream) {
    const QString prefix = stream + QLatin1Char('_');
    if (!fileName.startsWith(prefix) || !fileName.endsWith(QLatin1String(".nc"))) {
        return -1;
    }
    bool ok = false;
    const std::int64_t step =
        fileName.mid(prefix.size(), fileName.size() - prefix.size() - 3).toLongLong(&ok);
    return ok ? step : -1;
}

} // namespace

LiveExtractList readLiveExtractList(const QString& runDirectory) {
    LiveExtractList list;
    const QDir run(runDirectory);
    QFile statusFile(run.filePath(QStringLiteral("status.json")));
    if (!statusFile.open(QIODevice::ReadOnly)) {
        list.error = QStringLiteral("%1: %2").arg(statusFile.fileName(), statusFile.errorString());
        return list;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(statusFile.readAll(), &parseError);
    if (!document.isObject()) {
        // status.json is replaced atomically, so this is a broken file, not a half-written one.
        list.error = QStringLiteral("%1: not a JSON object (%2)")
                         .arg(statusFile.fileName(), parseError.errorString());
        return list;
    }
    const QJsonObject status = document.object();
    list.state = status.value(QStringLiteral("state")).toString();
    const std::optional<runs::RunState> state = runs::parseRunState(list.state);
    list.ended = state && runs::isTerminal(*state);
    const QJsonObject insitu = status.value(QStringLiteral("insitu")).toObject();
    if (insitu.isEmpty()) {
        return list; // nothing published (yet, or ever)
    }
    list.stream = insitu.value(QStringLiteral("stream")).toString();
    list.newestStep = insitu.value(QStringLiteral("step")).toInteger(-1);
    list.published = insitu.value(QStringLiteral("count")).toInt();
    const QDir directory(run.filePath(QStringLiteral("insitu")));
    for (const QString& name :
         directory.entryList({list.stream + QStringLiteral("_*.nc")}, QDir::Files, QDir::Name)) {
        if (const std::int64_t step = stepOf(name, list.stream); step >= 0) {
            list.extracts << LiveExtract{step, directory.filePath(name)};
        }
    }
    std::sort(list.extracts.begin(), list.extracts.end(),
              [](const LiveExtract& a, const LiveExtract& b) { return a.step < b.step; });
    const QDir catalyst(directory.filePath(QStringLiteral("catalyst")));
    for (const QString& name : catalyst.entryList(
             {QStringLiteral("*.pvti"), QStringLiteral("*.pvtp"), QStringLiteral("*.vti"),
              QStringLiteral("*.vtp"), QStringLiteral("*.pvtr"), QStringLiteral("*.vtr")},
             QDir::Files, QDir::Name)) {
        list.catalystFiles << catalyst.filePath(name);
    }
    return list;
}

} // namespace twins::app
