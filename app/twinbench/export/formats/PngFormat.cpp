#include "export/formats/ExportFormats.h"

namespace twins::app {

ExportFormat pngFormat() {
    ExportFormat format;
    format.suffix = QStringLiteral("png");
    format.description = QObject::tr("PNG image");
    format.writer = ExportFormat::Writer::RasterImage;
    format.imageFormat = "png";
    return format;
}

} // namespace twins::app
