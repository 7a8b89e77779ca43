#include "export/AnimationDialog.h"

#include "export/AnimationExport.h"
#include "export/ExportPathRow.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSpinBox>

#include <algorithm>

namespace twins::app {

AnimationDialog::AnimationDialog(const std::vector<widgets::SliceDimension>& dimensions,
                                 QWidget* parent)
    : QDialog(parent), m_dimensions(dimensions) {
    setWindowTitle(tr("Export Animation"));
    auto* form = new QFormLayout(this);
    m_path = new ExportPathRow(QStringLiteral("twinbench-animation"),
                               ExportFormat::Purpose::Animation, tr("Export Animation"), this);
    form->addRow(tr("File"), m_path);
    m_dimension = new QComboBox(this);
    for (const widgets::SliceDimension& dimension : dimensions) {
        m_dimension->addItem(dimension.name);
    }
    form->addRow(tr("Animate over"), m_dimension);
    m_first = new QSpinBox(this);
    m_last = new QSpinBox(this);
    form->addRow(tr("First index"), m_first);
    form->addRow(tr("Last index"), m_last);
    m_fps = new QSpinBox(this);
    m_fps->setRange(1, 60);
    m_fps->setValue(8);
    m_fps->setSuffix(tr(" frames/s"));
    form->addRow(tr("Speed"), m_fps);
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox* box : {m_width, m_height}) {
        box->setRange(64, 8192);
        box->setSuffix(tr(" px"));
    }
    m_width->setValue(1280);
    m_height->setValue(720);
    form->addRow(tr("Width"), m_width);
    form->addRow(tr("Height"), m_height);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_dimension, &QComboBox::currentIndexChanged, this, [this] { updateRange(); });
    updateRange();
}

void AnimationDialog::fill(AnimationRequest& request) const {
    request.figure.outputPath = m_path->path();
    request.figure.size = QSize(m_width->value(), m_height->value());
    request.dimension = m_dimension->currentText();
    request.frames = std::make_pair(static_cast<std::size_t>(m_first->value()),
                                    static_cast<std::size_t>(m_last->value()));
    request.fps = m_fps->value();
}

void AnimationDialog::updateRange() {
    const int index = m_dimension->currentIndex();
    const int length =
        index < 0 ? 1 : static_cast<int>(m_dimensions[static_cast<std::size_t>(index)].length);
    m_first->setRange(0, std::max(0, length - 1));
    m_last->setRange(0, std::max(0, length - 1));
    m_first->setValue(0);
    m_last->setValue(std::max(0, length - 1));
}

} // namespace twins::app
