#include "answers/AnswerFigureExport.h"

#include "answers/AnswerKinds.h"
#include "answers/AnswerView.h"
#include "twinbench/viz/OffscreenFigure.h"

#include <QDir>
#include <QFileDialog>
#include <QImageWriter>
#include <QMessageBox>
#include <QSaveFile>

namespace twins::app {

namespace {

const AnswerKind* shownKind(const AnswerView& view) {
    const AnswerKind* kind = answerKind(view.shownKind());
    return kind != nullptr ? answerKind(kind->pageKind()) : nullptr;
}

QString suffixList(const QList<const ExportFormat*>& formats) {
    QStringList suffixes;
    for (const ExportFormat* format : formats) {
        suffixes << QStringLiteral(".") + format->suffix;
    }
    return suffixes.join(QStringLiteral(", "));
}

} // namespace

QList<const ExportFormat*> answerFigureFormats(const AnswerView& view) {
    QList<const ExportFormat*> formats;
    const AnswerKind* kind = shownKind(view);
    if (kind == nullptr || view.currentPage() == nullptr) {
        return formats;
    }
    // The script's list: an answer page renders SVG and PDF apart from its window, so the
    // vector formats the map view's dialog leaves to scripts are offered here too.
    for (const ExportFormat* format :
         exportFormatsFor(ExportFormat::Purpose::Figure, ExportOrigin::Script)) {
        if (kind->figureWriters.contains(format->writer)) {
            formats << format;
        }
    }
    return formats;
}

void exportAnswerFigure(const AnswerView& view, const QString& path, QSize size) {
    const QList<const ExportFormat*> formats = answerFigureFormats(view);
    const ExportFormat* format = exportFormatFor(path, ExportFormat::Purpose::Figure);
    if (format == nullptr || !formats.contains(format)) {
        throw viz::FigureRenderError(formats.isEmpty()
                                         ? QStringLiteral("%1: a %2 answer has no figure to export")
                                               .arg(path, view.shownKind())
                                               .toStdString()
                                         : QStringLiteral("%1: a %2 figure is written as %3")
                                               .arg(path, view.shownKind(), suffixList(formats))
                                               .toStdString());
    }
    const AnswerPage* page = view.currentPage();
    if (format->writer == ExportFormat::Writer::VectorPaths) {
        page->writeVectorFigure(path, size);
        return;
    }
    const QImage image = page->renderFigure(size);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        throw viz::FigureRenderError(
            QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()).toStdString());
    }
    QImageWriter writer(&file, format->imageFormat);
    if (!writer.write(image) || !file.commit()) {
        throw viz::FigureRenderError(QStringLiteral("%1: cannot write the image: %2")
                                         .arg(path, writer.errorString())
                                         .toStdString());
    }
}

void chooseAndExportAnswerFigure(QWidget* parent, const AnswerView& view) {
    const QList<const ExportFormat*> formats = answerFigureFormats(view);
    if (formats.isEmpty()) {
        return;
    }
    QStringList filters;
    for (const ExportFormat* format : formats) {
        filters << format->dialogFilter();
    }
    const QString path = QFileDialog::getSaveFileName(
        parent, QObject::tr("Export figure"),
        QDir::home().filePath(view.shownKind() + QStringLiteral(".") + formats.front()->suffix),
        filters.join(QStringLiteral(";;")));
    if (path.isEmpty()) {
        return;
    }
    QSize size = view.currentPage()->size();
    if (size.width() < 1200) {
        size = QSize(1200, 1200 * std::max(size.height(), 1) / std::max(size.width(), 1));
    }
    try {
        exportAnswerFigure(view, path, size);
    } catch (const std::exception& error) {
        QMessageBox::warning(parent, QObject::tr("Export figure"), QString::fromUtf8(error.what()));
    }
}

} // namespace twins::app
