#pragma once

#include "answers/ResultAnswers.h"

#include <QWidget>

class QLabel;

namespace twins::app {

class AnswerView;

// One declared result of a finished run (in a workspace cell, or alone), drawn like an Explore
// answer: the run's output file is read and converted on the thread pool (CSV files can hold tens
// of thousands of rows), then AnswerView draws it. Above the figure, a line says what is shown, or
// plainly why it cannot be (the file and what was expected).
class ResultView : public QWidget {
    Q_OBJECT
public:
    explicit ResultView(QWidget* parent = nullptr);

    // Starts reading `spec`'s output of the run; the window title becomes "<title> — run <id>".
    void showResult(const QString& runId, const QString& runDirectory, const sdk::ResultSpec& spec);
    // Draws an answer already in hand (an Explore answer opened in a cell); the window title
    // becomes `title`.
    void showAnswer(const QString& title, const QString& kind, const QJsonObject& answer);

    AnswerView* answerView() const { return m_answer; }
    QLabel* statusLabel() const { return m_status; }
    bool busy() const { return m_busy; }
    // The answer the result was converted into (empty before it was read).
    const QJsonObject& shownAnswer() const { return m_answerShown; }

signals:
    // The result was drawn (success) or refused with `message` shown in the view.
    void resultShown(bool success, const QString& message);

private:
    struct Outcome {
        ResultAnswer answer;
        QString error;
    };
    void onRead(const Outcome& outcome, const sdk::ResultSpec& spec, const QString& path);
    void fail(const QString& message);

    QLabel* m_status = nullptr;
    AnswerView* m_answer = nullptr;
    int m_request = 0; // the newest read wins when results are activated quickly
    bool m_busy = false;
    QJsonObject m_answerShown;
};

} // namespace twins::app
