// dedisperse: the classical peer. Incoherent dedispersion over DM trials of every frame of a
// simulate run (or of a filterbank observation folded at its period) -> outputs/dedispersion.csv
// (frame, best_dm, snr, detected) and outputs/dedispersion.json (threshold and how it was set,
// recall, false alarms and DM errors against the truth when the input carries it, throughput).
#include "ActionSupport.h"
#include "Dedisperser.h"
#include "FalseAlarmThreshold.h"
#include "Filterbank.h"
#include "Folding.h"
#include "FrameFile.h"
#include "ParallelFor.h"
#include "PulsarTwin.h"
#include "twinbench/jobs/CpuState.h"
#include "twinbench/sdk/Csv.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/Random.h"
#include "twinbench/sdk/SdkError.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace pulsar {

namespace {

using twins::sdk::SdkError;

const QString source = QStringLiteral("pulsar dedisperse");

// A frames file or a filterbank: a file as is, or a run's outputs/ holding frames.nc or
// observation.fil.
QString resolveInput(const QString& input) {
    if (!QFileInfo(input).isDir()) {
        if (!QFileInfo::exists(input)) {
            throw SdkError(source, QStringLiteral("input %1 does not exist (expected a simulate "
                                                  "or filterbank run, frames.nc or a .fil file)")
                                       .arg(input));
        }
        return input;
    }
    for (const char* name : {"frames.nc", "observation.fil"}) {
        const QString path = QDir(input).filePath(QLatin1String(name));
        if (QFileInfo::exists(path)) {
            return path;
        }
    }
    throw SdkError(source, QStringLiteral("input %1 holds neither frames.nc nor observation.fil "
                                          "(expected a pulsar simulate or filterbank run)")
                               .arg(input));
}

bool isFilterbank(const QString& path) {
    return path.endsWith(QLatin1String(".fil"), Qt::CaseInsensitive);
}

DedispersionSettings settingsFrom(const twins::sdk::ActionContext& context) {
    DedispersionSettings settings;
    settings.dmMin = context.number("dm_min_search");
    settings.dmMax = context.number("dm_max_search");
    settings.zeroDmFilter = context.flag("zero_dm_filter");
    settings.clipSigma = context.number("clip_sigma");
    return settings;
}

struct FrameSearch {
    std::vector<DedispersionResult> results;
    double seconds = 0.0;
    double channelSamples = 0.0;      // input channel-samples searched
    double trialChannelSamples = 0.0; // channel-samples summed over all trials
};

FrameSearch searchFrames(const FrameFileReader& file, const DedispersionSettings& settings,
                         int threads, twins::sdk::ActionContext& context, const QString& what) {
    FrameSearch search;
    search.results.resize(file.frames());
    const std::size_t channels = file.frequenciesGHz().size();
    const auto start = std::chrono::steady_clock::now();
    constexpr std::size_t block = 64;
    std::vector<std::vector<double>> frames;
    for (std::size_t first = 0; first < file.frames(); first += block) {
        context.throwIfCancelled();
        const std::size_t count = std::min(block, file.frames() - first);
        frames.resize(count);
        for (std::size_t i = 0; i < count; ++i) {
            frames[i] = file.frame(first + i); // the NetCDF library is called from one thread
        }
        twins::jobs::clearAvxUpperState();
        parallelFor(count, threads, [&](std::size_t i) {
            const double binMs = 1000.0 * file.periodsS()[first + i] * file.phaseStepDeg() / 360.0;
            const Dedisperser dedisperser(file.frequenciesGHz(), file.bins(), binMs, settings);
            search.results[first + i] = dedisperser.search(frames[i]);
        });
        for (std::size_t i = 0; i < count; ++i) {
            search.channelSamples += double(channels * file.bins());
            search.trialChannelSamples +=
                double(channels * file.bins() * search.results[first + i].trials);
        }
        context.reportProgress(
            double(first + count) / double(file.frames()),
            QStringLiteral("%1: %2 of %3 frames").arg(what).arg(first + count).arg(file.frames()));
    }
    search.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return search;
}

std::vector<double> pulsarFreeSnrs(const FrameFileReader& file, const FrameSearch& search) {
    std::vector<double> snrs;
    for (std::size_t i = 0; i < file.frames(); ++i) {
        if (file.labels()[3 * i] == 0.0) {
            snrs.push_back(search.results[i].snr);
        }
    }
    return snrs;
}

void writeResults(twins::sdk::ActionContext& context,
                  const std::vector<DedispersionResult>& results, double threshold) {
    twins::sdk::CsvWriter csv({"frame", "best_dm", "snr", "detected"});
    for (std::size_t i = 0; i < results.size(); ++i) {
        csv.add(i)
            .add(results[i].bestDm)
            .add(results[i].snr)
            .add(results[i].snr > threshold ? 1 : 0);
        csv.endRow();
    }
    csv.writeTo(outputPath(context, QStringLiteral("dedispersion.csv")));
}

void reportThroughput(twins::sdk::ActionContext& context, QJsonObject& summary,
                      double channelSamples, double trialChannelSamples, double seconds) {
    summary["seconds"] = seconds;
    summary["channel_samples_per_second"] = channelSamples / seconds;
    summary["trial_channel_samples_per_second"] = trialChannelSamples / seconds;
    context.reportMetric(0, QStringLiteral("channel_samples_per_second"), channelSamples / seconds);
    context.reportMetric(0, QStringLiteral("trial_channel_samples_per_second"),
                         trialChannelSamples / seconds);
}

void dedisperseFrames(twins::sdk::ActionContext& context, const QString& path,
                      const DedispersionSettings& settings, int threads) {
    std::unique_ptr<FrameFileReader> file;
    try {
        file = std::make_unique<FrameFileReader>(path.toStdString());
    } catch (const std::exception& error) {
        throw SdkError(source, QString::fromUtf8(error.what()));
    }
    const FrameSearch search = searchFrames(*file, settings, threads, context, "search");
    QJsonObject summary{{"input", path}, {"frames", qint64(file->frames())}};
    double threshold = context.number("threshold");
    const double rate = context.number("false_alarm_rate");
    if (threshold > 0.0) {
        summary["threshold_source"] = QStringLiteral("parameter");
    } else {
        std::vector<double> nulls;
        QString how;
        QString searched = path;
        const QStringList inputs = context.inputs();
        if (inputs.size() > 1) {
            const QString calibrationPath = resolveInput(inputs[1]);
            FrameFileReader calibration(calibrationPath.toStdString());
            const FrameSearch calibrated =
                searchFrames(calibration, settings, threads, context, "calibration");
            nulls = pulsarFreeSnrs(calibration, calibrated);
            searched = calibrationPath;
            how = QStringLiteral("pulsar-free frames of %1").arg(calibrationPath);
        } else {
            nulls = pulsarFreeSnrs(*file, search);
            how = QStringLiteral("pulsar-free frames of the input itself (in-sample)");
            context.log(QStringLiteral("no calibration input: the threshold is set on the "
                                       "input's own pulsar-free frames, so its false-alarm rate "
                                       "on them meets the target by construction"));
        }
        if (nulls.empty()) {
            throw SdkError(source, QStringLiteral("%1 holds no pulsar-free frame to set the "
                                                  "threshold on (threshold 0 calibrates it for "
                                                  "false_alarm_rate): give a threshold or a "
                                                  "calibration input with pulsar_fraction < 1")
                                       .arg(searched));
        }
        threshold = thresholdForFalseAlarmRate(nulls, rate);
        summary["threshold_source"] = how;
        summary["calibration_frames"] = qint64(nulls.size());
    }
    summary["threshold"] = threshold;
    summary["false_alarm_rate_target"] = rate;
    writeResults(context, search.results, threshold);

    // Against the truth the simulator wrote: recall, false alarms, DM error.
    std::size_t pulsars = 0, detected = 0, free = 0, falseAlarms = 0;
    std::vector<double> dmErrors;
    for (std::size_t i = 0; i < file->frames(); ++i) {
        const bool hit = search.results[i].snr > threshold;
        if (file->labels()[3 * i] != 0.0) {
            ++pulsars;
            detected += hit ? 1 : 0;
            if (hit) {
                dmErrors.push_back(std::abs(search.results[i].bestDm - file->dms()[i]));
            }
        } else {
            ++free;
            falseAlarms += hit ? 1 : 0;
        }
    }
    if (pulsars > 0) {
        summary["recall"] = double(detected) / double(pulsars);
        context.reportMetric(0, QStringLiteral("recall"), double(detected) / double(pulsars));
    }
    if (free > 0) {
        summary["false_alarm_rate"] = double(falseAlarms) / double(free);
        context.reportMetric(0, QStringLiteral("false_alarm_rate"),
                             double(falseAlarms) / double(free));
    }
    if (!dmErrors.empty()) {
        std::sort(dmErrors.begin(), dmErrors.end());
        summary["dm_error_median"] = dmErrors[dmErrors.size() / 2];
        summary["dm_error_max"] = dmErrors.back();
        context.reportMetric(0, QStringLiteral("dm_error_median"), dmErrors[dmErrors.size() / 2]);
    }
    context.reportMetric(0, QStringLiteral("threshold"), threshold);
    reportThroughput(context, summary, search.channelSamples, search.trialChannelSamples,
                     search.seconds);
    twins::sdk::writeJsonFile(
        QString::fromStdString(outputPath(context, QStringLiteral("dedispersion.json"))), summary);
    context.log(QStringLiteral("%1 frames searched in %2 s; threshold S/N %3; %4 of %5 pulsars "
                               "detected, %6 false alarms in %7 pulsar-free frames")
                    .arg(file->frames())
                    .arg(search.seconds, 0, 'g', 3)
                    .arg(threshold, 0, 'g', 4)
                    .arg(detected)
                    .arg(pulsars)
                    .arg(falseAlarms)
                    .arg(free));
}

// The null distribution of a folded observation: the same folded channels, each rotated in
// phase by a random amount, searched over the same trials. Rotating destroys the dispersion
// sweep (no DM lines the channels up) and keeps each channel's statistics and its RFI.
std::vector<double> rotatedChannelNulls(const std::vector<double>& folded, std::size_t channels,
                                        std::size_t bins, const Dedisperser& dedisperser,
                                        std::size_t count, std::uint64_t seed, int threads) {
    std::vector<double> snrs(count);
    parallelFor(count, threads, [&](std::size_t n) {
        twins::sdk::Random random(twins::sdk::streamSeed(seed, n));
        std::vector<double> rotated(folded.size());
        for (std::size_t c = 0; c < channels; ++c) {
            const auto shift = std::size_t(random.uniformIndex(bins));
            for (std::size_t k = 0; k < bins; ++k) {
                rotated[c * bins + (k + shift) % bins] = folded[c * bins + k];
            }
        }
        snrs[n] = dedisperser.search(rotated).snr;
    });
    return snrs;
}

void dedisperseFilterbank(twins::sdk::ActionContext& context, const QString& path,
                          const DedispersionSettings& settings, int threads) {
    FilterbankData data;
    try {
        data = readFilterbank(path.toStdString());
    } catch (const std::exception& error) {
        throw SdkError(source, QString::fromUtf8(error.what()));
    }
    const FilterbankHeader& h = data.header;
    double period = context.number("fold_period");
    if (!(period > 0.0)) {
        period = h.periodS;
    }
    if (!(period > 0.0)) {
        throw SdkError(source, QStringLiteral("%1 has no 'period' in its header: give "
                                              "fold_period (s)")
                                   .arg(path));
    }
    const auto bins = std::size_t(context.integer("fold_bins"));
    const auto channels = std::size_t(h.nchans);
    std::vector<double> frequencies(channels);
    for (std::size_t c = 0; c < channels; ++c) {
        frequencies[c] = 1e-3 * (h.fch1 + double(c) * h.foff);
    }
    const auto start = std::chrono::steady_clock::now();
    std::vector<double> folded;
    std::unique_ptr<Dedisperser> dedisperser;
    withSettingsChecked(source, [&] {
        folded = foldChannels(
            data.samples, channels, h.tsamp, period, bins,
            [&](std::size_t j, std::size_t c) { return double(data.values[j * channels + c]); });
        dedisperser = std::make_unique<Dedisperser>(frequencies, bins,
                                                    1000.0 * period / double(bins), settings);
    });
    twins::jobs::clearAvxUpperState();
    const DedispersionResult result = dedisperser->search(folded, threads);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    context.throwIfCancelled();

    QJsonObject summary{{"input", path},
                        {"fold_period_s", period},
                        {"fold_bins", qint64(bins)},
                        {"best_dm", result.bestDm},
                        {"snr", result.snr},
                        {"trials", qint64(result.trials)}};
    double threshold = context.number("threshold");
    if (threshold > 0.0) {
        summary["threshold_source"] = QStringLiteral("parameter");
    } else {
        const std::vector<double> nulls = rotatedChannelNulls(
            folded, channels, bins, *dedisperser, 100,
            std::uint64_t(context.parameters().value("seed").toInteger()), threads);
        threshold = thresholdForFalseAlarmRate(nulls, context.number("false_alarm_rate"));
        summary["threshold_source"] =
            QStringLiteral("100 searches of the folded channels rotated at random in phase");
    }
    summary["threshold"] = threshold;
    summary["detected"] = result.snr > threshold;
    writeResults(context, {result}, threshold);
    // Throughput of the dedispersion proper: the samples folded and the trials summed.
    const double channelSamples = double(data.samples * channels);
    reportThroughput(context, summary, channelSamples, double(channels * bins * result.trials),
                     seconds);
    context.reportMetric(0, QStringLiteral("best_dm"), result.bestDm);
    context.reportMetric(0, QStringLiteral("snr"), result.snr);
    twins::sdk::writeJsonFile(
        QString::fromStdString(outputPath(context, QStringLiteral("dedispersion.json"))), summary);
    context.log(QStringLiteral("folded at %1 s into %2 bins: best DM %3 pc cm-3, S/N %4 "
                               "(threshold %5) over %6 trials")
                    .arg(period)
                    .arg(bins)
                    .arg(result.bestDm)
                    .arg(result.snr, 0, 'g', 4)
                    .arg(threshold, 0, 'g', 4)
                    .arg(result.trials));
}

} // namespace

void dedisperseAction(twins::sdk::ActionContext& context) {
    const QStringList inputs = context.inputs();
    if (inputs.isEmpty()) {
        throw SdkError(source, QStringLiteral("expected an input: a simulate run (frames.nc) or a "
                                              "filterbank run (observation.fil), optionally "
                                              "followed by a simulate run to calibrate the "
                                              "threshold on"));
    }
    const QString path = resolveInput(inputs.first());
    const DedispersionSettings settings = settingsFrom(context);
    const int threads = computeThreads(context);
    context.log(QStringLiteral("dedispersing %1 over DM %2..%3 pc cm-3 on %4 threads")
                    .arg(path)
                    .arg(settings.dmMin)
                    .arg(settings.dmMax)
                    .arg(threads));
    withSettingsChecked(source, [&] {
        if (isFilterbank(path)) {
            dedisperseFilterbank(context, path, settings, threads);
        } else {
            dedisperseFrames(context, path, settings, threads);
        }
    });
}

} // namespace pulsar
