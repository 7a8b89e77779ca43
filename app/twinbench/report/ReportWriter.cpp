// Writing the report, HTML or PDF by its export format, atomically.
#include "export/FigureExport.h"
#include "export/formats/ExportFormats.h"
#include "report/ReportExport.h"
#include "twinbench/sdk/BuildInfo.h"

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
        QTextDocument document;
        document.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
        for (qsizetype i = 0; i < report.figures.size(); ++i) {
            document.addResource(QTextDocument::ImageResource,
                                 QUrl(QStringLiteral("figure-%1.png").arg(i + 1)),
                                 report.figures[i].image);
        }
        document.setHtml(reportHtml(report, false));
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
