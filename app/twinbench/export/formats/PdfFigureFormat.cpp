#include "export/formats/ExportFormats.h"

namespace twins::app {

ExportFormat pdfFigureFormat() {
    ExportFormat format;
    format.suffix = QStringLiteral("pdf");
    format.description = QObject::tr("PDF vector figure");
    format.writer = ExportFormat::Writer::VectorPaths;
    format.vectorFormat = "pdf";
    format.fromWindow = false;
    return format;
}

} // namespace twins::app
