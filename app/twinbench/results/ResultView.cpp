#include "results/ResultView.h"

#include "answers/AnswerView.h"
#include "answers/kinds/points/PointsResult.h"
#include "results/ResultPointsOverlay.h"
#include "support/BackgroundTask.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QVBoxLayout>

namespace twins::app {

ResultView::ResultView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("resultStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_answer = new AnswerView(this);
    layout->addWidget(m_answer, 1);
}

void ResultView::showResult(const QString& runId, const QString& runDirectory,
                            const sdk::ResultSpec& spec) {
    const QString title = spec.title.isEmpty() ? spec.output : spec.title;
    setWindowTitle(tr("%1 — run %2").arg(title, runId));
    const QString outputs = QDir(runDirectory).filePath(QStringLiteral("outputs"));
    const QString path = resultOutputPath(spec, outputs);
    m_status->setStyleSheet({});
    m_status->setText(tr("Reading %1 …").arg(path));
    m_answer->showMessage(tr("Reading %1 …").arg(QFileInfo(path).fileName()));
    m_busy = true;
    const int request = ++m_request;
    // Reading and converting never touch a widget: the GUI thread only draws the answer.
    runInBackground<Outcome>(
        this,
        [spec, outputs, runDirectory]() {
            Outcome outcome;
            try {
                outcome.answer = readResultAnswer(spec, outputs);
            } catch (const std::exception& error) {
                outcome.error = QString::fromUtf8(error.what());
            }
            if (outcome.error.isEmpty() && isPointsResultWithBackground(spec)) {
                // The caption says why the background is missing here: which file was looked
                // for where among the run's inputs (reading spec.json is file I/O too).
                const PointsBackground background = findPointsBackground(spec, runDirectory);
                outcome.answer.note +=
                    background.path.isEmpty()
                        ? QStringLiteral(": ") + background.why
                        : QStringLiteral(" in this view (%1 is drawn with them when the result is "
                                         "opened from the Runs dock)")
                              .arg(background.path);
            }
            return outcome;
        },
        [this, request, spec, path](const Outcome& outcome) {
            if (request == m_request) {
                onRead(outcome, spec, path);
            }
        });
}

void ResultView::showAnswer(const QString& title, const QString& kind, const QJsonObject& answer) {
    setWindowTitle(title);
    ++m_request; // a file still being read is no longer wanted
    m_busy = false;
    m_answerShown = answer;
    m_status->setStyleSheet({});
    try {
        m_answer->showAnswer(kind, answer, false);
    } catch (const std::exception& error) {
        fail(tr("the %1 answer could not be drawn: %2").arg(kind, QString::fromUtf8(error.what())));
        return;
    }
    m_status->setText(tr("%1 answer of %2").arg(kind, title));
    emit resultShown(true, {});
}

void ResultView::onRead(const Outcome& outcome, const sdk::ResultSpec& spec, const QString& path) {
    m_busy = false;
    m_answerShown = outcome.answer.answer;
    if (!outcome.error.isEmpty()) {
        fail(outcome.error);
        return;
    }
    try {
        m_answer->showAnswer(outcome.answer.kind, outcome.answer.answer, false);
    } catch (const std::exception& error) { // ExploreAnswerError, or the view refusing data
        fail(tr("%1 could not be drawn as %2: %3")
                 .arg(QFileInfo(path).fileName(), spec.kind, QString::fromUtf8(error.what())));
        return;
    }
    // The figure states what it shows beyond the answer (points of every time step, a
    // background left out, groups on one scale).
    m_answer->addNote(outcome.answer.note, outcome.answer.noteReplacesCaption);
    m_status->setText(tr("%1 result, from %2").arg(spec.kind, path));
    emit resultShown(true, {});
}

void ResultView::fail(const QString& message) {
    m_status->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_status->setText(tr("Cannot show this result: %1").arg(message));
    m_answer->showMessage(tr("Nothing is drawn: the file does not hold what the result spec "
                             "declares (see above)."));
    emit resultShown(false, message);
}

} // namespace twins::app
