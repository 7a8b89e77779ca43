#include "export/ExportFigureDialog.h"

#include "export/formats/ExportFormats.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace twins::app {

ExportFigureDialog::ExportFigureDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Export Figure"));
    auto* form = new QFormLayout(this);
    m_path = new QLineEdit(
        suggestedExportPath(QStringLiteral("twinbench-figure"), ExportFormat::Purpose::Figure),
        this);
    auto* browse = new QPushButton(tr("Browse..."), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path);
    pathRow->addWidget(browse);
    form->addRow(tr("File"), pathRow);
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox* box : {m_width, m_height}) {
        box->setRange(16, 16384);
        box->setSuffix(tr(" px"));
    }
    m_width->setValue(1920);
    m_height->setValue(1080);
    form->addRow(tr("Width"), m_width);
    form->addRow(tr("Height"), m_height);
    QStringList raster;
    for (const ExportFormat* format :
         exportFormatsFor(ExportFormat::Purpose::Figure, ExportOrigin::Window)) {
        raster << format->suffix.toUpper();
    }
    // Vector figures come from the offscreen renderer (twinbench --export-figure), not the view.
    auto* note =
        new QLabel(tr("Raster images (%1). Vector %2 figures: twinbench --export-figure.")
                       .arg(raster.join(QStringLiteral(", ")),
                            exportSuffixList(ExportFormat::Purpose::Figure, ExportOrigin::Script)),
                   this);
    note->setWordWrap(true);
    form->addRow(note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString chosen =
            QFileDialog::getSaveFileName(this, tr("Export Figure"), m_path->text(),
                                         exportDialogFilter(ExportFormat::Purpose::Figure));
        if (!chosen.isEmpty()) {
            m_path->setText(chosen);
        }
    });
}

QString ExportFigureDialog::path() const {
    return m_path->text();
}
QSize ExportFigureDialog::size() const {
    return {m_width->value(), m_height->value()};
}

} // namespace twins::app
