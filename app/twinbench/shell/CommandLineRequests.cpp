#include "shell/CommandLineRequests.h"

#include "export/formats/ExportFormats.h"
#include "shell/LaunchOptions.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/ColorRange.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace twins::app {

namespace {

// --size WxH, 64 to 8192 pixels a side.
QSize figureSize(const QString& text) {
    static const QRegularExpression sizePattern(QStringLiteral("^(\\d+)x(\\d+)$"));
    const auto match = sizePattern.match(text);
    const int width = match.hasMatch() ? match.captured(1).toInt() : 0;
    const int height = match.hasMatch() ? match.captured(2).toInt() : 0;
    if (width < 64 || height < 64 || width > 8192 || height > 8192) {
        throw FigureExportError("bad --size '" + text.toStdString() +
                                "': expected WIDTHxHEIGHT in pixels, 64 to 8192, e.g. 1600x900");
    }
    return QSize(width, height);
}

// Frames per second an animation may ask for.
constexpr int maximumFps = 60;

void readEncodingOptions(const LaunchOptions& options, FigureRequest& request) {
    using Encoding = FigureRequest::Encoding;
    if (options.encoding.isEmpty() && options.uncertainty.isEmpty()) {
        if (!options.threshold.isEmpty()) {
            throw FigureExportError("--threshold goes with --encoding hatch or exceedance");
        }
        return;
    }
    if (options.uncertainty.isEmpty()) {
        throw FigureExportError("--encoding needs the uncertainty variable: --uncertainty VAR2");
    }
    const QString encoding = options.encoding.toLower();
    if (encoding == QLatin1String("spread")) {
        request.encoding = Encoding::Spread;
    } else if (encoding == QLatin1String("vsup")) {
        request.encoding = Encoding::Vsup;
    } else if (encoding == QLatin1String("hatch")) {
        request.encoding = Encoding::Hatch;
    } else if (encoding == QLatin1String("exceedance")) {
        request.encoding = Encoding::Exceedance;
    } else if (encoding.isEmpty()) {
        throw FigureExportError(
            "--uncertainty needs an encoding: --encoding spread|vsup|hatch|exceedance");
    } else {
        throw FigureExportError("unknown encoding '" + options.encoding.toStdString() +
                                "'; choose spread, vsup, hatch or exceedance");
    }
    request.uncertaintyVariable = options.uncertainty;
    if (!options.threshold.isEmpty()) {
        bool ok = false;
        const double threshold = options.threshold.toDouble(&ok);
        // A variability threshold is a size (>= 0); an exceedance threshold any value.
        const bool sizeNeeded = request.encoding == Encoding::Hatch;
        if (!ok || !std::isfinite(threshold) || (sizeNeeded && threshold < 0.0)) {
            throw FigureExportError("bad --threshold '" + options.threshold.toStdString() +
                                    "': expected a number" + (sizeNeeded ? " >= 0" : "") +
                                    " in the units of " + options.uncertainty.toStdString());
        }
        request.threshold = threshold;
    }
    if (request.encoding == Encoding::Hatch && !request.threshold) {
        throw FigureExportError("--encoding hatch needs --threshold T: the variability threshold "
                                "a member's change must exceed to count as a signal");
    }
    if (request.encoding == Encoding::Exceedance && !request.threshold) {
        throw FigureExportError("--encoding exceedance needs --threshold T: the value whose "
                                "probability of being exceeded is mapped");
    }
    const bool thresholdUsed =
        request.encoding == Encoding::Hatch || request.encoding == Encoding::Exceedance;
    if (!thresholdUsed && request.threshold) {
        throw FigureExportError("--threshold goes with --encoding hatch or exceedance");
    }
}

} // namespace

FigureRequest figureRequestFrom(const LaunchOptions& options) {
    FigureRequest request;
    request.outputPath = options.exportFigure;
    request.inputPath = options.openFile;
    if (request.inputPath.isEmpty() && !options.files.isEmpty()) {
        request.inputPath = options.files.front();
    }
    if (request.inputPath.isEmpty()) {
        throw FigureExportError("--export-figure needs a data file: --open FILE");
    }
    request.variable = options.variable;
    if (request.variable.isEmpty()) {
        throw FigureExportError("--export-figure needs a variable: --variable NAME");
    }
    static const QRegularExpression indexPattern(QStringLiteral("^([^=]+)=(\\d+)$"));
    for (const QString& index : options.indices) {
        const auto match = indexPattern.match(index);
        if (!match.hasMatch()) {
            throw FigureExportError("bad --index '" + index.toStdString() +
                                    "': expected DIMENSION=INDEX, e.g. time=3");
        }
        request.indices[match.captured(1).toStdString()] = match.captured(2).toULongLong();
    }
    if (!options.projection.isEmpty()) {
        request.projection = options.projection;
    }
    if (!options.colorMap.isEmpty()) {
        if (!viz::ColorMap::named(options.colorMap).isValid()) {
            throw FigureExportError(
                "unknown colour map '" + options.colorMap.toStdString() + "'; choose one of: " +
                viz::ColorMap::names().join(QStringLiteral(", ")).toStdString());
        }
        request.colorMap = options.colorMap;
    }
    if (!options.colorScale.isEmpty()) {
        if (!viz::colorScaleNamed(options.colorScale)) {
            throw FigureExportError("unknown colour scale '" + options.colorScale.toStdString() +
                                    "'; choose linear, log or symmetric");
        }
        request.colorScale = options.colorScale;
    }
    if (!options.range.isEmpty()) {
        const QStringList parts = options.range.split(QLatin1Char(','));
        bool lowOk = false;
        bool highOk = false;
        const double low = parts.size() == 2 ? parts[0].toDouble(&lowOk) : 0.0;
        const double high = parts.size() == 2 ? parts[1].toDouble(&highOk) : 0.0;
        if (!lowOk || !highOk || !(low < high)) {
            throw FigureExportError("bad --range '" + options.range.toStdString() +
                                    "': expected LOW,HIGH with LOW < HIGH, e.g. 250,310");
        }
        request.range = std::make_pair(low, high);
    }
    if (!options.size.isEmpty()) {
        request.size = figureSize(options.size);
    }
    readEncodingOptions(options, request);
    return request;
}

AnimationRequest animationRequestFrom(const LaunchOptions& options) {
    AnimationRequest request;
    request.figure = figureRequestFrom(options);
    request.dimension = options.animate;
    if (!isAnimationPath(request.figure.outputPath)) {
        throw FigureExportError(
            "--animate writes an animation: the output must end in " +
            exportSuffixList(ExportFormat::Purpose::Animation, ExportOrigin::Script).toStdString() +
            ", not '" + request.figure.outputPath.toStdString() + "'");
    }
    if (!options.frames.isEmpty()) {
        static const QRegularExpression framesPattern(QStringLiteral("^(\\d+):(\\d+)$"));
        const auto match = framesPattern.match(options.frames);
        if (!match.hasMatch() ||
            match.captured(1).toULongLong() > match.captured(2).toULongLong()) {
            throw FigureExportError("bad --frames '" + options.frames.toStdString() +
                                    "': expected FIRST:LAST indices with FIRST <= LAST, e.g. 0:23");
        }
        request.frames = std::make_pair(static_cast<std::size_t>(match.captured(1).toULongLong()),
                                        static_cast<std::size_t>(match.captured(2).toULongLong()));
    }
    if (!options.fps.isEmpty()) {
        bool ok = false;
        const int fps = options.fps.toInt(&ok);
        if (!ok || fps < 1 || fps > maximumFps) {
            throw FigureExportError("bad --fps '" + options.fps.toStdString() +
                                    "': expected frames per second from 1 to " +
                                    std::to_string(maximumFps));
        }
        request.fps = fps;
    }
    return request;
}

ResultExportRequest resultRequestFrom(const LaunchOptions& options) {
    ResultExportRequest request;
    request.outputPath = options.exportResult;
    request.run = options.run;
    request.result = options.result;
    if (!options.size.isEmpty()) {
        request.size = figureSize(options.size);
    }
    using Purpose = ExportFormat::Purpose;
    const ExportFormat* format = exportFormatFor(request.outputPath, Purpose::Figure);
    if (format == nullptr || !format->fromScript) {
        throw FigureExportError(
            "cannot write a result as '" + request.outputPath.toStdString() +
            "': the file name must end in " +
            exportSuffixList(Purpose::Figure, ExportOrigin::Script).toStdString());
    }
    return request;
}

ReportRequest reportRequestFrom(const LaunchOptions& options) {
    ReportRequest request;
    request.outputPath = options.exportReport;
    request.run = options.run;
    if (request.run.isEmpty()) {
        throw FigureExportError("--export-report needs the run: --run RUN_DIR_OR_ID");
    }
    using Purpose = ExportFormat::Purpose;
    const ExportFormat* format = exportFormatFor(request.outputPath, Purpose::Report);
    if (format == nullptr || !format->fromScript) {
        throw FigureExportError(
            "cannot write a report as '" + request.outputPath.toStdString() +
            "': the file name must end in " +
            exportSuffixList(Purpose::Report, ExportOrigin::Script).toStdString());
    }
    return request;
}

} // namespace twins::app
