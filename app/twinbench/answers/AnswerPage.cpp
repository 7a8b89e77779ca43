#include "answers/AnswerPage.h"

#include "twinbench/viz/OffscreenFigure.h"

namespace twins::app {

QImage AnswerPage::renderFigure(QSize) const {
    throw viz::FigureRenderError("this answer has no figure to export");
}

void AnswerPage::writeVectorFigure(const QString& path, QSize) const {
    throw viz::FigureRenderError("this answer has no vector figure to write to " +
                                 path.toStdString());
}

} // namespace twins::app
