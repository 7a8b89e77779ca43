#include "answers/kinds/spectrogram/SpectrogramPage.h"

#include "answers/AnswerKinds.h"
#include "answers/kinds/spectrogram/SpectrogramAnswer.h"
#include "twinbench/viz/SpectrogramView.h"

#include <QLabel>
#include <QVBoxLayout>

namespace twins::app {

SpectrogramPage::SpectrogramPage(QWidget* parent) : AnswerPage(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_view = new viz::SpectrogramView(this);
    layout->addWidget(m_view, 1);
    m_cursor = new QLabel(this);
    m_cursor->setObjectName(QStringLiteral("spectrogramCursor"));
    m_cursor->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_cursor);
    connect(m_view, &viz::SpectrogramView::cursorTextChanged, m_cursor, &QLabel::setText);
}

ExploreAnswerHeader SpectrogramPage::showAnswer(const QJsonObject& json, bool interactive) {
    Q_UNUSED(interactive);
    SpectrogramAnswer answer = readSpectrogramAnswer(json);
    // The figure says what it shows and for which conditions, even exported alone.
    const QString title = answer.data.title.isEmpty() ? answer.data.valueName : answer.data.title;
    answer.data.title = answer.header.conditions.isEmpty()
                            ? title
                            : QStringLiteral("%1 (%2)").arg(title, answer.header.conditions);
    QString error;
    if (!m_view->setSpectrogram(answer.data, {}, &error)) {
        throw ExploreAnswerError(
            QStringLiteral("answer field 'spectrogram': %1").arg(error).toStdString());
    }
    // The title is drawn in the figure itself.
    return {};
}

QImage SpectrogramPage::renderFigure(QSize size) const {
    return m_view->renderFigure(size);
}

void SpectrogramPage::writeVectorFigure(const QString& path, QSize size) const {
    m_view->exportFigure(path, size);
}

AnswerKind spectrogramAnswerKind() {
    AnswerKind kind;
    kind.name = QStringLiteral("spectrogram");
    kind.makePage = [](QWidget* parent) { return new SpectrogramPage(parent); };
    kind.readResult = spectrogramAnswer;
    kind.figureWriters = {ExportFormat::Writer::RasterImage, ExportFormat::Writer::VectorPaths};
    return kind;
}

} // namespace twins::app
