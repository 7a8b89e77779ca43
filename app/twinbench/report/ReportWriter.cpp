// Writing the report, HTML or PDF by its export format, atomically.
#include "export/FigureExport.h"
#include "export/formats/ExportFormats.h"
#include "report/ReportExport.h"
#include "twinbench/sdk/BuildInfo.h"

#include <QAbstractTextDocumentLayout>
#include <QFont>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

namespace twins::app {

void writeReport(const RunReport& report, const QString& outputPath) {
    checkWritable(outputPath);
    const ExportFormat* format = exportFormatFor(outputPath, ExportFormat::Purpose::Report);
    if (format == nullptr) {
        throw FigureExportError(
            "cannot write a report as '" + outputPath.toStdString() +
            "': the file name must end in " +
            exportSuffixList(ExportFormat::Purpose::Report, ExportOrigin::Window).toStdString());
    }
    const bool pdf = format->writer == ExportFormat::Writer::PdfDocument;
    QSaveFile file(outputPath);
    if (!file.open(QIODevice::WriteOnly)) {
        throw FigureExportError("cannot write " + outputPath.toStdString() + ": " +
                                file.errorString().toStdString());
    }
    if (!pdf) {
        file.write(reportHtml(report, true).toUtf8());
    } else {
        QPdfWriter writer(&file);
        writer.setTitle(QStringLiteral("Twinbench run %1").arg(report.runId));
        writer.setCreator(QString::fromStdString(sdk::versionLine()));
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setResolution(300);
        // Laid out on the writer itself: its page size in its own pixels (300 dpi), fonts in
        // points converted at that resolution. Without this QTextDocument laid the text out for
        // the screen's DPI and the PDF used less than half of the page's width (narrow tables
        // breaking words inside cells).
        QTextDocument document;
        document.documentLayout()->setPaintDevice(&writer);
        const QSizeF page = writer.pageLayout().paintRectPixels(writer.resolution()).size();
        document.setPageSize(page);
        document.setDocumentMargin(0);
        document.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
        for (qsizetype i = 0; i < report.figures.size(); ++i) {
            document.addResource(QTextDocument::ImageResource,
                                 QUrl(QStringLiteral("figure-%1.png").arg(i + 1)),
                                 report.figures[i].image);
        }
        if (!report.lineageImage.isNull()) {
            document.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("lineage.png")),
                                 report.lineageImage);
        }
        // HTML lengths are CSS pixels (1/96 inch) whatever the device: the text width in those.
        const int textWidth = int(page.width() * 96.0 / writer.resolution() * 0.98);
        document.setHtml(reportHtml(report, false, textWidth));
        document.print(&writer);
    }
    if (!file.commit()) {
        throw FigureExportError("cannot write " + outputPath.toStdString() + ": " +
                                file.errorString().toStdString());
    }
}

void exportReport(const ReportRequest& request) {
    checkWritable(request.outputPath);
    const QString directory = resolveRunDirectory(request.run);
    checkDisplay("report export (its figures)");
    writeReport(gatherRunReport(directory, request.figureSize), request.outputPath);
}

} // namespace twins::app
