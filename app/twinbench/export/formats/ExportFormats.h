#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace twins::app {

// One file format Twinbench exports to: what the file dialogs offer, what `--help` lists and
// how the export engines write it. Every format is one file in this folder plus one line in
// ExportFormats.cpp; nothing else in the application compares file suffixes of exports.
struct ExportFormat {
    // What the format holds: a still figure, an animation, or a run report.
    enum class Purpose { Figure, Animation, Report };
    // How the engine writes it. Adding a format of an existing writer is one file and one line;
    // a new writer is new engine code.
    enum class Writer {
        RasterImage,  // rendered pixels through QImageWriter (imageFormat)
        VectorPaths,  // VTK's GL2PS exporter: paths and real text (vectorFormat)
        FfmpegVideo,  // frames piped to ffmpeg (ffmpegArguments)
        HtmlDocument, // a stand-alone HTML page, figures embedded
        PdfDocument,  // QTextDocument laid out on QPdfWriter
    };

    QString suffix;      // without the dot, lower case: "png"
    QStringList aliases; // other suffixes meaning the same: "jpeg", "tiff", "htm"
    Purpose purpose = Purpose::Figure;
    Writer writer = Writer::RasterImage;
    QString description;         // "PNG image", for dialogs and --help
    QByteArray imageFormat;      // RasterImage: the QImageWriter format name
    QByteArray vectorFormat;     // VectorPaths: "svg" or "pdf" for the GL2PS exporter
    QStringList ffmpegArguments; // FfmpegVideo: the encoder and container arguments
    bool fromWindow = true;      // offered by the window's dialogs (vectors need a script)
    bool fromScript = true;      // accepted by `twinbench --export-figure/--export-report`

    // "PNG image (*.png)"
    QString dialogFilter() const;
    bool matches(const QString& path) const;
};

// Every format, in the order dialogs and --help list them.
const QList<ExportFormat>& exportFormats();
// The format of `path` for this purpose (by suffix, any case), or nullptr.
const ExportFormat* exportFormatFor(const QString& path, ExportFormat::Purpose purpose);
// Where a format is asked for: the window's dialogs or the command line.
enum class ExportOrigin { Window, Script };
// The formats of a purpose offered there.
QList<const ExportFormat*> exportFormatsFor(ExportFormat::Purpose purpose, ExportOrigin origin);
// ";;"-joined file-dialog filters of a purpose (window formats only).
QString exportDialogFilter(ExportFormat::Purpose purpose);
// ".png, .svg or .pdf": the suffixes of a purpose offered there, for messages and --help.
QString exportSuffixList(ExportFormat::Purpose purpose, ExportOrigin origin);
// A file name in the home directory with the purpose's first window format: "NAME.png".
QString suggestedExportPath(const QString& baseName, ExportFormat::Purpose purpose);

// The registered formats (one file each in this folder).
ExportFormat pngFormat();
// `image` as a PNG data URL ("data:image/png;base64,..."): lossless, shown by every browser
// and by QTextDocument (the dock's cards, the PDF report).
QString pngDataUri(const QImage& image);
ExportFormat jpegFormat();
ExportFormat tiffFormat();
ExportFormat svgFormat();
ExportFormat pdfFigureFormat();
ExportFormat mp4Format();
ExportFormat gifFormat();
ExportFormat htmlReportFormat();
ExportFormat pdfReportFormat();

} // namespace twins::app
