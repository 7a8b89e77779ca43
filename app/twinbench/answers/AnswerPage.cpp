#include "answers/AnswerPage.h"

#include "twinbench/viz/OffscreenFigure.h"

#include <QTemporaryDir>

namespace twins::app {

QImage AnswerPage::renderFigure(QSize) const {
    throw viz::FigureRenderError("this answer has no figure to export");
}

void AnswerPage::writeVectorFigure(const QString& path, QSize) const {
    throw viz::FigureRenderError("this answer has no vector figure to write to " +
                                 path.toStdString());
}

QImage AnswerPage::renderedThroughPng(const std::function<void(const QString& png)>& exportPng) {
    const QTemporaryDir directory;
    if (!directory.isValid()) {
        throw viz::FigureRenderError("cannot make a temporary folder to render the figure in");
    }
    const QString png = directory.filePath(QStringLiteral("figure.png"));
    exportPng(png);
    QImage image(png);
    if (image.isNull()) {
        throw viz::FigureRenderError("the rendered figure could not be read back");
    }
    return image;
}

} // namespace twins::app
