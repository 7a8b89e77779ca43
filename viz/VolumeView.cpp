#include "twinbench/viz/VolumeView.h"

#include "twinbench/viz/OffscreenFigure.h"
#include "twinbench/viz/TransferFunctionEditor.h"
#include "twinbench/viz/VtkView.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <vtkInteractorStyle.h>

namespace twins::viz {

namespace {
QString valueLabel(double value, const QString& units) {
    const QString number = QString::number(value, 'g', 4);
    return units.isEmpty() ? number : number + QLatin1Char(' ') + units;
}
} // namespace

VolumeView::VolumeView(QWidget* parent)
    : QWidget(parent), m_scene(std::make_unique<VolumeScene>()) {
    m_view = new VtkView(this);
    // The scene's two renderers (3-D and sums) replace the view's own.
    m_view->renderWindow()->RemoveRenderer(m_view->renderer());
    for (vtkRenderer* renderer : m_scene->renderers()) {
        m_view->renderWindow()->AddRenderer(renderer);
    }
    m_view->interactor()->GetInteractorStyle()->SetDefaultRenderer(m_scene->volumeRenderer());
    // Interactive level of detail: VTK's volume mapper lowers its sampling while the user
    // drags (the interactor asks for 15 frames/s) and renders at full quality when still.
    m_view->renderWindow()->SetDesiredUpdateRate(0.0001);
    m_view->interactor()->SetDesiredUpdateRate(15.0);
    m_view->interactor()->SetStillUpdateRate(0.0001);

    m_editor = new TransferFunctionEditor(this);
    m_editor->setTransferFunction(m_scene->transferFunction());
    connect(m_editor, &TransferFunctionEditor::transferFunctionChanged, this,
            [this](const TransferFunction& function) {
                m_scene->setTransferFunction(function);
                requestFrame();
            });

    m_logBox = new QCheckBox(tr("Log scale"), this);
    m_volumeBox = new QCheckBox(tr("Volume"), this);
    m_slicesBox = new QCheckBox(tr("Slices"), this);
    m_volumeBox->setChecked(m_scene->volumeVisible());
    m_slicesBox->setChecked(m_scene->slicesVisible());
    connect(m_logBox, &QCheckBox::toggled, this, [this](bool checked) {
        if (!m_syncing) {
            setLogScale(checked);
        }
    });
    connect(m_volumeBox, &QCheckBox::toggled, this, [this](bool checked) {
        if (!m_syncing) {
            setVolumeVisible(checked);
        }
    });
    connect(m_slicesBox, &QCheckBox::toggled, this, [this](bool checked) {
        if (!m_syncing) {
            setSlicesVisible(checked);
        }
    });

    auto* slices = new QFormLayout;
    for (int axis = 0; axis < 3; ++axis) {
        auto* box = new QSpinBox(this);
        box->setRange(0, 0);
        connect(box, &QSpinBox::valueChanged, this, [this, axis](int value) {
            if (!m_syncing) {
                setSliceIndex(axis, value);
            }
        });
        m_sliceBoxes[static_cast<std::size_t>(axis)] = box;
        auto* label = new QLabel(this);
        m_sliceLabels[static_cast<std::size_t>(axis)] = label;
        slices->addRow(label, box);
    }

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #a00000"));
    m_message->hide();

    auto* controls = new QVBoxLayout;
    controls->addWidget(new QLabel(tr("Transfer function"), this));
    controls->addWidget(m_editor);
    auto* toggles = new QHBoxLayout;
    toggles->addWidget(m_logBox);
    toggles->addWidget(m_volumeBox);
    toggles->addWidget(m_slicesBox);
    controls->addLayout(toggles);
    controls->addLayout(slices);
    controls->addWidget(m_message);
    controls->addStretch(1);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(controls, 0);
    syncControls();
}

VolumeView::~VolumeView() {
    // The scene's renderers go before the view's window does.
    for (vtkRenderer* renderer : m_scene->renderers()) {
        m_view->renderWindow()->RemoveRenderer(renderer);
    }
}

bool VolumeView::setVolume(const VolumeGrid& grid, QString* error) {
    try {
        m_scene->setVolume(grid);
    } catch (const std::exception& failure) {
        const QString message = QString::fromUtf8(failure.what());
        m_message->setText(message);
        m_message->show();
        if (error != nullptr) {
            *error = message;
        }
        return false;
    }
    m_message->hide();
    syncControls();
    refreshEditor();
    requestFrame();
    return true;
}

bool VolumeView::setLogScale(bool log, QString* error) {
    try {
        m_scene->setLogScale(log);
    } catch (const std::exception& failure) {
        const QString message = QString::fromUtf8(failure.what());
        m_message->setText(message);
        m_message->show();
        if (error != nullptr) {
            *error = message;
        }
        syncControls();
        return false;
    }
    m_message->hide();
    syncControls();
    refreshEditor();
    requestFrame();
    return true;
}

void VolumeView::setTransferFunction(const TransferFunction& function) {
    m_scene->setTransferFunction(function);
    m_editor->setTransferFunction(function);
    requestFrame();
}

void VolumeView::setSliceIndex(int axis, int index) {
    m_scene->setSliceIndex(axis, index);
    syncControls();
    requestFrame();
}

void VolumeView::setSlicesVisible(bool visible) {
    m_scene->setSlicesVisible(visible);
    syncControls();
    requestFrame();
}

void VolumeView::setVolumeVisible(bool visible) {
    m_scene->setVolumeVisible(visible);
    syncControls();
    requestFrame();
}

void VolumeView::syncControls() {
    m_syncing = true;
    const VolumeGrid& grid = m_scene->volume();
    m_logBox->setChecked(m_scene->logScale());
    m_volumeBox->setChecked(m_scene->volumeVisible());
    m_slicesBox->setChecked(m_scene->slicesVisible());
    for (int axis = 0; axis < 3; ++axis) {
        QSpinBox* box = m_sliceBoxes[static_cast<std::size_t>(axis)];
        box->setRange(0, std::max(0, grid.dims[static_cast<std::size_t>(axis)] - 1));
        box->setValue(m_scene->sliceIndex(axis));
        box->setEnabled(m_scene->hasVolume() && m_scene->slicesVisible());
        m_sliceLabels[static_cast<std::size_t>(axis)]->setText(
            tr("%1 slice").arg(grid.axisNames[static_cast<std::size_t>(axis)]));
    }
    m_syncing = false;
}

void VolumeView::refreshEditor() {
    m_editor->setHistogram(m_scene->normalisedCellValues());
    const ColorRange range = m_scene->cellRange();
    const QString units = m_scene->volume().units;
    m_editor->setRangeLabels(valueLabel(range.minimum, units),
                             valueLabel(range.maximum, units) +
                                 (m_scene->logScale() ? tr(" (log)") : QString()));
}

void VolumeView::requestFrame() {
    m_view->update();
    emit viewChanged();
}

QImage VolumeView::renderToImage(QSize size) {
    return m_view->renderToImage(size);
}

// A scene of its own, in the same state and from the same viewpoint, so the on-screen window
// is not touched by an export.
std::unique_ptr<VolumeScene> VolumeView::figureScene(const QString& what) const {
    if (!m_scene->hasVolume()) {
        throw FigureRenderError("there is no volume to " + what.toStdString());
    }
    auto figure = std::make_unique<VolumeScene>();
    figure->setVolume(m_scene->volume());
    figure->setLogScale(m_scene->logScale());
    figure->setTransferFunction(m_scene->transferFunction());
    for (int axis = 0; axis < 3; ++axis) {
        figure->setSliceIndex(axis, m_scene->sliceIndex(axis));
    }
    figure->setSlicesVisible(m_scene->slicesVisible());
    figure->setVolumeVisible(m_scene->volumeVisible());
    figure->copyCamera(*m_scene);
    return figure;
}

QImage VolumeView::renderFigure(QSize size) const {
    return figureScene(QStringLiteral("render"))->renderImage(size);
}

void VolumeView::exportFigure(const QString& path, QSize size) const {
    const auto figure = figureScene(QStringLiteral("export to ") + path);
    if (QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0) {
        if (!figure->renderImage(size).save(path, "PNG")) {
            throw FigureRenderError("cannot write " + path.toStdString());
        }
        return;
    }
    figure->writeVector(path, size);
}

} // namespace twins::viz
