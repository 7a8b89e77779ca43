// The interactive `shower` query of the session worker, the Explore dock's what-if of the
// calorimeter twin: one GAN shower and, for the same conditions, one Monte Carlo reference
// shower, answered as a `volume` (plugins/README.md, "Answer conventions"). The GAN's weights
// are loaded on the first query of a model and kept (CaloTwin::m_samplers), so later queries
// only pay for one forward pass of the generator and one simulated shower.
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

// The defaults and ranges below are those of the query's parameters in calogan.json. The
// Explore dock sends every parameter resolved (checked, defaults filled); other clients
// (twinbench-run serve scripts, the tests) may leave out the ones with a default.
constexpr double defaultEnergyGeV = 100.0;
constexpr double defaultThetaDeg = 90.0;
constexpr double defaultSeed = 1.0;
constexpr double largestSeed = 2147483647.0;

double number(const QJsonObject& arguments, const char* key, double fallback, double low,
              double high, const QString& unit) {
    const QJsonValue value = arguments.value(QLatin1String(key));
    if (value.isUndefined()) {
        return fallback;
    }
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

// The model argument names a train run in any of the forms a user has at hand: the run
// directory (as the Runs dock shows it), its outputs/ directory (what `generate` takes as
// input), the directory holding gan.json and generator.pt (a model copied elsewhere), or one of
// those two files. Returns the canonical directory holding gan.json, so every form of one
// model shares one loaded generator.
QString modelDirectory(const QString& argument) {
    if (argument.isEmpty()) {
        throw SdkError(source, QStringLiteral("argument 'model' is required: a calogan train "
                                              "run's directory, its outputs/ directory or the "
                                              "directory of its gan.json and generator.pt"));
    }
    const QFileInfo given(argument);
    if (!given.exists()) {
        throw SdkError(source, QStringLiteral("argument 'model': %1 does not exist (expected a "
                                              "calogan train run's directory, its outputs/ "
                                              "directory or the directory of its gan.json)")
                                   .arg(argument));
    }
    const QDir directory = given.isDir() ? QDir(given.absoluteFilePath()) : given.absoluteDir();
    const QString ganJson = QStringLiteral("gan.json");
    for (const QString& candidate :
         {directory.absolutePath(), directory.filePath(QStringLiteral("outputs"))}) {
        const QFileInfo config(QDir(candidate).filePath(ganJson));
        if (config.isFile()) {
            return config.canonicalPath();
        }
    }
    throw SdkError(source, QStringLiteral("argument 'model': neither %1 nor its outputs/ holds "
                                          "gan.json (expected a succeeded calogan train run's "
                                          "directory, its outputs/ directory or the directory "
                                          "of its gan.json and generator.pt)")
                               .arg(directory.absolutePath()));
}

QJsonObject condition(double value, const QString& units) {
    return QJsonObject{{QStringLiteral("value"), value}, {QStringLiteral("units"), units}};
}

// One shower as a volume of the answer: the cells as base64 float32 (little-endian, the
// machine's order on every platform the worker runs on) in cellIndex order, (x * 51 + y) * 25
// + layer, i.e. the layer varies fastest ("z_fastest"), plus the numbers a script shows beside
// the volume (extra fields, ignored by the dock).
QJsonObject volumeJson(const QString& title, const float* cells, double energyGeV,
                       double elapsedMs) {
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
    return QJsonObject{
        {QStringLiteral("name"), QStringLiteral("Energy")},
        {QStringLiteral("units"), QStringLiteral("GeV")},
        {QStringLiteral("title"), title},
        {QStringLiteral("dims"), QJsonArray{cellsX, cellsY, layers}},
        {QStringLiteral("spacing"), QJsonArray{cellSizeMm, cellSizeMm, layerPitchMm}},
        {QStringLiteral("axes"), QJsonArray{"x", "y", "layer"}},
        {QStringLiteral("axis_units"), QJsonArray{"mm", "mm", "mm"}},
        {QStringLiteral("order"), QStringLiteral("z_fastest")},
        {QStringLiteral("float32_base64"), QString::fromLatin1(bytes.toBase64())},
        {QStringLiteral("sum_gev"), sum},
        {QStringLiteral("sampling_fraction"), sum / energyGeV},
        {QStringLiteral("longitudinal_gev"), longitudinal},
        {QStringLiteral("milliseconds"), elapsedMs}};
}

} // namespace

QJsonObject showerQuery(const QJsonObject& arguments,
                        std::map<std::string, std::unique_ptr<GanSampler>>& samplers) {
    const QString model = modelDirectory(arguments.value(QStringLiteral("model")).toString());
    const double energy =
        number(arguments, "energy", defaultEnergyGeV, 2.0, 500.0, QStringLiteral("GeV"));
    const double thetaDeg =
        number(arguments, "theta", defaultThetaDeg, 60.0, 120.0, QStringLiteral("degrees"));
    const QJsonValue seedValue = arguments.value(QStringLiteral("seed"));
    const double seedNumber = seedValue.toDouble(defaultSeed);
    if (!seedValue.isUndefined() &&
        !(seedValue.isDouble() && seedNumber >= 0.0 && seedNumber <= largestSeed &&
          std::trunc(seedNumber) == seedNumber)) {
        throw SdkError(source, QStringLiteral("argument 'seed' must be a whole number from 0 to "
                                              "2147483647"));
    }
    const auto seed = std::uint64_t(seedNumber);
    const QJsonValue referenceValue = arguments.value(QStringLiteral("reference"));
    if (!referenceValue.isUndefined() && !referenceValue.isBool()) {
        throw SdkError(source, QStringLiteral("argument 'reference' must be true or false"));
    }
    const bool withReference = referenceValue.toBool(true);

    const auto started = Clock::now();
    auto found = samplers.find(model.toStdString());
    bool loaded = false;
    if (found == samplers.end()) {
        try {
            // One thread: a query is one shower, too small to share, and the session worker
            // should not take every core of a machine the user is also working on.
            found = samplers
                        .emplace(model.toStdString(),
                                 std::make_unique<GanSampler>(model.toStdString(), 1))
                        .first;
        } catch (const std::runtime_error& error) {
            throw SdkError(
                source,
                QStringLiteral("argument 'model': %1").arg(QString::fromStdString(error.what())));
        }
        loaded = true;
    }
    const double loadMs = milliseconds(started);
    const GanSampler& sampler = *found->second;
    const double thetaRad = thetaDeg * std::numbers::pi / 180.0;
    const bool extrapolated = energy < sampler.config().trainingEnergyMinGeV ||
                              energy > sampler.config().trainingEnergyMaxGeV;

    const auto ganStarted = Clock::now();
    std::vector<float> cells;
    sampler.generate(&energy, &thetaRad, 1, seed, cells, 1);
    QJsonArray volumes{
        volumeJson(QStringLiteral("GAN"), cells.data(), energy, milliseconds(ganStarted))};
    if (withReference) {
        const auto referenceStarted = Clock::now();
        ShowerSimulator(seed).simulate({energy, thetaDeg}, 0, cells);
        volumes.append(volumeJson(QStringLiteral("Monte Carlo reference"), cells.data(), energy,
                                  milliseconds(referenceStarted)));
    }
    // The dock shows only the title and the conditions beside the volumes, so an extrapolation
    // is said in the title, where the user looks.
    const QString title =
        extrapolated ? QStringLiteral("Electron shower (GAN extrapolated: trained on %1-%2 GeV)")
                           .arg(sampler.config().trainingEnergyMinGeV, 0, 'f', 0)
                           .arg(sampler.config().trainingEnergyMaxGeV, 0, 'f', 0)
                     : QStringLiteral("Electron shower");
    return QJsonObject{
        {QStringLiteral("title"), title},
        {QStringLiteral("conditions"),
         QJsonObject{{QStringLiteral("energy"), condition(energy, QStringLiteral("GeV"))},
                     {QStringLiteral("theta"), condition(thetaDeg, QStringLiteral("degree"))}}},
        {QStringLiteral("volumes"), volumes},
        {QStringLiteral("seed"), double(seed)},
        {QStringLiteral("model"), model},
        {QStringLiteral("extrapolated"), extrapolated},
        {QStringLiteral("model_loaded_now"), loaded},
        {QStringLiteral("load_milliseconds"), loadMs},
        {QStringLiteral("milliseconds"), milliseconds(started)}};
}

} // namespace calo
