// detect_classical: the TempestExtremes-style detector (ClassicalDetector.h) over every step of
// a drivers file: nodes.csv per step (DetectNodes) and tracks.csv (StitchNodes).
#include "ActionSupport.h"
#include "ClassicalDetector.h"
#include "CycloneTwin.h"
#include "DriverFile.h"
#include "twinbench/sdk/SdkError.h"

#include <QThread>

#include <algorithm>
#include <future>

namespace cyclone {

namespace {

ClassicalFields readClassicalFields(const DriverFile& file, const std::string& t300,
                                    const std::string& t500, const std::string& gust,
                                    std::size_t step) {
    ClassicalFields fields;
    fields.msl = file.read(step).msl;
    fields.layerTemperature = file.readField(t300.empty() ? t500 : t300, step);
    if (!t300.empty() && !t500.empty()) {
        const std::vector<double> lower = file.readField(t500, step);
        for (std::size_t i = 0; i < lower.size(); ++i) {
            fields.layerTemperature[i] = 0.5 * (fields.layerTemperature[i] + lower[i]);
        }
    }
    if (!gust.empty()) {
        fields.gust = file.readField(gust, step);
    }
    return fields;
}

} // namespace

void detectClassicalAction(twins::sdk::ActionContext& context) {
    const std::string input = singleInput(
        context, QStringLiteral("detect_classical"), QStringLiteral("drivers.nc"),
        QStringLiteral("drivers.nc of a generate run, or an ERA5/CMIP6 NetCDF with msl, t_300 "
                       "and/or t_500 (optional i10fg)"));
    ClassicalSettings settings;
    settings.closedContourPa = context.number("closed_contour_pa");
    settings.closedContourDegrees = context.number("closed_contour_radius");
    settings.warmCoreDecreaseK = context.number("warm_core_decrease");
    settings.warmCoreDegrees = context.number("warm_core_radius");
    settings.mergeDegrees = context.number("merge_distance");
    settings.rangeDegrees = context.number("stitch_range");
    settings.minDurationHours = context.number("min_duration_hours");
    settings.maxGapHours = context.number("max_gap_hours");
    settings.minWindMs = context.number("stitch_min_wind");
    settings.maxLatitude = context.number("stitch_max_latitude");

    const DriverFile file(input);
    settings.calendar = file.calendar();
    const std::string t300 = file.findVariable({"t_300", "ta_300", "ta300"});
    const std::string t500 = file.findVariable({"t_500", "ta_500", "ta500"});
    const std::string gust = file.findVariable({"i10fg", "fg10"});
    if (t300.empty() && t500.empty()) {
        throw twins::sdk::SdkError(QStringLiteral("cyclone detect_classical"),
                                   QStringLiteral("input %1 has neither t_300 nor t_500 (the "
                                                  "warm-core test needs one)")
                                       .arg(QString::fromStdString(input)));
    }
    const qint64 requested = context.integer("threads");
    const auto threads = static_cast<std::size_t>(
        requested > 0 ? requested : std::max(1, QThread::idealThreadCount()));
    context.log(
        QStringLiteral("classical detector after TempestExtremes' criteria on %1 steps of "
                       "%2: msl closed contour +%3 Pa within %4 deg, warm core -%5 K of "
                       "the %6 layer within %7 deg, merge %8 deg; stitching range %9 deg, "
                       "gaps <= %10 h, duration >= %11 h, wind >= %12 m/s and lat <= %13 "
                       "at %14 nodes; %15 threads")
            .arg(file.steps())
            .arg(QString::fromStdString(input))
            .arg(settings.closedContourPa)
            .arg(settings.closedContourDegrees)
            .arg(settings.warmCoreDecreaseK)
            .arg(QString::fromStdString(t300.empty() || t500.empty() ? (t300.empty() ? t500 : t300)
                                                                     : t300 + " + " + t500))
            .arg(settings.warmCoreDegrees)
            .arg(settings.mergeDegrees)
            .arg(settings.rangeDegrees)
            .arg(settings.maxGapHours)
            .arg(settings.minDurationHours)
            .arg(gust.empty() ? QStringLiteral("(no gusts: not checked)")
                              : QString::number(settings.minWindMs))
            .arg(settings.maxLatitude)
            .arg(settings.thresholdSteps)
            .arg(threads));

    // Steps are read one after the other (NetCDF is read from one thread), then a batch of
    // `threads` steps is searched at once: all but the first on threads of their own, the first
    // on this one. The nodes keep the order of the steps.
    std::vector<Detection> nodes;
    for (std::size_t first = 0; first < file.steps(); first += threads) {
        context.throwIfCancelled();
        const std::size_t last = std::min(file.steps(), first + threads);
        std::vector<ClassicalFields> batch;
        for (std::size_t step = first; step < last; ++step) {
            batch.push_back(readClassicalFields(file, t300, t500, gust, step));
        }
        auto search = [&](std::size_t k) {
            return detectNodes(batch[k], file.latitudes(), file.longitudes(),
                               file.times()[first + k], settings);
        };
        std::vector<std::future<std::vector<Detection>>> others;
        for (std::size_t k = 1; k < batch.size(); ++k) {
            others.push_back(std::async(std::launch::async, search, k));
        }
        std::vector<std::vector<Detection>> found{search(0)};
        for (auto& other : others) {
            found.push_back(other.get());
        }
        for (std::size_t k = 0; k < found.size(); ++k) {
            nodes.insert(nodes.end(), found[k].begin(), found[k].end());
            context.reportMetric(static_cast<qint64>(first + k), QStringLiteral("nodes"),
                                 static_cast<double>(found[k].size()));
        }
        context.reportProgress(static_cast<double>(last) / file.steps(),
                               QStringLiteral("step %1 of %2: %3 nodes so far")
                                   .arg(last)
                                   .arg(file.steps())
                                   .arg(nodes.size()));
    }
    const std::vector<Detection> tracks = stitchNodes(nodes, settings);
    const long trackCount = tracks.empty() ? 0 : tracks.back().trackId;
    writeDetectionsCsv(outputPath(context, QStringLiteral("detections.csv")), nodes, false);
    writeDetectionsCsv(outputPath(context, QStringLiteral("tracks.csv")), tracks, true);
    context.reportMetric(0, QStringLiteral("detections"), static_cast<double>(nodes.size()));
    context.reportMetric(0, QStringLiteral("tracks"), static_cast<double>(trackCount));
    context.reportMetric(0, QStringLiteral("track_points"), static_cast<double>(tracks.size()));
    context.log(QStringLiteral("%1 nodes in %2 steps; stitched into %3 tracks (%4 points)")
                    .arg(nodes.size())
                    .arg(file.steps())
                    .arg(trackCount)
                    .arg(tracks.size()));
}

} // namespace cyclone
