#pragma once

#include <QList>
#include <QObject>
#include <QSize>
#include <QStringList>

class QImage;

namespace twins::viz {
class FieldView;
}

namespace twins::app {

class Workspace;

// Figures of the workspace written to files: the active view (what the user sees: its map
// when it shows one) or the whole layout, rendered offscreen at the asked size and written in
// the background (format by suffix, never a truncated file). Failures are reported with the
// path and reason.
class FigureExports : public QObject {
    Q_OBJECT
public:
    explicit FigureExports(Workspace& workspace);

    void exportFigureTo(const QString& path, QSize size);
    // The view grid rendered cell by cell (ViewGrid::renderLayout), written as an image.
    void exportLayoutTo(const QString& path, QSize size);
    // Writes an image in the background; failures are shown under failureTitle. When any of
    // `sources` (the files drawn) is a URL, PATH.prov.json records what was read of them.
    void writeImageInBackground(const QImage& image, const QString& path,
                                const QString& failureTitle, const QStringList& sources = {});

signals:
    void figureExported(const QString& path, bool success);

private:
    // The files the given views draw ("path" of each "path|variable" their cells show).
    QStringList sourcesOf(const QList<viz::FieldView*>& views) const;

    Workspace& m_workspace;
};

} // namespace twins::app
