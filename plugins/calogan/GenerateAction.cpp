// generate: showers of a trained model (the 3DGAN, or the two-stage flow with the 3DGAN or the
// learned lateral sampler as stage 2) for requested conditions -> outputs/showers.h5 in the layout
// of the simulate action (so validate compares the two directly), and outputs/spread.csv, the
// per-layer spread of GAN and reference showers at fixed conditions (the uncertainty view).
#include "ActionSupport.h"
#include "CaloTwin.h"
#include "GanSampler.h"
#include "Geometry.h"
#include "ProfileSpread.h"
#include "ShowerFile.h"
#include "ShowerSimulator.h"
#include "ShowersSnapshot.h"
#include "SimulationRun.h"
#include "twinbench/insitu/Publisher.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/ProcessClock.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/sdk/TrainingDomain.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace calo {

namespace {

using twins::sdk::SdkError;

const QString source = QStringLiteral("calogan generate");
constexpr std::size_t blockShowers = 128; // the inference batch

struct Conditions {
    std::vector<double> energiesGeV, thetasRad;
};

// Each condition `copies` times in a row (showers_per_condition). Why: measured on the session-5
// acceptance model, the GAN's per-layer energies fluctuate 2-4 times more from shower to shower
// than the reference's, so the mean profile of one GAN shower per reference condition (400 per
// 20 GeV bin) carried a standard error of 5-6% per layer by itself, half the 10% target. Drawing
// several GAN showers for the same conditions measures the GAN's mean, not its sample noise.
Conditions repeated(const Conditions& conditions, std::size_t copies) {
    Conditions result;
    for (std::size_t i = 0; i < conditions.energiesGeV.size(); ++i) {
        result.energiesGeV.insert(result.energiesGeV.end(), copies, conditions.energiesGeV[i]);
        result.thetasRad.insert(result.thetasRad.end(), copies, conditions.thetasRad[i]);
    }
    return result;
}

// The conditions of the showers to generate: those of a showers file given as second input
// (so a GAN sample pairs shower by shower with a reference sample), or else exactly those a
// simulate run with the same parameters draws (conditionsFor), so `simulate` and `generate`
// with equal parameters describe the same events.
Conditions fileOrPlanConditions(const twins::sdk::ActionContext& context,
                                const QStringList& inputs) {
    Conditions conditions;
    if (inputs.size() == 2) {
        try {
            const ShowerFileReader file(showersInput(inputs[1], source));
            conditions.energiesGeV = file.energies();
            conditions.thetasRad = file.thetas();
        } catch (const std::runtime_error& error) {
            throw SdkError(source, QString::fromStdString(error.what()));
        }
        return conditions;
    }
    SimulationPlan plan;
    plan.energiesGeV = numberListParameter(context, "energies", source);
    plan.energyMinGeV = context.number("energy_min");
    plan.energyMaxGeV = context.number("energy_max");
    plan.thetaMinDeg = context.number("theta_min");
    plan.thetaMaxDeg = context.number("theta_max");
    plan.events = std::size_t(context.integer("events"));
    plan.seed = std::uint64_t(context.integer("seed"));
    if (plan.energyMinGeV > plan.energyMaxGeV || plan.thetaMinDeg > plan.thetaMaxDeg) {
        throw SdkError(source, QStringLiteral("energy_min must not exceed energy_max, nor "
                                              "theta_min theta_max"));
    }
    for (std::size_t event = 0; event < plan.events; ++event) {
        const ShowerConditions c = conditionsFor(plan, event);
        conditions.energiesGeV.push_back(c.energyGeV);
        conditions.thetasRad.push_back(c.thetaDeg * std::numbers::pi / 180.0);
    }
    return conditions;
}

Conditions requestedConditions(const twins::sdk::ActionContext& context,
                               const QStringList& inputs) {
    const auto copies = std::size_t(context.integer("showers_per_condition"));
    const Conditions conditions = fileOrPlanConditions(context, inputs);
    return copies > 1 ? repeated(conditions, copies) : conditions;
}

void addBand(twins::sdk::CsvWriter& csv, const LayerBand& band) {
    for (double value : {band.mean, band.std, band.p16, band.p50, band.p84}) {
        csv.add(value);
    }
}

// For every (energy, theta) of spread_energies x spread_thetas: spread_showers GAN and
// reference showers, their per-layer bands side by side.
twins::sdk::CsvWriter spreadTable(const twins::sdk::ActionContext& context,
                                  const GanSampler& sampler, std::uint64_t seed) {
    const std::vector<double> energies = numberListParameter(context, "spread_energies", source);
    const std::vector<double> thetas = numberListParameter(context, "spread_thetas", source);
    const auto showers = std::size_t(context.integer("spread_showers"));
    twins::sdk::CsvWriter csv({"condition", "energy_gev", "theta_deg", "layer", "reference_mean",
                               "reference_std", "reference_p16", "reference_p50", "reference_p84",
                               "gan_mean", "gan_std", "gan_p16", "gan_p50", "gan_p84",
                               "std_ratio"});
    const ShowerSimulator simulator(seed);
    std::vector<float> cells;
    std::uint64_t condition = 0;
    for (double energy : energies) {
        for (double thetaDeg : thetas) {
            if (!(energy >= 2.0 && energy <= 500.0) || !(thetaDeg >= 60.0 && thetaDeg <= 120.0)) {
                throw SdkError(source, QStringLiteral("spread condition %1 GeV, %2 degrees is "
                                                      "outside 2-500 GeV, 60-120 degrees")
                                           .arg(energy)
                                           .arg(thetaDeg));
            }
            context.throwIfCancelled();
            ProfileSpread reference, gan;
            for (std::size_t i = 0; i < showers; ++i) {
                // Events far from those of any simulate run of the same seed.
                simulator.simulate({energy, thetaDeg}, (1ULL << 40) + condition * showers + i,
                                   cells);
                reference.add(cells.data());
            }
            const std::vector<double> e(showers, energy);
            const std::vector<double> t(showers, thetaDeg * std::numbers::pi / 180.0);
            sampler.generate(e.data(), t.data(), showers, seed + 7919 * (condition + 1), cells);
            for (std::size_t i = 0; i < showers; ++i) {
                gan.add(cells.data() + i * cellsPerShower);
            }
            const auto referenceBands = reference.bands();
            const auto ganBands = gan.bands();
            const std::string name =
                QStringLiteral("%1GeV_%2deg").arg(energy).arg(thetaDeg).toStdString();
            for (int layer = 0; layer < layers; ++layer) {
                csv.add(name).add(energy).add(thetaDeg).add(layer);
                addBand(csv, referenceBands[layer]);
                addBand(csv, ganBands[layer]);
                // NaN (no reference spread) is written as an empty field.
                csv.add(referenceBands[layer].std > 0.0
                            ? ganBands[layer].std / referenceBands[layer].std
                            : NAN);
                csv.endRow();
            }
            ++condition;
        }
    }
    return csv;
}

} // namespace

void generateAction(twins::sdk::ActionContext& context) {
    const QStringList inputs = context.inputs();
    if (inputs.isEmpty() || inputs.size() > 2) {
        throw SdkError(source, QStringLiteral("got %1 inputs; expected a train run (its id or "
                                              "outputs/), optionally followed by a showers file "
                                              "whose conditions to reproduce")
                                   .arg(inputs.size()));
    }
    const std::string model = modelInput(inputs[0], source);
    const Conditions conditions = requestedConditions(context, inputs);
    const auto seed = std::uint64_t(context.integer("seed"));
    const std::size_t total = conditions.energiesGeV.size();
    std::unique_ptr<GanSampler> sampler;
    try {
        sampler = std::make_unique<GanSampler>(model, context.integer("threads"),
                                               context.flag("calibration"),
                                               context.flag("energy_response"));
    } catch (const std::runtime_error& error) {
        throw SdkError(source, QString::fromStdString(error.what()));
    }
    // The conditions asked for against the model card's training domain: flagged on the
    // result (outputs/domain.json) and in the log when the GAN extrapolates.
    if (total > 0) {
        const auto [energyMin, energyMax] =
            std::minmax_element(conditions.energiesGeV.begin(), conditions.energiesGeV.end());
        const auto [thetaMin, thetaMax] =
            std::minmax_element(conditions.thetasRad.begin(), conditions.thetasRad.end());
        twins::sdk::recordTrainingDomain(
            context, QString::fromStdString(model),
            QJsonObject{{QStringLiteral("energy_gev"), QJsonArray{*energyMin, *energyMax}},
                        {QStringLiteral("theta_rad"), QJsonArray{*thetaMin, *thetaMax}}});
    }

    const QString path = outputPath(context, QStringLiteral("showers.h5"));
    const GanArchitecture& architecture = sampler->config().architecture;
    // What made the showers, for the log and the file: stage2=shapes runs no GAN at all.
    const QString generator = !architecture.twoStage ? QStringLiteral("3DGAN")
                              : architecture.lateralStage
                                  ? QStringLiteral("flow + learned lateral sampler")
                                  : QStringLiteral("flow + 3DGAN");
    ShowerFileWriter file(path.toStdString(), total, seed,
                          "twinbench calogan generate (conditional " + generator.toStdString() +
                              ", model " + model + ")");
    std::vector<float> cells;
    double seconds = 0.0, cpuSeconds = 0.0, samplingSum = 0.0;
    twins::insitu::Publisher publisher(context);
    for (std::size_t first = 0; first < total; first += blockShowers) {
        context.throwIfCancelled();
        const std::size_t count = std::min(blockShowers, total - first);
        const auto started = std::chrono::steady_clock::now();
        const double cpuStarted = twins::sdk::processCpuSeconds();
        // One seed per block: block k is the same whatever the number of showers after it.
        sampler->generate(conditions.energiesGeV.data() + first,
                          conditions.thetasRad.data() + first, count, seed * 1000003 + first, cells,
                          blockShowers);
        seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        cpuSeconds += twins::sdk::processCpuSeconds() - cpuStarted;
        for (std::size_t i = 0; i < count; ++i) {
            double sum = 0.0;
            for (int c = 0; c < cellsPerShower; ++c) {
                sum += cells[i * cellsPerShower + c];
            }
            samplingSum += sum / conditions.energiesGeV[first + i];
        }
        file.write(first, count, cells.data(), conditions.energiesGeV.data() + first,
                   conditions.thetasRad.data() + first);
        if (const auto block = std::int64_t(first / blockShowers);
            publisher.due(block, std::int64_t((total + blockShowers - 1) / blockShowers))) {
            publisher.publish(showersSnapshot(block, count, cells.data(),
                                              conditions.energiesGeV.data() + first,
                                              conditions.thetasRad.data() + first));
        }
        context.reportProgress(0.8 * double(first + count) / double(total),
                               QStringLiteral("%1 of %2 showers").arg(first + count).arg(total));
    }
    file.commit();
    const double rate = double(total) / seconds;
    context.reportMetric(0, QStringLiteral("showers_per_second"), rate);
    context.reportMetric(0, QStringLiteral("showers_per_cpu_second"), double(total) / cpuSeconds);
    context.reportMetric(0, QStringLiteral("mean_sampling_fraction"), samplingSum / double(total));
    context.log(QStringLiteral("%1 showers (%6) at %2 showers/s (%3 per CPU second, batch %4), "
                               "mean sampling fraction %5")
                    .arg(total)
                    .arg(rate, 0, 'g', 4)
                    .arg(double(total) / cpuSeconds, 0, 'g', 4)
                    .arg(blockShowers)
                    .arg(samplingSum / double(total), 0, 'g', 4)
                    .arg(generator));

    if (context.integer("spread_showers") > 0) {
        context.reportProgress(0.8, QStringLiteral("profile spread at fixed conditions"));
        spreadTable(context, *sampler, seed)
            .writeTo(outputPath(context, QStringLiteral("spread.csv")).toStdString());
    }
}

} // namespace calo
