#include "export/AnimationExport.h"

#include "export/FfmpegEncoder.h"
#include "export/FigurePanels.h"
#include "export/OffscreenFigureWindow.h"
#include "export/formats/ExportFormats.h"
#include "twinbench/data/Dataset.h"

#include <QFuture>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>

namespace twins::app {

namespace {

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

void exportAnimation(const AnimationRequest& request, const AnimationProgress& progress) {
    const FigureRequest& figure = request.figure;
    if (!isAnimationPath(figure.outputPath)) {
        throw FigureExportError(
            "an animation must be written as " +
            exportSuffixList(ExportFormat::Purpose::Animation, ExportOrigin::Script).toStdString() +
            ", not '" + figure.outputPath.toStdString() + "'");
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
