// The interactive `shower` query of the session worker: one GAN shower and, for the same
// conditions, one Monte Carlo reference shower. The GAN's weights are loaded on the first
// query of a model and kept (CaloTwin::m_samplers), so later queries only pay for one forward
// pass of the generator and one simulated shower.
#include "CaloTwin.h"
#include "GanSampler.h"
#include "Geometry.h"
#include "ShowerSimulator.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <chrono>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace calo {

namespace {

using twins::sdk::SdkError;
using Clock = std::chrono::steady_clock;

const QString source = QStringLiteral("calogan query shower");

double number(const QJsonObject& arguments, const char* key, double low, double high,
              const QString& unit) {
    const QJsonValue value = arguments.value(QLatin1String(key));
    if (!value.isDouble() || !(value.toDouble() >= low && value.toDouble() <= high)) {
        throw SdkError(source, QStringLiteral("argument '%1' must be a number from %2 to %3 %4")
                                   .arg(QLatin1String(key))
                                   .arg(low)
                                   .arg(high)
                                   .arg(unit));
    }
    return value.toDouble();
}

double milliseconds(Clock::time_point since) {
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

// One shower as the answer carries it: the cells as base64 float32 (little-endian, the
// machine's order on every platform the worker runs on) in cellIndex order, plus the
// numbers a view shows beside the volume.
QJsonObject showerJson(const float* cells, double energyGeV, double elapsedMs) {
    QJsonArray longitudinal;
    double sum = 0.0;
    for (int layer = 0; layer < layers; ++layer) {
        double energy = 0.0;
        for (int column = 0; column < cellsX * cellsY; ++column) {
            energy += cells[column * layers + layer];
        }
        longitudinal.append(energy);
        sum += energy;
    }
    const QByteArray bytes(reinterpret_cast<const char*>(cells),
                           qsizetype(cellsPerShower * sizeof(float)));
    return QJsonObject{{"cells", QString::fromLatin1(bytes.toBase64())},
                       {"sum_gev", sum},
                       {"sampling_fraction", sum / energyGeV},
                       {"longitudinal_gev", longitudinal},
                       {"milliseconds", elapsedMs}};
}

} // namespace

QJsonObject showerQuery(const QJsonObject& arguments,
                        std::map<std::string, std::unique_ptr<GanSampler>>& samplers) {
    const QString modelArgument = arguments.value(QStringLiteral("model")).toString();
    if (modelArgument.isEmpty()) {
        throw SdkError(source, QStringLiteral("argument 'model' must name a calogan train run's "
                                              "outputs/ directory (with gan.json and "
                                              "generator.pt)"));
    }
    const double energy = number(arguments, "energy", 2.0, 500.0, QStringLiteral("GeV"));
    const double thetaDeg = number(arguments, "theta", 60.0, 120.0, QStringLiteral("degrees"));
    const QJsonValue seedValue = arguments.value(QStringLiteral("seed"));
    if (!seedValue.isUndefined() && !(seedValue.isDouble() && seedValue.toDouble() >= 0.0)) {
        throw SdkError(source, QStringLiteral("argument 'seed' must be a whole number >= 0"));
    }
    const auto seed = std::uint64_t(seedValue.toDouble(0.0));
    const bool withReference = arguments.value(QStringLiteral("reference")).toBool(true);

    const auto started = Clock::now();
    const std::string model =
        QDir(QFileInfo(modelArgument).isDir() ? modelArgument
                                              : QFileInfo(modelArgument).absolutePath())
            .absolutePath()
            .toStdString();
    auto found = samplers.find(model);
    bool loaded = false;
    if (found == samplers.end()) {
        try {
            // One thread: a query is one shower, too small to share, and the session worker
            // should not take every core of a machine the user is also working on.
            found = samplers.emplace(model, std::make_unique<GanSampler>(model, 1)).first;
        } catch (const std::runtime_error& error) {
            throw SdkError(source, QString::fromStdString(error.what()));
        }
        loaded = true;
    }
    const double loadMs = milliseconds(started);
    const GanSampler& sampler = *found->second;
    const double thetaRad = thetaDeg * std::numbers::pi / 180.0;

    const auto ganStarted = Clock::now();
    std::vector<float> cells;
    sampler.generate(&energy, &thetaRad, 1, seed, cells, 1);
    QJsonObject answer{
        {"energy_gev", energy},
        {"theta_deg", thetaDeg},
        {"seed", double(seed)},
        {"model", QString::fromStdString(model)},
        {"shape", QJsonArray{cellsX, cellsY, layers}},
        {"axes", QJsonArray{"x", "y", "layer"}},
        {"spacing_mm", QJsonArray{cellSizeMm, cellSizeMm, layerPitchMm}},
        {"units", "GeV"},
        {"encoding", "base64 of float32 little-endian, index (x * 51 + y) * 25 + layer"},
        {"extrapolated", energy < sampler.config().trainingEnergyMinGeV ||
                             energy > sampler.config().trainingEnergyMaxGeV},
        {"model_loaded_now", loaded},
        {"load_milliseconds", loadMs},
        {"gan", showerJson(cells.data(), energy, milliseconds(ganStarted))}};
    if (withReference) {
        const auto referenceStarted = Clock::now();
        ShowerSimulator(seed).simulate({energy, thetaDeg}, 0, cells);
        answer.insert("reference",
                      showerJson(cells.data(), energy, milliseconds(referenceStarted)));
    }
    answer.insert("milliseconds", milliseconds(started));
    return answer;
}

} // namespace calo
