#pragma once

#include "answers/AnswerJson.h"

#include <QJsonObject>
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
};

} // namespace twins::app
