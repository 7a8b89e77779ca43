#include "twinbench/insitu/InsituSettings.h"

#include "twinbench/insitu/CatalystAdaptor.h"
#include "twinbench/sdk/SdkError.h"

#include <QFileInfo>

#include <algorithm>

namespace twins::insitu {

InsituSettings InsituSettings::fromParameters(const QJsonObject& parameters) {
    InsituSettings settings;
    const QString mode = parameters.value(QStringLiteral("insitu")).toString();
    if (mode == QLatin1String("extracts")) {
        settings.mode = InsituMode::Extracts;
    } else if (mode == QLatin1String("catalyst")) {
        settings.mode = InsituMode::Catalyst;
    }
    settings.every = parameters.value(QStringLiteral("insitu_every")).toInt(settings.every);
    settings.keep = parameters.value(QStringLiteral("insitu_keep")).toInt(settings.keep);
    settings.script = parameters.value(QStringLiteral("insitu_script")).toString();
    settings.live = parameters.value(QStringLiteral("insitu_live")).toString();
    return settings;
}

std::int64_t InsituSettings::interval(std::int64_t steps) const {
    if (every > 0) {
        return every;
    }
    return std::max<std::int64_t>(1, steps / 10);
}

bool InsituSettings::due(std::int64_t step, std::int64_t steps) const {
    if (!enabled()) {
        return false;
    }
    return (step + 1) % interval(steps) == 0 || step + 1 == steps;
}

void checkRunStart(const InsituSettings& settings) {
    if (settings.mode != InsituMode::Catalyst) {
        return;
    }
    requireCatalystAdaptor();
    const QString where = QStringLiteral("insitu=catalyst");
    if (settings.script.isEmpty()) {
        throw sdk::SdkError(where, QStringLiteral("needs insitu_script, a ParaView Catalyst Python "
                                                  "script (use insitu=extracts for CF NetCDF "
                                                  "snapshots without ParaView)"));
    }
    if (!QFileInfo(settings.script).isFile()) {
        throw sdk::SdkError(
            where, QStringLiteral("insitu_script '%1' is not a file").arg(settings.script));
    }
}

} // namespace twins::insitu
