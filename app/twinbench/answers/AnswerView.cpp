#include "answers/AnswerView.h"

#include "answers/AnswerFigureExport.h"
#include "answers/AnswerKinds.h"

#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace twins::app {

AnswerView::AnswerView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("exploreAnswerTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export = new QToolButton(this);
    m_export->setObjectName(QStringLiteral("exportAnswerFigure"));
    m_export->setText(tr("Export figure..."));
    m_export->setToolTip(tr("Write this figure to an image or vector file"));
    connect(m_export, &QToolButton::clicked, this,
            [this] { chooseAndExportAnswerFigure(this, *this); });
    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_export, 0, Qt::AlignTop);
    layout->addLayout(header);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_stack->addWidget(m_message);
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_stack->addWidget(m_text);
    showMessage(tr("Choose a twin and a query; moving a value asks the session worker."));
}

void AnswerView::showMessage(const QString& text) {
    m_kind.clear();
    m_interactiveDetail = false;
    m_title->clear();
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
    updateExportButton();
}

void AnswerView::updateExportButton() {
    m_export->setEnabled(!answerFigureFormats(*this).isEmpty());
}

void AnswerView::setTitle(const ExploreAnswerHeader& header) {
    QString title = header.title.toHtmlEscaped();
    if (!header.conditions.isEmpty()) {
        title += QStringLiteral(" <span style='color: palette(mid)'>(%1)</span>")
                     .arg(header.conditions.toHtmlEscaped());
    }
    m_title->setText(title);
}

AnswerPage* AnswerView::pageFor(const QString& pageKind) {
    if (AnswerPage* existing = m_pages.value(pageKind)) {
        return existing;
    }
    const AnswerKind* kind = answerKind(pageKind);
    if (kind == nullptr || !kind->makePage) {
        return nullptr;
    }
    AnswerPage* page = kind->makePage(this);
    m_pages.insert(pageKind, page);
    m_stack->addWidget(page);
    return page;
}

AnswerPage* AnswerView::currentPage() const {
    return qobject_cast<AnswerPage*>(m_stack->currentWidget());
}

void AnswerView::showAnswer(const QString& kindName, const QJsonObject& answer, bool interactive) {
    const AnswerKind* kind = answerKind(kindName);
    AnswerPage* page = kind != nullptr ? pageFor(kind->pageKind()) : nullptr;
    if (page == nullptr) {
        // No declared kind (an old query) or one the view does not draw: show what came back.
        setTitle(readAnswerHeader(answer));
        m_text->setPlainText(
            QString::fromUtf8(QJsonDocument(answer).toJson(QJsonDocument::Indented)));
        m_stack->setCurrentWidget(m_text);
        m_interactiveDetail = false;
        m_kind = kindName;
        updateExportButton();
        return;
    }
    // The page reads everything first: a malformed answer throws before anything shown
    // changes.
    const ExploreAnswerHeader header = page->showAnswer(answer, interactive);
    setTitle(header);
    m_stack->setCurrentWidget(page);
    m_interactiveDetail = interactive && page->drawsInteractiveDetail();
    m_kind = kindName;
    updateExportButton();
}

void AnswerView::refine() {
    if (AnswerPage* page = currentPage(); page != nullptr && m_interactiveDetail) {
        page->refine();
    }
    m_interactiveDetail = false;
}

void AnswerView::addNote(const QString& note, bool replacesCaption) {
    if (AnswerPage* page = currentPage(); page != nullptr && !note.isEmpty()) {
        page->addNote(note, replacesCaption);
    }
}

} // namespace twins::app
