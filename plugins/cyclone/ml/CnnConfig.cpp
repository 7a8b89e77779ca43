#include "CnnConfig.h"

#include "CycloneError.h"
#include "twinbench/sdk/JsonFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace cyclone {

namespace {

constexpr char configFormat[] = "twinbench-cyclone-cnn/1";

} // namespace

void writeCnnConfig(const std::string& path, const CnnConfig& config) {
    QJsonArray channels;
    QJsonArray means;
    QJsonArray scales;
    for (std::size_t c = 0; c < cnnChannelCount; ++c) {
        channels.append(QString::fromLatin1(cnnChannelNames[c]));
        means.append(config.normalisation.mean[c]);
        scales.append(config.normalisation.scale[c]);
    }
    const CnnArchitecture& a = config.architecture;
    const QJsonObject json{{QStringLiteral("format"), QString::fromLatin1(configFormat)},
                           {QStringLiteral("channels"), channels},
                           {QStringLiteral("mean"), means},
                           {QStringLiteral("std"), scales},
                           {QStringLiteral("nan_value"), 0.0},
                           {QStringLiteral("resolution_degrees"), config.trainedResolutionDegrees},
                           {QStringLiteral("architecture"),
                            QJsonObject{{QStringLiteral("patch_size"), a.patchSize},
                                        {QStringLiteral("blocks"), a.blocks},
                                        {QStringLiteral("convs_per_block"), a.convsPerBlock},
                                        {QStringLiteral("dropout"), a.dropout},
                                        {QStringLiteral("width"), a.width}}}};
    twins::sdk::writeJsonFile(QString::fromStdString(path), json);
}

CnnConfig readCnnConfig(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) {
        throw CycloneError(path, "cannot read the CNN normalisation file");
    }
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    if (json.value(QStringLiteral("format")).toString() != QLatin1String(configFormat)) {
        throw CycloneError(path, std::string("is not a ") + configFormat + " file");
    }
    const QJsonArray channels = json.value(QStringLiteral("channels")).toArray();
    const QJsonArray means = json.value(QStringLiteral("mean")).toArray();
    const QJsonArray scales = json.value(QStringLiteral("std")).toArray();
    if (channels.size() != static_cast<qsizetype>(cnnChannelCount) ||
        means.size() != channels.size() || scales.size() != channels.size()) {
        throw CycloneError(path, "needs 6 channels with a mean and std each");
    }
    CnnConfig config;
    for (std::size_t c = 0; c < cnnChannelCount; ++c) {
        const auto i = static_cast<qsizetype>(c);
        if (channels[i].toString() != QLatin1String(cnnChannelNames[c])) {
            throw CycloneError(path, "channel " + std::to_string(c) + " is '" +
                                         channels[i].toString().toStdString() + "', expected " +
                                         cnnChannelNames[c]);
        }
        config.normalisation.mean[c] = means[i].toDouble(std::nan(""));
        config.normalisation.scale[c] = scales[i].toDouble(std::nan(""));
        if (!std::isfinite(config.normalisation.mean[c]) ||
            !(config.normalisation.scale[c] > 0.0)) {
            throw CycloneError(path, std::string("mean/std of ") + cnnChannelNames[c] +
                                         " must be finite with std > 0");
        }
    }
    const QJsonObject a = json.value(QStringLiteral("architecture")).toObject();
    config.architecture.patchSize = a.value(QStringLiteral("patch_size")).toInt();
    config.architecture.blocks = a.value(QStringLiteral("blocks")).toInt();
    config.architecture.convsPerBlock = a.value(QStringLiteral("convs_per_block")).toInt();
    config.architecture.width = a.value(QStringLiteral("width")).toDouble();
    // Models saved before dropout existed have none.
    config.architecture.dropout = a.value(QStringLiteral("dropout")).toDouble(0.0);
    if (!(config.architecture.dropout >= 0.0 && config.architecture.dropout < 1.0)) {
        throw CycloneError(path, "architecture dropout must be in [0, 1)");
    }
    if (config.architecture.patchSize < 2 || config.architecture.blocks < 1 ||
        config.architecture.convsPerBlock < 1 || !(config.architecture.width > 0.0)) {
        throw CycloneError(path, "architecture needs patch_size >= 2, blocks >= 1, "
                                 "convs_per_block >= 1 and width > 0");
    }
    config.trainedResolutionDegrees = json.value(QStringLiteral("resolution_degrees")).toDouble();
    return config;
}

} // namespace cyclone
