#include "answers/kinds/volume/VolumePage.h"

#include "answers/AnswerKinds.h"
#include "answers/kinds/volume/VolumeAnswer.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/OffscreenFigure.h"
#include "twinbench/viz/TransferFunction.h"
#include "twinbench/viz/VolumeView.h"
#include "twinbench/viz/VtkView.h"

#include <QHBoxLayout>
#include <QPainter>
#include <QSplitter>

#include <vtkGenericOpenGLRenderWindow.h>

namespace twins::app {

namespace {
// VTK's level-of-detail switch (what its interactors do while a camera moves): at a high
// desired update rate the volume mapper casts fewer rays and samples; the still rate asks for
// full quality.
constexpr double interactiveUpdateRate = 15.0;
constexpr double stillUpdateRate = 0.0001;
} // namespace

VolumePage::VolumePage(QWidget* parent) : AnswerPage(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    for (auto& view : m_volumes) {
        view = new viz::VolumeView(splitter);
        splitter->addWidget(view);
    }
    layout->addWidget(splitter);
}

void VolumePage::setUpdateRate(bool interactive) {
    for (viz::VolumeView* view : m_volumes) {
        view->vtkView().renderWindow()->SetDesiredUpdateRate(interactive ? interactiveUpdateRate
                                                                         : stillUpdateRate);
    }
}

ExploreAnswerHeader VolumePage::showAnswer(const QJsonObject& json, bool interactive) {
    const ExploreVolumes answer = readVolumeAnswer(json);
    setUpdateRate(interactive);
    // The colour map the result spec declares (the transfer function's colours); without
    // one, or with one the application does not have, the views keep theirs (viridis).
    const viz::ColorMap declared =
        viz::ColorMap::named(json.value(QStringLiteral("colormap")).toString());
    for (std::size_t index = 0; index < m_volumes.size(); ++index) {
        viz::VolumeView* view = m_volumes[index];
        if (index >= answer.volumes.size()) {
            view->hide();
            continue;
        }
        viz::VolumeGrid grid = answer.volumes[index];
        // Each figure says what it shows and for which conditions, even exported alone.
        const QString title = grid.title.isEmpty() ? grid.name : grid.title;
        grid.title = answer.header.conditions.isEmpty()
                         ? title
                         : QStringLiteral("%1 (%2)").arg(title, answer.header.conditions);
        QString error;
        if (!view->setVolume(grid, &error)) {
            throw ExploreAnswerError(QStringLiteral("answer field 'volumes[%1]': %2")
                                         .arg(index)
                                         .arg(error)
                                         .toStdString());
        }
        if (declared.isValid()) {
            view->setTransferFunction(viz::TransferFunction::fromColorMap(declared));
        }
        view->show();
    }
    return answer.header;
}

void VolumePage::refine() {
    setUpdateRate(false);
    for (viz::VolumeView* view : m_volumes) {
        if (view->isVisible()) {
            view->vtkView().update();
        }
    }
}

QImage VolumePage::renderFigure(QSize size) const {
    std::vector<const viz::VolumeView*> shown;
    for (const viz::VolumeView* view : m_volumes) {
        if (!view->isHidden()) {
            shown.push_back(view);
        }
    }
    if (shown.empty()) {
        throw viz::FigureRenderError("there is no volume to export");
    }
    const QSize each(size.width() / static_cast<int>(shown.size()), size.height());
    QImage figure(size, QImage::Format_RGB32);
    figure.fill(Qt::white);
    QPainter painter(&figure);
    for (std::size_t index = 0; index < shown.size(); ++index) {
        const QImage part = shown[index]->renderFigure(each);
        painter.drawImage(QPoint(static_cast<int>(index) * each.width(), 0), part);
    }
    return figure;
}

AnswerKind volumeAnswerKind() {
    AnswerKind kind;
    kind.name = QStringLiteral("volume");
    kind.makePage = [](QWidget* parent) { return new VolumePage(parent); };
    kind.readResult = volumeAnswer;
    kind.figureWriters = {ExportFormat::Writer::RasterImage};
    return kind;
}

} // namespace twins::app
