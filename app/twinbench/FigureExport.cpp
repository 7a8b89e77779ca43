#include "FigureExport.h"

#include "LaunchOptions.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/NetcdfFile.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/Ensemble.h"
#include "twinbench/viz/Hatching.h"
#include "twinbench/viz/MapScene.h"
#include "twinbench/viz/Vsup.h"

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
#include <vector>

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
void readEncodingOptions(const LaunchOptions& options, FigureRequest& request) {
    using Encoding = FigureRequest::Encoding;
    if (options.encoding.isEmpty() && options.uncertainty.isEmpty()) {
        if (!options.threshold.isEmpty()) {
            throw FigureExportError("--threshold goes with --encoding hatch");
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
    } else if (encoding.isEmpty()) {
        throw FigureExportError("--uncertainty needs an encoding: --encoding spread|vsup|hatch");
    } else {
        throw FigureExportError("unknown encoding '" + options.encoding.toStdString() +
                                "'; choose spread, vsup or hatch");
    }
    request.uncertaintyVariable = options.uncertainty;
    if (!options.threshold.isEmpty()) {
        bool ok = false;
        const double threshold = options.threshold.toDouble(&ok);
        if (!ok || !std::isfinite(threshold) || threshold < 0.0) {
            throw FigureExportError("bad --threshold '" + options.threshold.toStdString() +
                                    "': expected a number >= 0 in the units of " +
                                    options.uncertainty.toStdString());
        }
        request.threshold = threshold;
    }
    if (request.encoding == Encoding::Hatch && !request.threshold) {
        throw FigureExportError("--encoding hatch needs --threshold T: the variability threshold "
                                "a member's change must exceed to count as a signal");
    }
    if (request.encoding != Encoding::Hatch && request.threshold) {
        throw FigureExportError("--threshold goes with --encoding hatch");
    }
}

// One map panel of the figure: its scene and where it sits in the window (VTK viewport).
struct Panel {
    std::unique_ptr<viz::MapScene> scene = std::make_unique<viz::MapScene>();
    double viewport[4] = {0.0, 0.0, 1.0, 1.0};
};

void setUpScene(viz::MapScene& scene, const viz::MapProjection& projection, const QString& colorMap,
                const QString& colorScale, std::shared_ptr<const data::FieldSlice> field,
                std::optional<std::pair<double, double>> range, const QString& inputPath) {
    try {
        scene.setProjection(projection);
        scene.setColorMap(colorMap);
        const viz::ColorScale scale = colorScale.isEmpty() ? viz::defaultColorScaleFor(colorMap)
                                                           : *viz::colorScaleNamed(colorScale);
        scene.setColorScale(scale);
        scene.setField(std::move(field));
        if (range) {
            scene.setColorRange(range->first, range->second);
        }
    } catch (const std::exception& error) {
        throw FigureExportError(inputPath.toStdString() + ": " + error.what());
    }
}

// The panels of the requested figure: one map, or two for the spread encoding.
std::vector<Panel> buildPanels(const FigureRequest& request) {
    using Encoding = FigureRequest::Encoding;
    viz::MapProjection projection;
    try {
        projection = viz::MapProjection::fromName(request.projection);
    } catch (const viz::ProjectionError& error) {
        throw FigureExportError(error.what());
    }
    std::unique_ptr<data::NetcdfFile> file;
    std::shared_ptr<const data::FieldSlice> field;
    try {
        file = data::NetcdfFile::open(request.inputPath.toStdString());
        field = std::make_shared<data::FieldSlice>(
            data::readFieldSlice(*file, request.variable.toStdString(), request.indices));
    } catch (const std::exception& error) {
        throw FigureExportError(error.what());
    }
    const std::string second = request.uncertaintyVariable.toStdString();
    const auto readSecond = [&]() {
        try {
            return std::make_shared<data::FieldSlice>(
                data::readFieldSlice(*file, second, request.indices));
        } catch (const std::exception& error) {
            throw FigureExportError(std::string(error.what()) + " (--uncertainty)");
        }
    };

    std::vector<Panel> panels(request.encoding == Encoding::Spread ? 2 : 1);
    viz::MapScene& scene = *panels.front().scene;
    setUpScene(scene, projection, request.colorMap, request.colorScale, field, request.range,
               request.inputPath);
    try {
        switch (request.encoding) {
        case Encoding::None:
            break;
        case Encoding::Vsup: {
            // The palette is built on the requested colour map (viridis by default), which
            // VSUP needs to be perceptually uniform (Correll, Moritz & Heer, CHI 2018).
            scene.setVsupUncertainty(readSecond(),
                                     viz::VsupPalette(viz::ColorMap::named(request.colorMap)));
            break;
        }
        case Encoding::Hatch: {
            viz::EnsembleField changes;
            try {
                changes = viz::readEnsemble(*file, second, request.indices);
            } catch (const std::exception& error) {
                throw FigureExportError(std::string(error.what()) + " (--uncertainty)");
            }
            if (changes.grid.width != field->width || changes.grid.height != field->height) {
                throw FigureExportError(
                    "the ensemble '" + second + "' (" + std::to_string(changes.grid.width) + "x" +
                    std::to_string(changes.grid.height) + ") is not on the grid of '" +
                    field->variable + "' (" + std::to_string(field->width) + "x" +
                    std::to_string(field->height) + ")");
            }
            scene.setHatching(viz::classifyEnsembleChanges(changes, *request.threshold));
            break;
        }
        case Encoding::Spread: {
            // The spread (a non-negative size) gets a sequential map from 0, whatever map the
            // mean uses; both panels keep the same projection and framing.
            auto spread = readSecond();
            // The panel says what it shows whatever the file calls the variable.
            spread->longName = "Ensemble spread (standard deviation): " +
                               (spread->longName.empty() ? spread->variable : spread->longName);
            if (spread->width != field->width || spread->height != field->height) {
                throw FigureExportError("'" + second + "' is not on the grid of '" +
                                        field->variable + "'");
            }
            viz::MapScene& right = *panels.back().scene;
            setUpScene(right, projection, QStringLiteral("magma"), QStringLiteral("linear"), spread,
                       std::nullopt, request.inputPath);
            scene.setCaption(QStringLiteral("Left: %1; right: its ensemble spread (%2), same "
                                            "projection and framing")
                                 .arg(request.variable, request.uncertaintyVariable));
            right.setCaption(QStringLiteral("Ensemble spread (standard deviation): %1, "
                                            "sequential colour map from 0")
                                 .arg(request.uncertaintyVariable));
            panels.front().viewport[2] = 0.5;
            panels.back().viewport[0] = 0.5;
            break;
        }
        }
    } catch (const FigureExportError&) {
        throw;
    } catch (const std::exception& error) {
        throw FigureExportError(request.inputPath.toStdString() + ": " + error.what());
    }
    return panels;
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
    readEncodingOptions(options, request);
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
    std::vector<Panel> panels = buildPanels(request);
    const viz::MapScene& mainScene = *panels.front().scene;

    // A VTK window of its own, rendering offscreen: the main window never exists. No
    // multisampling, so cell colours stay exact.
    vtkOpenGLRenderWindow::SetGlobalMaximumNumberOfMultiSamples(0);
    vtkNew<vtkRenderWindow> window;
    window->SetOffScreenRendering(1);
    window->SetMultiSamples(0);
    window->SetSize(request.size.width(), request.size.height());
    // Text grows with the figure like in the view's export: 72 dpi at about 1000x650 px (of
    // one panel when the figure has two side by side).
    const int panelWidth = request.size.width() / static_cast<int>(panels.size());
    const double scale = std::min(panelWidth / 1000.0, request.size.height() / 650.0);
    window->SetDPI(std::max(36, static_cast<int>(std::lround(72.0 * scale))));
    for (Panel& panel : panels) {
        panel.scene->renderer()->SetViewport(panel.viewport);
        window->AddRenderer(panel.scene->renderer());
        panel.scene->fitCamera(panelWidth, request.size.height());
    }
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
        writeVector(window, request.outputPath, format,
                    QString::fromStdString(mainScene.field()->title()));
    }
    for (Panel& panel : panels) {
        window->RemoveRenderer(panel.scene->renderer());
    }
    window->Finalize();
}

} // namespace twins::app
