#include "NetConfig.h"

#include "MaskFile.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace pulsar {

using twins::sdk::SdkError;

void writeNetConfig(const QString& path, const NetConfig& c) {
    const NetArchitecture& a = c.architecture;
    QJsonArray reference;
    for (double level : c.referenceBandpass) {
        reference.append(level);
    }
    twins::sdk::writeJsonFile(
        path,
        QJsonObject{{"reference_bandpass", reference},
                    {"format", QLatin1String(netConfigFormat)},
                    {"label_names", QJsonArray{"Pulsar", "NBRFI", "BBRFI"}},
                    {"grid_phase_bins", a.grid.phaseBins},
                    {"grid_channels", a.grid.channels},
                    {"unet_width", a.unetWidth},
                    {"unet_depth", a.unetDepth},
                    {"classifier_width", a.classifierWidth},
                    {"baseline_window", c.normalisation.baselineWindow},
                    {"clip", c.normalisation.clip},
                    {"max_sweep_bins", c.maxSweepBins},
                    {"band_edge_fraction", c.bandEdgeFraction},
                    {"delay_graph_cells", delayGraphCells},
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
    const QString format = o.value(QLatin1String("format")).toString();
    if (format != QLatin1String(netConfigFormat)) {
        throw SdkError(source, QStringLiteral("%1 is in format '%2'; this version reads '%3' (the "
                                              "networks gained the delay graph): train the model "
                                              "again")
                                   .arg(path, format, QLatin1String(netConfigFormat)));
    }
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
    c.maxSweepBins = need("max_sweep_bins");
    c.bandEdgeFraction = o.contains(QLatin1String("band_edge_fraction"))
                             ? need("band_edge_fraction")
                             : 0.08; // the models trained before it was stated
    // Optional: models trained before session 15 have none (the per-frame band profile).
    for (const QJsonValue level : o.value(QLatin1String("reference_bandpass")).toArray()) {
        if (!level.isDouble()) {
            throw SdkError(source,
                           QStringLiteral("%1: 'reference_bandpass' must list numbers").arg(path));
        }
        c.referenceBandpass.push_back(level.toDouble());
    }
    if (!c.referenceBandpass.empty() &&
        c.referenceBandpass.size() != std::size_t(c.architecture.grid.channels)) {
        throw SdkError(source, QStringLiteral("%1: 'reference_bandpass' lists %2 levels for %3 "
                                              "grid channels")
                                   .arg(path)
                                   .arg(c.referenceBandpass.size())
                                   .arg(c.architecture.grid.channels));
    }
    const QJsonArray thresholds = o.value(QLatin1String("thresholds")).toArray();
    if (thresholds.size() != labelCount) {
        throw SdkError(source, QStringLiteral("%1: 'thresholds' must list 3 numbers").arg(path));
    }
    for (int l = 0; l < labelCount; ++l) {
        c.thresholds[std::size_t(l)] = thresholds[l].toDouble();
    }
    return c;
}

double roundedGHz(double ghz) {
    return std::round(ghz * 1e6) / 1e6;
}

DelayGraphPlan delayGraphPlan(const NetConfig& config, double topGHz, double bottomGHz,
                              std::size_t channels) {
    const NetworkGrid grid = config.architecture.grid;
    DelayGraphPlan plan(grid,
                        resampledCentres(topGHz, bottomGHz, channels, std::size_t(grid.channels)),
                        config.maxSweepBins, config.bandEdgeFraction);
    if (roundedGHz(topGHz) == roundedGHz(config.topGHz) &&
        roundedGHz(bottomGHz) == roundedGHz(config.bottomGHz)) {
        plan.setReferenceBandpass(config.referenceBandpass);
    }
    return plan;
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
