#include "export/ExportFigureDialog.h"

#include "export/ExportPathRow.h"
#include "export/formats/ExportFormats.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace twins::app {

ExportFigureDialog::ExportFigureDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Export Figure"));
    auto* form = new QFormLayout(this);
    m_path = new ExportPathRow(QStringLiteral("twinbench-figure"), ExportFormat::Purpose::Figure,
                               tr("Export Figure"), this);
    form->addRow(tr("File"), m_path);
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
}

QString ExportFigureDialog::path() const {
    return m_path->path();
}
QSize ExportFigureDialog::size() const {
    return {m_width->value(), m_height->value()};
}

} // namespace twins::app
