#include "export/formats/ExportFormats.h"

namespace twins::app {

ExportFormat mp4Format() {
    ExportFormat format;
    format.suffix = QStringLiteral("mp4");
    format.purpose = ExportFormat::Purpose::Animation;
    format.description = QObject::tr("MP4 video");
    format.writer = ExportFormat::Writer::FfmpegVideo;
    // H.264 in yuv420p plays everywhere; that needs even sizes, so odd ones get one padding
    // row or column.
    format.ffmpegArguments = {
        QStringLiteral("-vf"),       QStringLiteral("pad=ceil(iw/2)*2:ceil(ih/2)*2"),
        QStringLiteral("-c:v"),      QStringLiteral("libx264"),
        QStringLiteral("-preset"),   QStringLiteral("veryfast"),
        QStringLiteral("-crf"),      QStringLiteral("18"),
        QStringLiteral("-pix_fmt"),  QStringLiteral("yuv420p"),
        QStringLiteral("-movflags"), QStringLiteral("+faststart"),
        QStringLiteral("-f"),        QStringLiteral("mp4")};
    return format;
}

} // namespace twins::app
