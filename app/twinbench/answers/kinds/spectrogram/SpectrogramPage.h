#pragma once

#include "answers/AnswerPage.h"

class QLabel;

namespace twins::viz {
class SpectrogramView;
}

namespace twins::app {

// A spectrogram answer in a SpectrogramView: the waterfall with its band and profile panels,
// the mask shaded over it, the answer's title and conditions on top, and under it the value
// under the cursor.
class SpectrogramPage : public AnswerPage {
    Q_OBJECT
public:
    explicit SpectrogramPage(QWidget* parent = nullptr);

    ExploreAnswerHeader showAnswer(const QJsonObject& answer, bool interactive) override;
    QImage renderFigure(QSize size) const override;
    void writeVectorFigure(const QString& path, QSize size) const override;

    viz::SpectrogramView* view() const { return m_view; }
    // The value under the cursor, its phase or time, frequency and mask.
    QLabel* cursorLabel() const { return m_cursor; }

private:
    viz::SpectrogramView* m_view = nullptr;
    QLabel* m_cursor = nullptr;
};

} // namespace twins::app
