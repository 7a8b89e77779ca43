#include "export/formats/ExportFormats.h"

#include <QBuffer>

namespace twins::app {

ExportFormat pngFormat() {
    ExportFormat format;
    format.suffix = QStringLiteral("png");
    format.description = QObject::tr("PNG image");
    format.writer = ExportFormat::Writer::RasterImage;
    format.imageFormat = "png";
    return format;
}

QString pngDataUri(const QImage& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, pngFormat().imageFormat.constData());
    return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(bytes.toBase64());
}

} // namespace twins::app
