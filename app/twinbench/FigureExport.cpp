#include "FigureExport.h"

#include "LaunchOptions.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/MapScene.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QRegularExpression>
#include <QStringList>

#include <vtkImageData.h>
#include <vtkOpenGLGL2PSExporter.h>
#include <vtkOpenGLRenderWindow.h>
#include <vtkOpenGLState.h>
#include <vtkRenderWindow.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

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
    throw FigureExportError("cannot export a figure as '" + path.toStdString() +
                            "': the file name must end in .png, .svg or .pdf");
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

QImage windowPixels(vtkRenderWindow* window) {
    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(window);
    grab->SetInputBufferTypeToRGB();
    grab->ReadFrontBufferOff(); // the back buffer holds the frame just rendered offscreen
    grab->Update();
    vtkImageData* pixels = grab->GetOutput();
    int dimensions[3] = {0, 0, 0};
    pixels->GetDimensions(dimensions);
    auto* data = static_cast<const unsigned char*>(pixels->GetScalarPointer());
    if (data == nullptr || dimensions[0] <= 0 || dimensions[1] <= 0) {
        return {};
    }
    QImage image(dimensions[0], dimensions[1], QImage::Format_RGB888);
    // VTK's rows go bottom-up, QImage's top-down.
    for (int row = 0; row < dimensions[1]; ++row) {
        std::memcpy(image.scanLine(dimensions[1] - 1 - row),
                    data + static_cast<std::size_t>(row) * dimensions[0] * 3,
                    static_cast<std::size_t>(dimensions[0]) * 3);
    }
    return image.convertToFormat(QImage::Format_RGB32);
}

void writeVector(vtkRenderWindow* window, const QString& path, FigureFormat format,
                 const QString& title) {
    // GL2PS writes PREFIX.svg / PREFIX.pdf: write beside the target under a temporary prefix
    // and rename, so a failed export never leaves a truncated file under the requested name.
    const QFileInfo info(path);
    const QString prefix = info.absolutePath() + QStringLiteral("/.") + info.completeBaseName() +
                           QStringLiteral(".partial");
    const QString written =
        prefix + (format == FigureFormat::Svg ? QStringLiteral(".svg") : QStringLiteral(".pdf"));
    QFile::remove(written);
    // The OpenGL2 exporter by name: the vtkGL2PSExporter factory override is registered only
    // in translation units compiled with VTK's autoinit definitions for IOExport.
    vtkNew<vtkOpenGLGL2PSExporter> exporter;
    exporter->SetRenderWindow(window);
    exporter->SetFilePrefix(prefix.toUtf8().constData());
    if (format == FigureFormat::Svg) {
        exporter->SetFileFormatToSVG();
    } else {
        exporter->SetFileFormatToPDF();
    }
    exporter->CompressOff();
    exporter->DrawBackgroundOn();
    exporter->TextAsPathOff(); // real text: searchable, and the title stays a <text> element
    exporter->SetSortToSimple();
    exporter->SetTitle(title.toUtf8().constData());
    exporter->Write();
    if (!QFileInfo(written).exists() || QFileInfo(written).size() == 0) {
        QFile::remove(written);
        throw FigureExportError("VTK's GL2PS exporter wrote nothing for " + path.toStdString());
    }
    QFile::remove(path);
    if (!QFile::rename(written, path)) {
        QFile::remove(written);
        throw FigureExportError("cannot move the exported figure to " + path.toStdString());
    }
}
} // namespace

FigureRequest figureRequestFrom(const LaunchOptions& options) {
    FigureRequest request;
    request.outputPath = options.exportFigure;
    formatOf(request.outputPath);
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
    return request;
}

void exportFigure(const FigureRequest& request) {
    const FigureFormat format = formatOf(request.outputPath);
    checkWritable(request.outputPath);
    if (qEnvironmentVariableIsEmpty("DISPLAY")) {
        throw FigureExportError("figure export renders with OpenGL through X11 and DISPLAY is "
                                "not set; run under an X server, e.g. xvfb-run -a twinbench "
                                "--export-figure ...");
    }

    // Errors from here name the file and variable (DataError, ProjectionError, ...).
    viz::MapProjection projection;
    try {
        projection = viz::MapProjection::fromName(request.projection);
    } catch (const viz::ProjectionError& error) {
        throw FigureExportError(error.what());
    }
    std::shared_ptr<const data::FieldSlice> field;
    try {
        const auto file = data::NetcdfFile::open(request.inputPath.toStdString());
        field = std::make_shared<data::FieldSlice>(
            data::readFieldSlice(*file, request.variable.toStdString(), request.indices));
    } catch (const std::exception& error) {
        throw FigureExportError(error.what());
    }

    viz::MapScene scene;
    try {
        scene.setProjection(projection);
        scene.setColorMap(request.colorMap);
        const viz::ColorScale scale = request.colorScale.isEmpty()
                                          ? viz::defaultColorScaleFor(request.colorMap)
                                          : *viz::colorScaleNamed(request.colorScale);
        scene.setColorScale(scale);
        scene.setField(field);
        if (request.range) {
            scene.setColorRange(request.range->first, request.range->second);
        }
    } catch (const std::exception& error) {
        throw FigureExportError(request.inputPath.toStdString() + ": " + error.what());
    }

    // A VTK window of its own, rendering offscreen: the main window never exists. No
    // multisampling, so cell colours stay exact.
    vtkOpenGLRenderWindow::SetGlobalMaximumNumberOfMultiSamples(0);
    vtkNew<vtkRenderWindow> window;
    window->SetOffScreenRendering(1);
    window->SetMultiSamples(0);
    window->SetSize(request.size.width(), request.size.height());
    // Text grows with the figure like in the view's export: 72 dpi at about 1000x650 px.
    const double scale = std::min(request.size.width() / 1000.0, request.size.height() / 650.0);
    window->SetDPI(std::max(36, static_cast<int>(std::lround(72.0 * scale))));
    window->AddRenderer(scene.renderer());
    scene.fitCamera(request.size.width(), request.size.height());
    window->Render();
    auto* openGLWindow = vtkOpenGLRenderWindow::SafeDownCast(window);
    if (openGLWindow == nullptr || openGLWindow->GetState() == nullptr ||
        openGLWindow->GetState()->GetVersion().empty()) {
        throw FigureExportError("cannot create an offscreen OpenGL window for the figure");
    }

    if (format == FigureFormat::Png) {
        const QImage image = windowPixels(window);
        if (image.size() != request.size) {
            throw FigureExportError(
                "offscreen rendering returned a " + std::to_string(image.width()) + "x" +
                std::to_string(image.height()) + " image instead of " +
                std::to_string(request.size.width()) + "x" + std::to_string(request.size.height()));
        }
        const QString partial = request.outputPath + QStringLiteral(".partial");
        if (!image.save(partial, "PNG")) {
            QFile::remove(partial);
            throw FigureExportError("cannot write " + request.outputPath.toStdString());
        }
        QFile::remove(request.outputPath);
        if (!QFile::rename(partial, request.outputPath)) {
            QFile::remove(partial);
            throw FigureExportError("cannot write " + request.outputPath.toStdString());
        }
    } else {
        writeVector(window, request.outputPath, format, QString::fromStdString(field->title()));
    }
    window->RemoveRenderer(scene.renderer());
    window->Finalize();
}

} // namespace twins::app
