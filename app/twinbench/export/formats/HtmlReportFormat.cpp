#include "export/formats/ExportFormats.h"

namespace twins::app {

ExportFormat htmlReportFormat() {
    ExportFormat format;
    format.suffix = QStringLiteral("html");
    format.aliases = {QStringLiteral("htm")};
    format.purpose = ExportFormat::Purpose::Report;
    format.description = QObject::tr("HTML report");
    format.writer = ExportFormat::Writer::HtmlDocument;
    return format;
}

} // namespace twins::app
