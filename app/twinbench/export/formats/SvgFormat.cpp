#include "export/formats/ExportFormats.h"

namespace twins::app {

ExportFormat svgFormat() {
    ExportFormat format;
    format.suffix = QStringLiteral("svg");
    format.description = QObject::tr("SVG vector figure");
    format.writer = ExportFormat::Writer::VectorPaths;
    format.vectorFormat = "svg";
    format.fromWindow = false; // vectors are drawn by the offscreen figure renderer
    return format;
}

} // namespace twins::app
