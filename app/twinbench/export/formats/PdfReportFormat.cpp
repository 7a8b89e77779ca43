#include "export/formats/ExportFormats.h"

namespace twins::app {

ExportFormat pdfReportFormat() {
    ExportFormat format;
    format.suffix = QStringLiteral("pdf");
    format.purpose = ExportFormat::Purpose::Report;
    format.description = QObject::tr("PDF report");
    format.writer = ExportFormat::Writer::PdfDocument;
    return format;
}

} // namespace twins::app
