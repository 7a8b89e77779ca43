#pragma once

#include <QDialog>

class QSpinBox;

namespace twins::app {

class ExportPathRow;

// Asks where to write the active view as an image and at what size in pixels.
class ExportFigureDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportFigureDialog(QWidget* parent = nullptr);
    QString path() const;
    QSize size() const;

private:
    ExportPathRow* m_path = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
};

} // namespace twins::app
