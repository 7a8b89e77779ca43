#pragma once

#include "answers/AnswerPage.h"

#include <QJsonObject>
#include <QMap>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QToolButton;

namespace twins::app {

// Draws one answer (a what-if query's, or a finished run's declared result) by its kind: the
// registered kind's page (answers/kinds/<kind>/), made when first needed; a kind without a
// page is shown as its JSON text. Above it, the answer's title and conditions.
class AnswerView : public QWidget {
    Q_OBJECT
public:
    explicit AnswerView(QWidget* parent = nullptr);

    // Throws ExploreAnswerError when the answer does not follow its kind's convention (what
    // was shown stays). `interactive`: values are still changing, draw at a level of detail
    // that keeps up.
    void showAnswer(const QString& kind, const QJsonObject& answer, bool interactive);
    // True when the shown answer was drawn at reduced detail (refine() redraws it fully).
    bool shownAtInteractiveDetail() const { return m_interactiveDetail; }
    // Redraws the last answer at full quality (after the values stopped changing).
    void refine();
    // States on the figure what it shows beyond the answer (see AnswerPage::addNote).
    void addNote(const QString& note, bool replacesCaption);
    void showMessage(const QString& text);

    QString shownKind() const { return m_kind; }
    // The page of a kind, once an answer of that kind was shown; else nullptr.
    template <class Page> Page* page(const QString& kind) const {
        return qobject_cast<Page*>(m_pages.value(kind));
    }
    // The shown kind's page (nullptr for a message or JSON text).
    AnswerPage* currentPage() const;
    QPlainTextEdit* textView() const { return m_text; }
    QLabel* titleLabel() const { return m_title; }
    // "Export figure...": enabled when the shown kind has a figure (AnswerFigureExport.h).
    QToolButton* exportButton() const { return m_export; }

private:
    void setTitle(const ExploreAnswerHeader& header);
    AnswerPage* pageFor(const QString& pageKind);

    QString m_kind;
    bool m_interactiveDetail = false;
    void updateExportButton();

    QLabel* m_title = nullptr;
    QToolButton* m_export = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_message = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QMap<QString, AnswerPage*> m_pages; // by page kind
};

} // namespace twins::app
