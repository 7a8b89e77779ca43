#include "export/formats/ExportFormats.h"

namespace twins::app {

ExportFormat jpegFormat() {
    ExportFormat format;
    format.suffix = QStringLiteral("jpg");
    format.aliases = {QStringLiteral("jpeg")};
    format.description = QObject::tr("JPEG image");
    format.writer = ExportFormat::Writer::RasterImage;
    format.imageFormat = "jpeg";
    format.fromScript = false; // scripted figures are for print: lossless or vector
    return format;
}

} // namespace twins::app
