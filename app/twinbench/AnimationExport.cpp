#include "AnimationExport.h"

#include "FfmpegEncoder.h"
#include "FigurePanels.h"
#include "LaunchOptions.h"
#include "OffscreenFigureWindow.h"
#include "twinbench/data/Dataset.h"

#include <QFuture>
#include <QRegularExpression>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>

namespace twins::app {

namespace {
constexpr int maximumFps = 60;

// The indices of the animated dimension, checked against the variable.
std::pair<std::size_t, std::size_t> frameRange(const AnimationRequest& request,
                                               const std::vector<widgets::SliceDimension>& dims,
                                               const std::string& path) {
    QStringList names;
    const widgets::SliceDimension* animated = nullptr;
    for (const widgets::SliceDimension& dimension : dims) {
        names << dimension.name;
        if (dimension.name == request.dimension) {
            animated = &dimension;
        }
    }
    if (animated == nullptr) {
        throw FigureExportError(
            path + ": variable '" + request.figure.variable.toStdString() + "' has no dimension '" +
            request.dimension.toStdString() + "' to animate over" +
            (names.isEmpty()
                 ? std::string("; it has only the two mapped dimensions")
                 : "; choose one of: " + names.join(QStringLiteral(", ")).toStdString()));
    }
    if (request.figure.indices.count(request.dimension.toStdString()) != 0) {
        throw FigureExportError("--index " + request.dimension.toStdString() +
                                "=... and --animate " + request.dimension.toStdString() +
                                " contradict each other; use --frames FIRST:LAST");
    }
    const std::size_t length = animated->length;
    const auto range = request.frames.value_or(std::make_pair(std::size_t(0), length - 1));
    if (range.second >= length) {
        throw FigureExportError("--frames " + std::to_string(range.first) + ":" +
                                std::to_string(range.second) + " is out of range: dimension '" +
                                request.dimension.toStdString() + "' of '" +
                                request.figure.variable.toStdString() + "' has indices 0 to " +
                                std::to_string(length - 1));
    }
    return range;
}
} // namespace

AnimationRequest animationRequestFrom(const LaunchOptions& options) {
    AnimationRequest request;
    request.figure = figureRequestFrom(options);
    request.dimension = options.animate;
    if (!isAnimationPath(request.figure.outputPath)) {
        throw FigureExportError("--animate writes an animation: the output must end in .mp4 or "
                                ".gif, not '" +
                                request.figure.outputPath.toStdString() + "'");
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

void exportAnimation(const AnimationRequest& request, const AnimationProgress& progress) {
    const FigureRequest& figure = request.figure;
    if (!isAnimationPath(figure.outputPath)) {
        throw FigureExportError("an animation must be written as .mp4 or .gif, not '" +
                                figure.outputPath.toStdString() + "'");
    }
    checkWritable(figure.outputPath);
    checkDisplay("animation export");
    const std::shared_ptr<const data::Dataset> dataset = openFigureDataset(figure.inputPath);
    const auto dimensions = figureDimensions(*dataset, figure);
    const auto [first, last] = frameRange(request, dimensions, dataset->path());
    const int total = static_cast<int>(last - first + 1);
    const std::string animated = request.dimension.toStdString();
    // Failures travel back as text: QFuture rethrows only QException subclasses.
    struct ReadFrame {
        FigureFrameData frame;
        std::string error;
    };
    const auto readFrame = [dataset, figure, dimensions, animated](std::size_t index) {
        auto indices = figure.indices;
        indices[animated] = index;
        ReadFrame result;
        try {
            result.frame = readFigureFrame(*dataset, figure, dimensions, indices);
        } catch (const std::exception& error) {
            result.error = error.what();
        }
        return result;
    };
    const auto take = [](ReadFrame read) {
        if (!read.error.empty()) {
            throw FigureExportError(read.error);
        }
        return std::move(read.frame);
    };

    FigurePanels panels(figure);
    FigureFrameData frame = take(readFrame(first));
    panels.show(frame); // the first frame fixes the colour range for all
    OffscreenFigureWindow window(panels, figure.size);
    FfmpegEncoder encoder(figure.outputPath, figure.size, request.fps);
    for (std::size_t index = first; index <= last; ++index) {
        // Read the next frame while this one renders and encodes.
        QFuture<ReadFrame> next;
        if (index < last) {
            next = QtConcurrent::run(readFrame, index + 1);
        }
        if (index != first) {
            panels.show(frame);
        }
        encoder.addFrame(window.renderImage());
        const int done = static_cast<int>(index - first + 1);
        if (progress && !progress(done, total)) {
            if (next.isValid()) {
                next.waitForFinished();
            }
            throw AnimationCancelled();
        }
        if (index < last) {
            frame = take(next.result());
        }
    }
    encoder.finish();
}

} // namespace twins::app
