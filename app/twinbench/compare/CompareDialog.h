#pragma once

#include <QDialog>

class QComboBox;
class QFormLayout;
class QLineEdit;

namespace twins::app {

// File > Compare...: two runs' outputs or files (A and B) and the variable to compare. The
// paths start as the files open in the workspace (the active cell's first), the variable as
// the active cell's.
class CompareDialog : public QDialog {
    Q_OBJECT
public:
    CompareDialog(const QStringList& openFiles, const QString& variable, QWidget* parent = nullptr);

    // A choice of runs for B ("Compare with..." from the Runs dock): picking one puts its
    // output (`paths`, in the order of `labels`) in B.
    void offerRuns(const QStringList& labels, const QStringList& paths);

    QString pathA() const;
    QString pathB() const;
    QString variable() const;

private:
    QLineEdit* pathRow(const QString& label, const QString& path);

    QLineEdit* m_a = nullptr;
    QLineEdit* m_b = nullptr;
    QLineEdit* m_variable = nullptr;
    QFormLayout* m_form = nullptr;
    QComboBox* m_runs = nullptr;
};

} // namespace twins::app
