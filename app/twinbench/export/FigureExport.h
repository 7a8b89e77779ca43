#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

class QImage;

namespace twins::data {
class Dataset;
}

namespace twins::app {

class FigureExportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A scripted map figure (`twinbench --export-figure OUT ...`), like a pvbatch script: one
// variable of one file, one slice, one projection, written as PNG, SVG or PDF.
struct FigureRequest {
    QString outputPath; // .png, .svg or .pdf (the suffix chooses the format)
    QString inputPath;
    QString variable;
    std::map<std::string, std::size_t> indices; // leading dimension -> index
    QString projection = QStringLiteral("plate-carree");
    QString colorMap = QStringLiteral("viridis");
    QString colorScale; // "", "linear", "log", "symmetric" ("" = the colour map's default)
    std::optional<std::pair<double, double>> range;
    QSize size{1200, 800};
    // Uncertainty encoding (all three or none): the second variable and how it is shown.
    // Spread: variable and uncertaintyVariable side by side with linked framing; Vsup: variable
    // is the value, uncertaintyVariable its uncertainty; Hatch: uncertaintyVariable is an
    // ensemble of changes (member/realization/ensemble dimension) hatched over variable where
    // not robust at the variability threshold (IPCC AR6 approach B); Exceedance:
    // uncertaintyVariable is an ensemble and the map shows the probability (share of members)
    // that it exceeds the threshold, on the grid of variable.
    enum class Encoding { None, Spread, Vsup, Hatch, Exceedance };
    Encoding encoding = Encoding::None;
    QString uncertaintyVariable;
    std::optional<double> threshold;
    // An attribute of uncertaintyVariable stating the threshold for this file (it then wins
    // over `threshold`; see StatedThreshold.h); "" for none.
    QString thresholdAttribute;
};

// Renders the figure offscreen (a VTK render window of its own; no Qt window is created or
// shown) and writes it: PNG from the rendered pixels, SVG and PDF as vectors through VTK's
// GL2PS exporter. Needs an X display (VTK's offscreen window is GLX-based on Debian). Throws
// FigureExportError, naming the file, variable or option at fault, on any failure; never
// leaves a partial output file behind.
void exportFigure(const FigureRequest& request);

// Helpers shared by the figure, animation and report exports; each throws FigureExportError
// with a message for the user.
// True for the animation formats (.mp4, .gif).
bool isAnimationPath(const QString& path);
// The directory exists and the file can be written.
void checkWritable(const QString& path);
// Offscreen VTK rendering needs an X display; `what` names the export in the message.
void checkDisplay(const char* what);
std::shared_ptr<const data::Dataset> openFigureDataset(const QString& path);
// Written beside the target and renamed (format by suffix), so a failure never leaves a partial
// file. Throws FigureExportError with the path and the reason.
void writeImageAtomically(const QImage& image, const QString& path);
// When any of `sources` (the files a figure was drawn from) is a URL: writes PRODUCT.prov.json,
// the W3C PROV-JSON of what was read of them (URL, ETag/Last-Modified, bytes fetched and from
// the cache, the ranges and their SHA-256; RemoteReadLog.h), atomically. Nothing for local
// files (their path is the provenance). Throws FigureExportError naming the file.
void writeRemoteProvenanceBeside(const QString& product, const QStringList& sources,
                                 const QString& activity);

} // namespace twins::app
