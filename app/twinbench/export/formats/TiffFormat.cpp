#include "export/formats/ExportFormats.h"

namespace twins::app {

ExportFormat tiffFormat() {
    ExportFormat format;
    format.suffix = QStringLiteral("tif");
    format.aliases = {QStringLiteral("tiff")};
    format.description = QObject::tr("TIFF image");
    format.writer = ExportFormat::Writer::RasterImage;
    format.imageFormat = "tiff";
    format.fromScript = false;
    return format;
}

} // namespace twins::app
