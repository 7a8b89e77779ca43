// filterbank: a continuous observation of one pulsar as a SIGPROC filterbank file ->
// outputs/observation.fil (32-bit floats) and outputs/observation.json (the injected truth).
#include "ActionSupport.h"
#include "Observation.h"
#include "PulsarTwin.h"
#include "twinbench/sdk/AtomicFile.h"
#include "twinbench/sdk/JsonFile.h"

#include <QDir>
#include <QJsonObject>

#include <chrono>

namespace pulsar {

void filterbankAction(twins::sdk::ActionContext& context) {
    const QString source = QStringLiteral("pulsar filterbank");
    ObservationConfig config;
    config.pulsar = simulationConfig(context, source);
    config.periodS = context.number("period");
    config.dm = context.number("dm");
    config.snr = context.number("observation_snr");
    config.tsampMs = context.number("tsamp");
    config.durationS = context.number("duration");
    config.foldBins = std::size_t(context.integer("fold_bins"));
    const auto start = std::chrono::steady_clock::now();
    Observation observation;
    withSettingsChecked(source, [&] { observation = simulateObservation(config); });
    context.throwIfCancelled();
    const FilterbankData& data = observation.filterbank;
    std::string bytes = encodeFilterbankHeader(data.header);
    bytes.append(reinterpret_cast<const char*>(data.values.data()),
                 data.values.size() * sizeof(float));
    twins::sdk::writeFileAtomically(outputPath(context, QStringLiteral("observation.fil")), bytes);
    const FrameParameters& p = observation.parameters;
    twins::sdk::writeJsonFile(
        QString::fromStdString(outputPath(context, QStringLiteral("observation.json"))),
        QJsonObject{{"dm", p.dm},
                    {"period_s", p.periodS},
                    {"snr", p.snr},
                    {"fold_bins", qint64(config.foldBins)},
                    {"samples", qint64(data.samples)},
                    {"channels", data.header.nchans},
                    {"tsamp_s", data.header.tsamp},
                    {"fch1_mhz", data.header.fch1},
                    {"foff_mhz", data.header.foff},
                    {"scattering_time_ms_1ghz", p.scatteringMs},
                    {"scintillation_index", p.scintillationIndex},
                    {"drift_deg", p.driftDeg},
                    {"radiometer_factor", p.radiometerFactor}});
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    context.reportMetric(0, QStringLiteral("samples"), double(data.samples));
    context.reportMetric(0, QStringLiteral("seconds"), seconds);
    context.log(QStringLiteral("observation.fil: %1 samples of %2 channels (%3 s at %4 ms), "
                               "period %5 s, DM %6 pc cm-3, folded S/N %7")
                    .arg(data.samples)
                    .arg(data.header.nchans)
                    .arg(config.durationS)
                    .arg(config.tsampMs)
                    .arg(p.periodS)
                    .arg(p.dm)
                    .arg(p.snr));
}

} // namespace pulsar
