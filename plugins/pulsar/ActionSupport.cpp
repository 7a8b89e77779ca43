#include "ActionSupport.h"

#include "twinbench/data/Dataset.h"
#include "twinbench/jobs/CpuState.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>

#include <stdexcept>

namespace pulsar {

using twins::sdk::SdkError;

SimulationConfig simulationConfig(const twins::sdk::ActionContext& context, const QString& source) {
    const QJsonObject p = context.parameters();
    SimulationConfig c;
    auto number = [&](const char* key, double& target) {
        if (p.contains(QLatin1String(key))) {
            target = p.value(QLatin1String(key)).toDouble();
        }
    };
    auto integer = [&](const char* key, int& target) {
        if (p.contains(QLatin1String(key))) {
            target = p.value(QLatin1String(key)).toInt();
        }
    };
    integer("channels", c.channels);
    if (p.contains(QLatin1String("seed"))) {
        c.seed = std::uint64_t(p.value(QLatin1String("seed")).toInteger());
    }
    number("receiver_temperature", c.receiver.receiverTemperatureK);
    number("sky_temperature", c.receiver.skyTemperature408K);
    number("bandpass_ripple", c.receiver.bandpassRipple);
    number("pulsar_fraction", c.pulsarFraction);
    number("nbrfi_fraction", c.nbrfiFraction);
    number("bbrfi_fraction", c.bbrfiFraction);
    integer("rfi_max_count", c.rfiMaxCount);
    number("rfi_intensity_min", c.rfi.intensityMin);
    number("rfi_intensity_max", c.rfi.intensityMax);
    number("rfi_variant_fraction", c.rfi.variantFraction);
    number("snr_min", c.snrMin);
    number("snr_max", c.snrMax);
    if (p.contains(QLatin1String("snr_distribution"))) {
        c.snrLogUniform =
            p.value(QLatin1String("snr_distribution")).toString() == QLatin1String("log_uniform");
    }
    number("period_min", c.periodMinS);
    number("period_max", c.periodMaxS);
    number("dm", c.dm);
    number("dm_spread", c.dmSpread);
    number("scattering_max", c.scatteringMaxMs);
    number("spectral_index", c.spectralIndex);
    number("scintillation_index", c.scintillationIndex);
    number("scintillation_index_spread", c.scintillationIndexSpread);
    number("scintillation_bandwidth", c.scintillationBandwidthMHz);
    integer("sparks_min", c.sparksMin);
    integer("sparks_max", c.sparksMax);
    number("spark_size", c.sparkSizeDeg);
    number("spark_flux_spread", c.sparkFluxSpread);
    number("drift_max", c.driftMaxDeg);
    number("inclination", c.inclinationDeg);
    number("impact_max", c.impactMaxDeg);
    number("flux", c.fluxK);
    number("mask_fraction", c.maskFraction);
    if (p.contains(QLatin1String("conal_latitudes"))) {
        c.conalLatitudesDeg.clear();
        const QString text = p.value(QLatin1String("conal_latitudes")).toString();
        for (const QString& item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const double ring = item.trimmed().toDouble(&ok);
            if (!ok) {
                throw SdkError(source, QStringLiteral("parameter conal_latitudes: '%1' in '%2' is "
                                                      "not a number (expected degrees, e.g. 3,6)")
                                           .arg(item, text));
            }
            c.conalLatitudesDeg.push_back(ring);
        }
    }
    return c;
}

void withSettingsChecked(const QString& source, const std::function<void()>& work) {
    try {
        work();
    } catch (const std::invalid_argument& error) {
        throw SdkError(source, QString::fromStdString(error.what()));
    }
}

std::string outputPath(const twins::sdk::ActionContext& context, const QString& fileName) {
    return QDir(context.outputDirectory()).filePath(fileName).toStdString();
}

std::string runId(const twins::sdk::ActionContext& context) {
    QDir outputs(context.outputDirectory());
    return outputs.cdUp() ? outputs.dirName().toStdString() : std::string();
}

int computeThreads(const twins::sdk::ActionContext& context) {
    return twins::jobs::usableCores(context.integer("threads"));
}

QString simulationSeedOf(const QString& path) {
    try {
        const auto dataset = twins::data::Dataset::open(path.toStdString());
        for (const auto& attribute : dataset->root().attributes) {
            if (attribute.name == "seed") {
                return QString::fromStdString(attribute.text);
            }
        }
    } catch (const std::exception&) {
    }
    return {};
}

} // namespace pulsar
