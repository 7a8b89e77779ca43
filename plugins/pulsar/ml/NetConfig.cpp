#include "NetConfig.h"

#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pulsar {

using twins::sdk::SdkError;

void writeNetConfig(const QString& path, const NetConfig& c) {
    const NetArchitecture& a = c.architecture;
    twins::sdk::writeJsonFile(
        path,
        QJsonObject{{"format", "twinbench-pulsar-nets/1"},
                    {"label_names", QJsonArray{"Pulsar", "NBRFI", "BBRFI"}},
                    {"grid_phase_bins", a.grid.phaseBins},
                    {"grid_channels", a.grid.channels},
                    {"unet_width", a.unetWidth},
                    {"unet_depth", a.unetDepth},
                    {"classifier_width", a.classifierWidth},
                    {"baseline_window", c.normalisation.baselineWindow},
                    {"clip", c.normalisation.clip},
                    {"top_ghz", c.topGHz},
                    {"bottom_ghz", c.bottomGHz},
                    {"trained_channels", c.trainedChannels},
                    {"trained_phase_bins", c.trainedPhaseBins},
                    {"thresholds", QJsonArray{c.thresholds[0], c.thresholds[1], c.thresholds[2]}}});
}

NetConfig readNetConfig(const QString& path, const QString& source) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw SdkError(source, QStringLiteral("cannot read %1").arg(path));
    }
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    auto need = [&](const char* key) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isDouble()) {
            throw SdkError(source, QStringLiteral("%1: '%2' is missing or not a number")
                                       .arg(path, QLatin1String(key)));
        }
        return v.toDouble();
    };
    NetConfig c;
    c.architecture.grid.phaseBins = int(need("grid_phase_bins"));
    c.architecture.grid.channels = int(need("grid_channels"));
    c.architecture.unetWidth = int(need("unet_width"));
    c.architecture.unetDepth = int(need("unet_depth"));
    c.architecture.classifierWidth = int(need("classifier_width"));
    c.normalisation.baselineWindow = int(need("baseline_window"));
    c.normalisation.clip = need("clip");
    c.topGHz = need("top_ghz");
    c.bottomGHz = need("bottom_ghz");
    c.trainedChannels = int(need("trained_channels"));
    c.trainedPhaseBins = int(need("trained_phase_bins"));
    const QJsonArray thresholds = o.value(QLatin1String("thresholds")).toArray();
    if (thresholds.size() != labelCount) {
        throw SdkError(source, QStringLiteral("%1: 'thresholds' must list 3 numbers").arg(path));
    }
    for (int l = 0; l < labelCount; ++l) {
        c.thresholds[std::size_t(l)] = thresholds[l].toDouble();
    }
    return c;
}

QString netModelDirectory(const QString& input, const QString& source) {
    const QFileInfo info(input);
    const QDir directory = info.isDir() ? QDir(input) : info.dir();
    for (const char* name : {netWeightsFile, netConfigFile}) {
        if (!directory.exists(QLatin1String(name))) {
            throw SdkError(source, QStringLiteral("input %1 is not a pulsar model: %2 is missing "
                                                  "(expected a pulsar train run, its id, its "
                                                  "outputs/ or model:latest)")
                                       .arg(input, directory.filePath(QLatin1String(name))));
        }
    }
    return directory.absolutePath();
}

} // namespace pulsar
