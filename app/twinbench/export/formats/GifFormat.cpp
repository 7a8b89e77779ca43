#include "export/formats/ExportFormats.h"

namespace twins::app {

ExportFormat gifFormat() {
    ExportFormat format;
    format.suffix = QStringLiteral("gif");
    format.purpose = ExportFormat::Purpose::Animation;
    format.description = QObject::tr("Animated GIF");
    format.writer = ExportFormat::Writer::FfmpegVideo;
    // One palette for the whole animation (colours mean the same in every frame), made from
    // all frames, and ordered dithering, which stays still from frame to frame.
    format.ffmpegArguments = {QStringLiteral("-filter_complex"),
                              QStringLiteral("split[a][b];[a]palettegen=stats_mode=full[p];"
                                             "[b][p]paletteuse=dither=bayer:bayer_scale=3"),
                              QStringLiteral("-loop"),
                              QStringLiteral("0"),
                              QStringLiteral("-f"),
                              QStringLiteral("gif")};
    return format;
}

} // namespace twins::app
