#include "export/ExportPathRow.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace twins::app {

ExportPathRow::ExportPathRow(const QString& baseName, ExportFormat::Purpose purpose,
                             const QString& dialogTitle, QWidget* parent)
    : QWidget(parent), m_path(new QLineEdit(suggestedExportPath(baseName, purpose), this)) {
    auto* browse = new QPushButton(tr("Browse..."), this);
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_path);
    row->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, purpose, dialogTitle] {
        const QString chosen = QFileDialog::getSaveFileName(this, dialogTitle, m_path->text(),
                                                            exportDialogFilter(purpose));
        if (!chosen.isEmpty()) {
            m_path->setText(chosen);
        }
    });
}

QString ExportPathRow::path() const {
    return m_path->text();
}

} // namespace twins::app
