#include "export/FigureExport.h"

#include "export/FigurePanels.h"
#include "export/OffscreenFigureWindow.h"
#include "export/formats/ExportFormats.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/remote/RemoteReadLog.h"
#include "twinbench/data/remote/RemoteUrl.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QSaveFile>
#include <QStringList>

#include <cmath>

namespace twins::app {

namespace {

// The figure format of a scripted export's output, or an error naming the formats there are.
const ExportFormat& figureFormatOf(const QString& path) {
    const ExportFormat* format = exportFormatFor(path, ExportFormat::Purpose::Figure);
    if (format != nullptr && format->fromScript) {
        return *format;
    }
    if (isAnimationPath(path)) {
        throw FigureExportError("an animation (" + path.toStdString() +
                                ") needs the dimension to step through: --animate DIM");
    }
    using Purpose = ExportFormat::Purpose;
    throw FigureExportError(
        "cannot export a figure as '" + path.toStdString() + "': the file name must end in " +
        exportSuffixList(Purpose::Figure, ExportOrigin::Script).toStdString() + " (figures) or " +
        exportSuffixList(Purpose::Animation, ExportOrigin::Script).toStdString() +
        " (animations with --animate DIM)");
}

} // namespace

bool isAnimationPath(const QString& path) {
    return exportFormatFor(path, ExportFormat::Purpose::Animation) != nullptr;
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
        // Any raster format of the registry, whatever the purpose it was chosen for.
        const ExportFormat* format = exportFormatFor(path, ExportFormat::Purpose::Figure);
        QImageWriter writer(&file, format != nullptr && !format->imageFormat.isEmpty()
                                       ? format->imageFormat
                                       : QFileInfo(path).suffix().toLower().toLatin1());
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

void writeRemoteProvenanceBeside(const QString& product, const QStringList& sources,
                                 const QString& activity) {
    std::vector<std::string> urls;
    for (const QString& source : sources) {
        if (data::remote::isRemoteUrl(source.toStdString())) {
            urls.push_back(source.toStdString());
        }
    }
    if (urls.empty()) {
        return;
    }
    const QString path = product + QStringLiteral(".prov.json");
    QSaveFile file(path);
    const QByteArray json = QByteArray::fromStdString(data::remote::remoteReadProvenanceJson(
        activity.toStdString(), product.toStdString(), urls));
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        throw FigureExportError("cannot write " + path.toStdString() + ": " +
                                file.errorString().toStdString());
    }
}

void exportFigure(const FigureRequest& request) {
    const ExportFormat& format = figureFormatOf(request.outputPath);
    checkWritable(request.outputPath);
    checkDisplay("figure export");
    // Errors from here name the file and variable (DataError, ProjectionError, ...).
    const std::shared_ptr<const data::Dataset> dataset = openFigureDataset(request.inputPath);
    FigurePanels panels(request);
    const auto dimensions = figureDimensions(*dataset, request);
    panels.show(readFigureFrame(*dataset, request, dimensions, request.indices));
    OffscreenFigureWindow window(panels, request.size);
    if (format.writer == ExportFormat::Writer::RasterImage) {
        writeImageAtomically(window.renderImage(), request.outputPath);
    } else {
        window.writeVector(request.outputPath, panels.title());
    }
    writeRemoteProvenanceBeside(request.outputPath, {request.inputPath},
                                QStringLiteral("export-figure"));
}

} // namespace twins::app
