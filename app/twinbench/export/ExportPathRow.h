#pragma once

#include "export/formats/ExportFormats.h"

#include <QWidget>

class QLineEdit;

namespace twins::app {

// The "File" row of the export dialogs: the output path and a Browse button whose file
// dialog offers the formats of one purpose (export-format registry).
class ExportPathRow : public QWidget {
    Q_OBJECT
public:
    // Starts at suggestedExportPath(baseName, purpose); `dialogTitle` titles the file dialog.
    ExportPathRow(const QString& baseName, ExportFormat::Purpose purpose,
                  const QString& dialogTitle, QWidget* parent = nullptr);
    QString path() const;

private:
    QLineEdit* m_path = nullptr;
};

} // namespace twins::app
