#include "compare/CompareDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace twins::app {

CompareDialog::CompareDialog(const QStringList& openFiles, const QString& variable, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Compare two runs or files"));
    setObjectName(QStringLiteral("compareDialog"));
    auto* form = new QFormLayout(this);
    m_form = form;
    m_a = pathRow(tr("A"), openFiles.value(0));
    m_b = pathRow(tr("B"), openFiles.value(1));
    m_variable = new QLineEdit(variable, this);
    m_variable->setObjectName(QStringLiteral("compareVariable"));
    form->addRow(tr("A (a run's output or a file):"), m_a->parentWidget());
    form->addRow(tr("B:"), m_b->parentWidget());
    form->addRow(tr("Variable:"), m_variable);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Compare"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

QLineEdit* CompareDialog::pathRow(const QString& label, const QString& path) {
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* edit = new QLineEdit(path, row);
    edit->setObjectName(QStringLiteral("comparePath") + label);
    edit->setMinimumWidth(420);
    auto* browse = new QPushButton(tr("Browse..."), row);
    connect(browse, &QPushButton::clicked, this, [this, edit] {
        const QString chosen =
            QFileDialog::getOpenFileName(this, tr("Choose a file"), edit->text());
        if (!chosen.isEmpty()) {
            edit->setText(chosen);
        }
    });
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return edit;
}

void CompareDialog::offerRuns(const QStringList& labels, const QStringList& paths) {
    if (m_runs == nullptr) {
        m_runs = new QComboBox(this);
        m_runs->setObjectName(QStringLiteral("compareRunB"));
        m_form->insertRow(2, tr("B from run:"), m_runs);
        connect(m_runs, &QComboBox::currentIndexChanged, this, [this] {
            if (const QString path = m_runs->currentData().toString(); !path.isEmpty()) {
                m_b->setText(path);
            }
        });
    }
    const QSignalBlocker blocker(m_runs);
    m_runs->clear();
    for (qsizetype i = 0; i < labels.size() && i < paths.size(); ++i) {
        m_runs->addItem(labels[i], paths[i]);
    }
    if (labels.isEmpty()) {
        m_runs->addItem(tr("(no other finished run: choose a file)"), QString());
    }
}

QString CompareDialog::pathA() const {
    return m_a->text().trimmed();
}
QString CompareDialog::pathB() const {
    return m_b->text().trimmed();
}
QString CompareDialog::variable() const {
    return m_variable->text().trimmed();
}

} // namespace twins::app
