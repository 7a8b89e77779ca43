// A declared result drawn offscreen through the answer-kind registry, for reports.
#include "answers/ResultFigure.h"

#include "answers/AnswerKinds.h"
#include "answers/AnswerView.h"
#include "answers/ResultAnswers.h"
#include "answers/ResultUncertaintyLayer.h"
#include "export/FigurePanels.h"
#include "export/OffscreenFigureWindow.h"
#include "twinbench/data/Dataset.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/viz/ColorMap.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QMetaObject>
#include <QTemporaryDir>
#include <QThread>

#include <functional>

namespace twins::app {

namespace {

// Above this many cells a field's SVG (one path per cell) outgrows its PNG many times over.
constexpr std::size_t maximumSvgCells = 20000;
// A chart's SVG embedded in an HTML report: beyond this the PNG says the same in less.
constexpr qint64 maximumSvgBytes = 2 * 1024 * 1024;

[[noreturn]] void refuse(const QString& message) {
    throw FigureExportError(message.toStdString());
}

QString sourceLine(const sdk::ResultSpec& spec) {
    return spec.variable.isEmpty()
               ? QStringLiteral("%1 (%2)").arg(spec.output, spec.kind)
               : QStringLiteral("%1, variable %2 (%3)").arg(spec.output, spec.variable, spec.kind);
}

// Runs `work` on the GUI thread: widgets live there. Called from another thread, this one
// waits for it (the report's background task; the GUI thread keeps its event loop running).
void onGuiThread(const std::function<void()>& work) {
    QCoreApplication* application = QCoreApplication::instance();
    if (application == nullptr || QThread::currentThread() == application->thread()) {
        work();
        return;
    }
    std::exception_ptr failure;
    QMetaObject::invokeMethod(
        application,
        [&] {
            try {
                work();
            } catch (...) {
                failure = std::current_exception();
            }
        },
        Qt::BlockingQueuedConnection);
    if (failure) {
        std::rethrow_exception(failure);
    }
}

ResultFigure renderMapResult(const sdk::ResultSpec& spec, const QString& outputsDirectory,
                             QSize size) {
    const FigureRequest request = mapResultFigureRequest(spec, outputsDirectory, size);
    const auto dataset = openFigureDataset(request.inputPath);
    FigurePanels panels(request);
    const auto dimensions = figureDimensions(*dataset, request);
    const FigureFrameData frame = readFigureFrame(*dataset, request, dimensions, {});
    panels.show(frame);
    OffscreenFigureWindow window(panels, size);
    ResultFigure figure;
    figure.image = window.renderImage();
    figure.title = spec.title.isEmpty()
                       ? panels.mainScene().titleText().section(QLatin1Char('\n'), 0, 0)
                       : spec.title;
    figure.source = sourceLine(spec);
    if (frame.field->width * frame.field->height <= maximumSvgCells) {
        QTemporaryDir directory;
        const QString svgPath = directory.filePath(QStringLiteral("figure.svg"));
        window.writeVector(svgPath, panels.title());
        QFile svg(svgPath);
        if (svg.open(QIODevice::ReadOnly)) {
            figure.svg = svg.readAll();
        }
    }
    return figure;
}

ResultFigure renderAnswerResult(const sdk::ResultSpec& spec, const QString& outputsDirectory,
                                QSize size) {
    ResultAnswer answer;
    try {
        answer = readResultAnswer(spec, outputsDirectory); // file I/O, on this thread
    } catch (const std::exception& error) {
        refuse(QString::fromUtf8(error.what()));
    }
    const AnswerKind* drawnBy = answerKind(answer.kind);
    if (drawnBy != nullptr) {
        drawnBy = answerKind(drawnBy->pageKind());
    }
    if (drawnBy == nullptr || drawnBy->figureWriters.isEmpty()) {
        refuse(QStringLiteral("a %1 result has no figure").arg(spec.kind));
    }
    const bool vectors = drawnBy->figureWriters.contains(ExportFormat::Writer::VectorPaths);
    ResultFigure figure;
    figure.title = spec.title.isEmpty() ? spec.output : spec.title;
    figure.source = sourceLine(spec);
    onGuiThread([&] {
        // Drawn by the page the GUI uses, never shown: each page renders its figure apart
        // from its window.
        AnswerView view;
        view.resize(size);
        view.showAnswer(answer.kind, answer.answer, false);
        view.addNote(answer.note, answer.noteReplacesCaption);
        const AnswerPage* page = view.currentPage();
        if (page == nullptr) {
            refuse(QStringLiteral("no page draws %1 answers").arg(answer.kind));
        }
        figure.image = page->renderFigure(size);
        if (vectors) {
            QTemporaryDir directory;
            const QString svgPath = directory.filePath(QStringLiteral("figure.svg"));
            page->writeVectorFigure(svgPath, size);
            QFile svg(svgPath);
            if (svg.size() <= maximumSvgBytes && svg.open(QIODevice::ReadOnly)) {
                figure.svg = svg.readAll();
            }
        }
    });
    return figure;
}

} // namespace

QList<sdk::ResultSpec> declaredResults(const QString& moduleId, const QString& action,
                                       QString* why) {
    const sdk::ModuleCatalog catalog =
        sdk::ModuleCatalog::scan(sdk::ModuleCatalog::defaultSearchPaths());
    const sdk::ModuleEntry* module = catalog.find(moduleId);
    QList<sdk::ResultSpec> results;
    if (module == nullptr) {
        *why = QStringLiteral("the twin '%1' is not installed (twinbench-run modules lists the "
                              "twins found)")
                   .arg(moduleId);
        return results;
    }
    for (const sdk::ResultSpec& spec : module->metadata.results) {
        if (spec.action == action) {
            results << spec;
        }
    }
    if (results.isEmpty()) {
        *why = QStringLiteral("a %1 %2 run declares no results").arg(moduleId, action);
    }
    return results;
}

sdk::ResultSpec fieldResultSpec(const QString& output, const QString& variable) {
    sdk::ResultSpec spec;
    spec.kind = mapAnswerKind().name;
    spec.output = output;
    spec.variable = variable;
    return spec;
}

FigureRequest mapResultFigureRequest(const sdk::ResultSpec& spec, const QString& outputsDirectory,
                                     QSize size) {
    FigureRequest figure;
    figure.inputPath = resultOutputPath(spec, outputsDirectory);
    figure.variable = spec.variable;
    figure.size = size;
    if (viz::ColorMap::names().contains(spec.colormap)) {
        figure.colorMap = spec.colormap;
    }
    const QJsonArray range = spec.options.value(QStringLiteral("range")).toArray();
    if (range.size() == 2) {
        figure.range = std::make_pair(range[0].toDouble(), range[1].toDouble());
    }
    // Drawn with the uncertainty the spec names, as the result opens in a cell.
    const ResultUncertaintyLayer layer = resultUncertaintyLayer(spec);
    if (!layer.error.isEmpty()) {
        refuse(layer.error);
    }
    figure.encoding = layer.encoding;
    figure.uncertaintyVariable = layer.variable;
    figure.threshold = layer.threshold;
    figure.thresholdAttribute = layer.thresholdAttribute;
    return figure;
}

ResultFigure renderResultFigure(const sdk::ResultSpec& spec, const QString& outputsDirectory,
                                QSize size) {
    const AnswerKind* kind = answerKind(spec.kind);
    if (kind == nullptr) {
        refuse(QStringLiteral("Twinbench has no view for results of kind '%1' (it draws %2)")
                   .arg(spec.kind, answerKindNames()));
    }
    if (!QFileInfo::exists(resultOutputPath(spec, outputsDirectory))) {
        refuse(QStringLiteral("the run wrote no %1 in outputs/").arg(spec.output));
    }
    try {
        return kind->shownInWorkspace ? renderMapResult(spec, outputsDirectory, size)
                                      : renderAnswerResult(spec, outputsDirectory, size);
    } catch (const FigureExportError&) {
        throw;
    } catch (const std::exception& error) {
        refuse(QString::fromUtf8(error.what()));
    }
}

} // namespace twins::app
