#pragma once

#include "answers/AnswerJson.h"

#include <QImage>
#include <QJsonObject>
#include <QSize>
#include <QWidget>

namespace twins::app {

// The page of the answer view that draws one answer kind (answers/kinds/<kind>/). Pages are
// made by the registry when an answer of their kind first arrives.
class AnswerPage : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    // Reads the answer and draws it; throws ExploreAnswerError (or the view's own error) when
    // it does not follow the kind's convention, before anything shown changes. Returns the
    // title line shown above the page (an empty header when the page draws its own title).
    // `interactive`: values are still changing; pages with costly detail draw less of it.
    virtual ExploreAnswerHeader showAnswer(const QJsonObject& answer, bool interactive) = 0;
    // True when an interactive answer was drawn at reduced detail, so refine() is worth it.
    virtual bool drawsInteractiveDetail() const { return false; }
    // Redraws the last answer at full quality (after the values stopped changing).
    virtual void refine() {}
    // States on the figure what it shows beyond the answer itself (a finished run's result:
    // "background not drawn", "all time steps at once"). With `replacesCaption` the note is
    // the whole caption. Pages without a caption show nothing more.
    virtual void addNote(const QString& note, bool replacesCaption) {
        Q_UNUSED(note);
        Q_UNUSED(replacesCaption);
    }

    // The figure of the last answer, for export (AnswerFigureExport.h) in the formats its kind
    // lists (AnswerKind::figureWriters): rendered at `size` pixels for raster formats, written
    // as vectors (SVG or PDF, by the suffix of `path`) for vector formats. Both render apart
    // from the window, at any size. Throw viz::FigureRenderError; a page whose kind lists no
    // such writer never has them called.
    virtual QImage renderFigure(QSize size) const;
    virtual void writeVectorFigure(const QString& path, QSize size) const;
};

} // namespace twins::app
