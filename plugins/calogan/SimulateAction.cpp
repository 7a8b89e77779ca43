// simulate: the Monte Carlo reference showers (the parametrised shower, or the particle-level
// cascade with reference_model=cascade) -> outputs/showers.h5, metric events_per_second.
#include "CaloTwin.h"
#include "ShowersSnapshot.h"
#include "SimulationRun.h"
#include "twinbench/insitu/Publisher.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>

#include <stdexcept>

namespace calo {

void simulateAction(twins::sdk::ActionContext& context) {
    const QJsonObject p = context.parameters();
    const QString source = QStringLiteral("calogan simulate");
    SimulationPlan plan;
    try {
        plan.energiesGeV = parseNumberList(p.value("energies").toString().toStdString());
    } catch (const std::invalid_argument& error) {
        throw twins::sdk::SdkError(
            source,
            QStringLiteral("parameter energies: %1").arg(QString::fromStdString(error.what())));
    }
    for (double energy : plan.energiesGeV) {
        if (!(energy >= 2.0 && energy <= 500.0)) {
            throw twins::sdk::SdkError(
                source,
                QStringLiteral("parameter energies: %1 GeV is outside 2-500 GeV").arg(energy));
        }
    }
    plan.energyMinGeV = p.value("energy_min").toDouble();
    plan.energyMaxGeV = p.value("energy_max").toDouble();
    plan.thetaMinDeg = p.value("theta_min").toDouble();
    plan.thetaMaxDeg = p.value("theta_max").toDouble();
    if (plan.energyMinGeV > plan.energyMaxGeV || plan.thetaMinDeg > plan.thetaMaxDeg) {
        throw twins::sdk::SdkError(source, QStringLiteral("energy_min must not exceed energy_max, "
                                                          "nor theta_min theta_max"));
    }
    plan.events = std::size_t(p.value("events").toInteger());
    plan.seed = std::uint64_t(p.value("seed").toInteger());
    plan.reference = p.value("reference_model").toString() == QLatin1String("cascade")
                         ? ReferenceModel::Cascade
                         : ReferenceModel::Parametrised;
    plan.threads = int(p.value("threads").toInteger());
    plan.cancelled = [&context]() { return context.isCancelled(); };
    twins::insitu::Publisher publisher(context);
    plan.blockWritten = [&publisher](const WrittenBlock& block) {
        if (publisher.due(std::int64_t(block.index), std::int64_t(block.blocks))) {
            publisher.publish(showersSnapshot(std::int64_t(block.index), block.count, block.cells,
                                              block.energiesGeV, block.thetasRad));
        }
    };

    const std::string path =
        QDir(context.outputDirectory()).filePath(QStringLiteral("showers.h5")).toStdString();
    context.log(QStringLiteral("simulating %1 showers, seed %2, %3 reference")
                    .arg(plan.events)
                    .arg(plan.seed)
                    .arg(p.value("reference_model").toString()));
    SimulationSummary summary;
    try {
        summary = simulateToFile(plan, path, [&](std::size_t done, std::size_t total) {
            context.reportProgress(double(done) / double(total),
                                   QStringLiteral("%1 of %2 showers").arg(done).arg(total));
            return !context.isCancelled();
        });
    } catch (const SimulationCancelled&) {
        context.throwIfCancelled();
        throw;
    }
    const double rate = double(plan.events) / summary.seconds;
    context.reportMetric(0, QStringLiteral("events_per_second"), rate);
    context.reportMetric(0, QStringLiteral("events_per_cpu_second"),
                         double(plan.events) / summary.cpuSeconds);
    context.reportMetric(0, QStringLiteral("events_per_second_with_io"),
                         double(plan.events) / summary.totalSeconds);
    context.reportMetric(0, QStringLiteral("mean_sampling_fraction"), summary.meanSamplingFraction);
    context.log(QStringLiteral("%1 showers/s (%4 per CPU second, %2 with the file), mean "
                               "sampling fraction %3")
                    .arg(rate, 0, 'g', 4)
                    .arg(double(plan.events) / summary.totalSeconds, 0, 'g', 4)
                    .arg(summary.meanSamplingFraction, 0, 'g', 4)
                    .arg(double(plan.events) / summary.cpuSeconds, 0, 'g', 4));
}

} // namespace calo
