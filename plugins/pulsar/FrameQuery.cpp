// The `frame` query (FrameQuery.h): the simulator of `simulate` (FrameSimulator.h) with every
// draw pinned to what the user asked (one DM, one period, one S/N, each RFI family present or
// not at one intensity), and the networks of `classify` on the frame it makes.
#include "FrameQuery.h"

#include "BandpassSelection.h"
#include "DelayGraph.h"
#include "FrameSimulator.h"
#include "NetConfig.h"
#include "PulsarNets.h"
#include "twinbench/sdk/SdkError.h"

#include <QByteArray>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace pulsar {

struct FrameModel {
    NetConfig config;
    std::unique_ptr<PulsarNetsPredictor> predictor;
};

void FrameModelDeleter::operator()(FrameModel* model) const {
    delete model;
}

namespace {

using twins::sdk::SdkError;
using Clock = std::chrono::steady_clock;

const QString source = QStringLiteral("pulsar query frame");

// Defaults and ranges are those of the query's parameters in pulsar.json; the Explore dock
// sends every one resolved, other clients (scripts, tests) may leave out those with a default.
double number(const QJsonObject& arguments, const char* key, double fallback, double low,
              double high) {
    const QJsonValue value = arguments.value(QLatin1String(key));
    if (value.isUndefined()) {
        return fallback;
    }
    if (!value.isDouble() || !(value.toDouble() >= low && value.toDouble() <= high)) {
        throw SdkError(source, QStringLiteral("argument '%1' must be a number from %2 to %3")
                                   .arg(QLatin1String(key))
                                   .arg(low)
                                   .arg(high));
    }
    return value.toDouble();
}

bool flag(const QJsonObject& arguments, const char* key, bool fallback) {
    const QJsonValue value = arguments.value(QLatin1String(key));
    if (value.isUndefined()) {
        return fallback;
    }
    if (!value.isBool()) {
        throw SdkError(
            source, QStringLiteral("argument '%1' must be true or false").arg(QLatin1String(key)));
    }
    return value.toBool();
}

double milliseconds(Clock::time_point since) {
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

// The model loaded once per session, by the canonical directory of its pulsar_nets.json (a
// train run's directory, its outputs/ or that directory itself all name one model).
FrameModel& loadModel(const QString& argument, FrameModels& models, bool& loadedNow) {
    if (argument.isEmpty()) {
        throw SdkError(source, QStringLiteral("argument 'model' is required: a pulsar train "
                                              "run's directory or its outputs/ directory"));
    }
    const QFileInfo given(argument);
    if (!given.exists()) {
        throw SdkError(source, QStringLiteral("argument 'model': %1 does not exist (expected a "
                                              "pulsar train run's directory or its outputs/)")
                                   .arg(argument));
    }
    const QDir directory = given.isDir() ? QDir(given.absoluteFilePath()) : given.absoluteDir();
    QString found;
    for (const QString& candidate :
         {directory.absolutePath(), directory.filePath(QStringLiteral("outputs"))}) {
        const QFileInfo config(QDir(candidate).filePath(QLatin1String(netConfigFile)));
        if (config.isFile()) {
            found = config.canonicalPath();
            break;
        }
    }
    if (found.isEmpty()) {
        throw SdkError(source, QStringLiteral("argument 'model': neither %1 nor its outputs/ "
                                              "holds %2 (expected a succeeded pulsar train run)")
                                   .arg(directory.absolutePath(), QLatin1String(netConfigFile)));
    }
    loadedNow = false;
    auto it = models.find(found);
    if (it == models.end()) {
        auto model = std::unique_ptr<FrameModel, FrameModelDeleter>(new FrameModel);
        const QDir dir(found);
        model->config = readNetConfig(dir.filePath(QLatin1String(netConfigFile)), source);
        try {
            // One thread: a query is one frame, and the session worker answers one at a time.
            model->predictor = std::make_unique<PulsarNetsPredictor>(
                dir.filePath(QLatin1String(netWeightsFile)).toStdString(),
                model->config.architecture, 1);
        } catch (const std::exception& error) {
            throw SdkError(source, QString::fromUtf8(error.what()));
        }
        it = models.emplace(found, std::move(model)).first;
        loadedNow = true;
    }
    return *it->second;
}

QJsonObject condition(double value, const QString& units) {
    return QJsonObject{{QStringLiteral("value"), value}, {QStringLiteral("units"), units}};
}

template <typename T> QString base64(const std::vector<T>& values) {
    const QByteArray bytes(reinterpret_cast<const char*>(values.data()),
                           qsizetype(values.size() * sizeof(T)));
    return QString::fromLatin1(bytes.toBase64());
}

} // namespace

QJsonObject frameQuery(const QJsonObject& arguments, FrameModels& models) {
    const Clock::time_point began = Clock::now();
    bool loadedNow = false;
    FrameModel& model =
        loadModel(arguments.value(QStringLiteral("model")).toString(), models, loadedNow);
    const double loadMs = milliseconds(began);

    SimulationConfig config;
    config.channels = int(number(arguments, "channels", defaultChannels, 2, 8192));
    config.seed = std::uint64_t(number(arguments, "seed", 1, 0, 2147483647));
    const bool pulsarPresent = flag(arguments, "pulsar", true);
    const bool nbrfi = flag(arguments, "nbrfi", false);
    const bool bbrfi = flag(arguments, "bbrfi", false);
    config.pulsarFraction = pulsarPresent ? 1.0 : 0.0;
    config.nbrfiFraction = nbrfi ? 1.0 : 0.0;
    config.bbrfiFraction = bbrfi ? 1.0 : 0.0;
    const double snr = number(arguments, "snr", 20.0, 1.0, 1000.0);
    config.snrMin = config.snrMax = snr;
    const double period = number(arguments, "period", 0.5, 0.001, 100.0);
    config.periodMinS = config.periodMaxS = period;
    const double dm = number(arguments, "dm", 40.0, 0.0, 5000.0);
    config.dm = dm;
    config.dmSpread = 0.0;
    const double intensity = number(arguments, "rfi_intensity", 10.0, 0.0, 1000.0);
    config.rfi.intensityMin = config.rfi.intensityMax = intensity;
    const QString overlay = arguments.value(QStringLiteral("overlay")).toString("predicted");
    if (overlay != QLatin1String("predicted") && overlay != QLatin1String("truth")) {
        throw SdkError(source, QStringLiteral("argument 'overlay' must be 'predicted' or 'truth', "
                                              "not '%1'")
                                   .arg(overlay));
    }

    const Clock::time_point simulated = Clock::now();
    std::unique_ptr<FrameSimulator> simulator;
    try {
        simulator = std::make_unique<FrameSimulator>(config);
    } catch (const std::invalid_argument& error) {
        throw SdkError(source, QString::fromUtf8(error.what()));
    }
    const Frame frame = simulator->simulate(0);
    const FrameGrid& frameGrid = simulator->grid();
    const double simulateMs = milliseconds(simulated);

    const Clock::time_point classified = Clock::now();
    const NetworkGrid grid = model.config.architecture.grid;
    const std::size_t channels = frameGrid.channels();
    const std::size_t bins = frameGrid.bins();
    std::vector<float> input;
    QString bandpass;
    try {
        // A model trained on another receiver meets the simulator's default one here: its
        // bandpass is then measured from this one frame (BandpassSelection.h), and said so.
        const PlannedFrames planned = planFrames(
            model.config, [&](std::size_t) { return frame.data; }, 1, frameGrid.frequenciesGHz,
            bins, 1);
        bandpass = planned.bandpass.statement;
        input = networkFeatures(frame.data.data(), channels, bins, planned.plan,
                                model.config.normalisation);
    } catch (const std::invalid_argument& error) {
        throw SdkError(source, QString::fromUtf8(error.what()));
    }
    PulsarNetsPredictor::Output out;
    try {
        out = model.predictor->predict(input.data(), 1, true);
    } catch (const std::exception& error) {
        throw SdkError(source, QString::fromUtf8(error.what()));
    }
    const double classifyMs = milliseconds(classified);

    // The overlay on the frame's own pixels: the simulator's mask, or the U-Net's (probability
    // >= 0.5) on the grid cell each pixel falls in.
    std::vector<std::uint8_t> mask(channels * bins, 0);
    QString maskName;
    if (overlay == QLatin1String("truth")) {
        mask = frame.mask;
        maskName = QStringLiteral("pulsar and RFI (simulator's truth)");
    } else {
        for (std::size_t c = 0; c < channels; ++c) {
            const std::size_t column = c * std::size_t(grid.channels) / channels;
            for (std::size_t k = 0; k < bins; ++k) {
                const std::size_t row = k * std::size_t(grid.phaseBins) / bins;
                mask[c * bins + k] =
                    out.masks[row * std::size_t(grid.channels) + column] >= 0.5f ? 1 : 0;
            }
        }
        maskName = QStringLiteral("pulsar and RFI (U-Net's prediction)");
    }
    const std::vector<float> values(frame.data.begin(), frame.data.end());

    const char* const names[labelCount] = {"pulsar", "nbrfi", "bbrfi"};
    const bool truth[labelCount] = {frame.parameters.pulsar, frame.parameters.nbrfi,
                                    frame.parameters.bbrfi};
    QJsonObject probabilities, predicted, labels;
    for (int l = 0; l < labelCount; ++l) {
        const double p = out.probabilities[std::size_t(l)];
        probabilities.insert(QLatin1String(names[l]), p);
        predicted.insert(QLatin1String(names[l]), p >= model.config.thresholds[std::size_t(l)]);
        labels.insert(QLatin1String(names[l]), truth[l]);
    }
    QStringList rfi;
    if (nbrfi) {
        rfi << QStringLiteral("NBRFI");
    }
    if (bbrfi) {
        rfi << QStringLiteral("BBRFI");
    }
    const double width = frameGrid.channelWidthGHz;
    const QJsonObject spectrogram{
        {QStringLiteral("bins"), qint64(bins)},
        {QStringLiteral("channels"), qint64(channels)},
        {QStringLiteral("bin"),
         QJsonObject{
             {QStringLiteral("name"), QStringLiteral("Phase")},
             {QStringLiteral("units"), QStringLiteral("degree")},
             {QStringLiteral("start"), frameGrid.phasesDeg.front() - 0.5 * frameGrid.phaseStepDeg},
             {QStringLiteral("step"), frameGrid.phaseStepDeg}}},
        {QStringLiteral("frequency"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("Frequency")},
                     {QStringLiteral("units"), QStringLiteral("GHz")},
                     {QStringLiteral("start"), frameGrid.frequenciesGHz.front() + 0.5 * width},
                     {QStringLiteral("step"), -width}}},
        {QStringLiteral("value"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Power")},
                                              {QStringLiteral("units"), QStringLiteral("K")}}},
        {QStringLiteral("float32_base64"), base64(values)},
        {QStringLiteral("mask"), QJsonObject{{QStringLiteral("name"), maskName},
                                             {QStringLiteral("uint8_base64"), base64(mask)}}}};
    return QJsonObject{
        {QStringLiteral("title"),
         QStringLiteral("Simulated frame: P(pulsar) %1, P(NBRFI) %2, P(BBRFI) %3")
             .arg(out.probabilities[0], 0, 'f', 2)
             .arg(out.probabilities[1], 0, 'f', 2)
             .arg(out.probabilities[2], 0, 'f', 2)},
        {QStringLiteral("conditions"),
         QJsonObject{{QStringLiteral("DM"), condition(dm, QStringLiteral("pc cm-3"))},
                     {QStringLiteral("period"), condition(period, QStringLiteral("s"))},
                     {QStringLiteral("S/N"),
                      pulsarPresent ? QJsonValue(snr) : QJsonValue(QStringLiteral("no pulsar"))},
                     {QStringLiteral("RFI"),
                      rfi.isEmpty() ? QStringLiteral("none") : rfi.join(QStringLiteral(" + "))}}},
        {QStringLiteral("spectrogram"), spectrogram},
        {QStringLiteral("probabilities"), probabilities},
        {QStringLiteral("predicted"), predicted},
        {QStringLiteral("labels"), labels},
        {QStringLiteral("bandpass"), bandpass},
        {QStringLiteral("model_loaded_now"), loadedNow},
        {QStringLiteral("milliseconds"),
         QJsonObject{{QStringLiteral("load"), loadMs},
                     {QStringLiteral("simulate"), simulateMs},
                     {QStringLiteral("classify"), classifyMs},
                     {QStringLiteral("total"), milliseconds(began)}}}};
}

} // namespace pulsar
