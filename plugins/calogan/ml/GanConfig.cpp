#include "GanConfig.h"

#include "twinbench/sdk/JsonFile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace calo {

int scaledChannels(int base, double width) {
    return std::max(2, static_cast<int>(std::lround(base * width)));
}

void writeGanConfig(const std::string& path, const GanConfig& config) {
    const QJsonObject json{
        {"format", "twinbench-calogan/1"},
        {"architecture",
         QJsonObject{
             {"width", config.architecture.width},
             {"depth", config.architecture.depth},
             {"kind",
              config.architecture.twoStage ? QStringLiteral("two_stage") : QStringLiteral("gan")},
             {"stage2",
              config.architecture.lateralStage ? QStringLiteral("shapes") : QStringLiteral("gan")},
             {"flow_blocks", config.architecture.flowBlocks},
             {"flow_hidden", config.architecture.flowHidden},
             {"latent_size", ganLatentSize},
             {"generator_channels",
              QJsonObject{{"c0", scaledChannels(64, config.architecture.width)},
                          {"c1", scaledChannels(32, config.architecture.width)},
                          {"c2", std::max(8, scaledChannels(16, config.architecture.width))}}}}},
        {"preprocessing", QJsonObject{{"cell_threshold_gev", config.preprocessing.cellThresholdGeV},
                                      {"power", config.preprocessing.power},
                                      {"energy_scale_gev", config.preprocessing.energyScaleGeV}}},
        {"cell_scale", config.cellScale},
        {"training_data", QString::fromStdString(config.trainingData)},
        {"training_energy_gev",
         QJsonObject{{"min", config.trainingEnergyMinGeV}, {"max", config.trainingEnergyMaxGeV}}},
        {"training_theta_rad",
         QJsonObject{{"min", config.trainingThetaMinRad}, {"max", config.trainingThetaMaxRad}}}};
    twins::sdk::writeJsonFile(QString::fromStdString(path), json);
}

GanConfig readGanConfig(const std::string& path) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) {
        throw std::runtime_error(path +
                                 ": cannot read (expected gan.json of a calogan train "
                                 "run): " +
                                 file.errorString().toStdString());
    }
    QJsonParseError error{};
    const QJsonObject json = QJsonDocument::fromJson(file.readAll(), &error).object();
    if (json.value("format").toString() != QLatin1String("twinbench-calogan/1")) {
        throw std::runtime_error(path + ": not a calogan model configuration (format must be "
                                        "\"twinbench-calogan/1\")");
    }
    const auto number = [&](const QJsonObject& object, const char* key, const char* where) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (!value.isDouble() || !std::isfinite(value.toDouble())) {
            throw std::runtime_error(path + ": " + where + key + " must be a number");
        }
        return value.toDouble();
    };
    GanConfig config;
    const QJsonObject architecture = json.value("architecture").toObject();
    config.architecture.width = number(architecture, "width", "architecture.");
    config.architecture.depth = static_cast<int>(number(architecture, "depth", "architecture."));
    // Models written before the two-stage architecture have no kind: the 3DGAN alone.
    const QString kind = architecture.value("kind").toString(QStringLiteral("gan"));
    if (kind != QLatin1String("gan") && kind != QLatin1String("two_stage")) {
        throw std::runtime_error(path +
                                 ": architecture.kind must be \"gan\" or \"two_stage\", "
                                 "not \"" +
                                 kind.toStdString() + "\"");
    }
    config.architecture.twoStage = kind == QLatin1String("two_stage");
    // Models written before stage2=shapes have none: the 3DGAN.
    const QString stage2 = architecture.value("stage2").toString(QStringLiteral("gan"));
    if (stage2 != QLatin1String("gan") && stage2 != QLatin1String("shapes")) {
        throw std::runtime_error(path +
                                 ": architecture.stage2 must be \"gan\" or \"shapes\", "
                                 "not \"" +
                                 stage2.toStdString() + "\"");
    }
    config.architecture.lateralStage = stage2 == QLatin1String("shapes");
    if (config.architecture.lateralStage && !config.architecture.twoStage) {
        throw std::runtime_error(path + ": architecture.stage2 \"shapes\" needs kind "
                                        "\"two_stage\" (its layer energies come from the flow)");
    }
    if (config.architecture.twoStage) {
        config.architecture.flowBlocks =
            static_cast<int>(number(architecture, "flow_blocks", "architecture."));
        config.architecture.flowHidden =
            static_cast<int>(number(architecture, "flow_hidden", "architecture."));
        if (config.architecture.flowBlocks < 1 || config.architecture.flowHidden < 2) {
            throw std::runtime_error(path + ": architecture.flow_blocks must be at least 1 and "
                                            "flow_hidden at least 2");
        }
    }
    const QJsonObject pre = json.value("preprocessing").toObject();
    config.preprocessing.cellThresholdGeV = number(pre, "cell_threshold_gev", "preprocessing.");
    config.preprocessing.power = number(pre, "power", "preprocessing.");
    config.preprocessing.energyScaleGeV = number(pre, "energy_scale_gev", "preprocessing.");
    config.cellScale = number(json, "cell_scale", "");
    if (!(config.architecture.width > 0.0) || config.architecture.depth < 0 ||
        !(config.preprocessing.power > 0.0) || !(config.cellScale > 0.0)) {
        throw std::runtime_error(path + ": width, power and cell_scale must be positive and "
                                        "depth not negative");
    }
    config.trainingData = json.value("training_data").toString().toStdString();
    const QJsonObject energy = json.value("training_energy_gev").toObject();
    config.trainingEnergyMinGeV = energy.value("min").toDouble();
    config.trainingEnergyMaxGeV = energy.value("max").toDouble();
    const QJsonObject theta = json.value("training_theta_rad").toObject();
    config.trainingThetaMinRad = theta.value("min").toDouble();
    config.trainingThetaMaxRad = theta.value("max").toDouble();
    return config;
}

} // namespace calo
