#include "FigureExport.h"

#include "FigurePanels.h"
#include "LaunchOptions.h"
#include "OffscreenFigureWindow.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/ColorRange.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStringList>

#include <cmath>

namespace twins::app {

namespace {
enum class FigureFormat { Png, Svg, Pdf };

FigureFormat formatOf(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        return FigureFormat::Png;
    }
    if (suffix == QLatin1String("svg")) {
        return FigureFormat::Svg;
    }
    if (suffix == QLatin1String("pdf")) {
        return FigureFormat::Pdf;
    }
    if (isAnimationPath(path)) {
        throw FigureExportError("an animation (" + path.toStdString() +
                                ") needs the dimension to step through: --animate DIM");
    }
    throw FigureExportError("cannot export a figure as '" + path.toStdString() +
                            "': the file name must end in .png, .svg or .pdf (figures) or "
                            ".mp4, .gif (animations with --animate DIM)");
}

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

bool isAnimationPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("mp4") || suffix == QLatin1String("gif");
}

void checkWritable(const QString& path) {
    const QFileInfo info(path);
    const QFileInfo directory(info.absolutePath());
    if (!directory.exists() || !directory.isDir()) {
        throw FigureExportError("cannot write " + path.toStdString() + ": directory " +
                                directory.absoluteFilePath().toStdString() + " does not exist");
    }
    if (!directory.isWritable() || (info.exists() && !info.isWritable())) {
        throw FigureExportError("cannot write " + path.toStdString() + ": permission denied");
    }
}

void checkDisplay(const char* what) {
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        throw FigureExportError(
            std::string(what) +
            " renders with OpenGL through X11 and DISPLAY is not set; run "
            "under an X server, e.g. xvfb-run -a twinbench --export-figure ...");
    }
}

std::shared_ptr<const data::Dataset> openFigureDataset(const QString& path) {
    try {
        return data::openDataset(path.toStdString());
    } catch (const std::exception& error) {
        throw FigureExportError(error.what());
    }
}

void writeImageAtomically(const QImage& image, const QString& path) {
    // QSaveFile writes beside the target and renames on success: a failed export (full disk,
    // no permission) never destroys an existing figure.
    QSaveFile file(path);
    QString reason;
    if (!file.open(QIODevice::WriteOnly)) {
        reason = file.errorString();
    } else {
        QImageWriter writer(&file, QFileInfo(path).suffix().toLower().toLatin1());
        if (!writer.write(image)) {
            file.cancelWriting();
            reason = writer.errorString();
        } else if (!file.commit()) {
            reason = file.errorString();
        }
    }
    if (!reason.isEmpty()) {
        throw FigureExportError("cannot write " + path.toStdString() + ": " + reason.toStdString());
    }
}

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
        static const QRegularExpression sizePattern(QStringLiteral("^(\\d+)x(\\d+)$"));
        const auto match = sizePattern.match(options.size);
        const int width = match.hasMatch() ? match.captured(1).toInt() : 0;
        const int height = match.hasMatch() ? match.captured(2).toInt() : 0;
        if (width < 64 || height < 64 || width > 8192 || height > 8192) {
            throw FigureExportError("bad --size '" + options.size.toStdString() +
                                    "': expected WIDTHxHEIGHT in pixels, 64 to 8192, e.g. "
                                    "1600x900");
        }
        request.size = QSize(width, height);
    }
    readEncodingOptions(options, request);
    return request;
}

void exportFigure(const FigureRequest& request) {
    const FigureFormat format = formatOf(request.outputPath);
    checkWritable(request.outputPath);
    checkDisplay("figure export");
    // Errors from here name the file and variable (DataError, ProjectionError, ...).
    const std::shared_ptr<const data::Dataset> dataset = openFigureDataset(request.inputPath);
    FigurePanels panels(request);
    const auto dimensions = figureDimensions(*dataset, request);
    panels.show(readFigureFrame(*dataset, request, dimensions, request.indices));
    OffscreenFigureWindow window(panels, request.size);
    if (format == FigureFormat::Png) {
        writeImageAtomically(window.renderImage(), request.outputPath);
    } else {
        window.writeVector(request.outputPath, panels.title());
    }
}

} // namespace twins::app
