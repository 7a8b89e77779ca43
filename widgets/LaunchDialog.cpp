#include "twinbench/widgets/LaunchDialog.h"

#include "twinbench/sdk/SdkError.h"
#include "twinbench/widgets/ParameterForm.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace twins::widgets {

LaunchDialog::LaunchDialog(const sdk::ModuleCatalog& catalog,
                           const QList<runs::RunRecord>& finishedRuns, QWidget* parent)
    : QDialog(parent), m_catalog(catalog), m_finishedRuns(finishedRuns) {
    setWindowTitle(tr("New run"));
    auto* layout = new QVBoxLayout(this);

    auto* top = new QFormLayout();
    m_moduleBox = new QComboBox(this);
    m_moduleBox->setObjectName(QStringLiteral("moduleBox"));
    for (const sdk::ModuleEntry& entry : m_catalog.modules()) {
        m_moduleBox->addItem(
            QStringLiteral("%1 (%2)").arg(entry.metadata.name, entry.metadata.domain),
            entry.metadata.id);
    }
    m_actionBox = new QComboBox(this);
    m_actionBox->setObjectName(QStringLiteral("actionBox"));
    m_backendBox = new QComboBox(this);
    m_backendBox->setObjectName(QStringLiteral("backendBox"));
    m_backendBox->addItem(tr("This workstation"), QStringLiteral("local"));
    m_backendBox->addItem(tr("SLURM (sbatch)"), QStringLiteral("slurm"));
    m_backendBox->addItem(tr("SLURM (slurmrestd)"), QStringLiteral("slurm-rest"));
    m_backendBox->addItem(tr("interLink (federation sign-in)"), QStringLiteral("interlink"));
    top->addRow(tr("Twin"), m_moduleBox);
    top->addRow(tr("Action"), m_actionBox);
    top->addRow(tr("Run on"), m_backendBox);
    layout->addLayout(top);

    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    layout->addWidget(m_description);

    auto* parameters = new QGroupBox(tr("Parameters"), this);
    auto* parametersLayout = new QVBoxLayout(parameters);
    auto* scroll = new QScrollArea(parameters);
    scroll->setWidgetResizable(true);
    m_form = new ParameterForm(scroll);
    scroll->setWidget(m_form);
    parametersLayout->addWidget(scroll);
    layout->addWidget(parameters, 1);

    auto* inputs = new QGroupBox(tr("Inputs"), this);
    auto* inputsLayout = new QVBoxLayout(inputs);
    m_inputs = new QListWidget(inputs);
    m_inputs->setObjectName(QStringLiteral("inputList"));
    m_inputs->setMaximumHeight(90);
    inputsLayout->addWidget(m_inputs);
    auto* inputButtons = new QHBoxLayout();
    auto* addFile = new QPushButton(tr("Add file…"), inputs);
    auto* addRun = new QPushButton(tr("Add outputs of a run…"), inputs);
    auto* remove = new QPushButton(tr("Remove"), inputs);
    addRun->setEnabled(!m_finishedRuns.isEmpty());
    inputButtons->addWidget(addFile);
    inputButtons->addWidget(addRun);
    inputButtons->addWidget(remove);
    inputButtons->addStretch();
    inputsLayout->addLayout(inputButtons);
    layout->addWidget(inputs);
    connect(addFile, &QPushButton::clicked, this, &LaunchDialog::addInputFile);
    connect(addRun, &QPushButton::clicked, this, &LaunchDialog::addInputRun);
    connect(remove, &QPushButton::clicked, this, [this] { delete m_inputs->currentItem(); });

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b02020;"));
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Run"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canLaunch()) {
            emit launchRequested(request());
            accept();
        }
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_moduleBox, &QComboBox::currentIndexChanged, this, &LaunchDialog::onModuleChanged);
    connect(m_actionBox, &QComboBox::currentIndexChanged, this, &LaunchDialog::onActionChanged);
    connect(m_form, &ParameterForm::valuesChanged, this, &LaunchDialog::updateValidity);
    resize(560, 640);
    onModuleChanged();
}

void LaunchDialog::onModuleChanged() {
    const QSignalBlocker blocker(m_actionBox);
    m_actionBox->clear();
    const sdk::ModuleEntry* entry = m_catalog.find(m_moduleBox->currentData().toString());
    if (entry != nullptr) {
        for (const sdk::ActionSpec& action : entry->metadata.actions) {
            m_actionBox->addItem(action.label.isEmpty() ? action.id : action.label, action.id);
        }
    }
    onActionChanged();
}

void LaunchDialog::onActionChanged() {
    const sdk::ModuleEntry* entry = m_catalog.find(m_moduleBox->currentData().toString());
    if (entry == nullptr) {
        m_form->setSchema({});
        m_description->setText(m_catalog.modules().isEmpty()
                                   ? tr("No twin modules were found. Search path: %1")
                                         .arg(m_catalog.searchPaths().join(QStringLiteral(", ")))
                                   : QString());
        updateValidity();
        return;
    }
    const QString actionId = m_actionBox->currentData().toString();
    const sdk::ActionSpec* action = entry->metadata.findAction(actionId);
    QString text = entry->metadata.description;
    if (action != nullptr) {
        text += QStringLiteral("\n\n%1: %2\nInputs: %3")
                    .arg(action->label.isEmpty() ? action->id : action->label, action->help,
                         action->inputs.isEmpty() ? tr("none") : action->inputs);
    }
    m_description->setText(text.trimmed());
    try {
        m_form->setSchema(entry->metadata.actionParameters(actionId));
    } catch (const sdk::SdkError& error) {
        m_form->setSchema({});
        m_problem->setText(error.message());
    }
    updateValidity();
}

bool LaunchDialog::canLaunch() const {
    return m_catalog.find(m_moduleBox->currentData().toString()) != nullptr &&
           !m_actionBox->currentData().toString().isEmpty() && m_form->validationError().isEmpty();
}

void LaunchDialog::updateValidity() {
    const QString problem = m_form->validationError();
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canLaunch());
}

void LaunchDialog::addInputFile() {
    auto* dialog = new QFileDialog(this, tr("Add input file"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    connect(dialog, &QFileDialog::filesSelected, this,
            [this](const QStringList& files) { m_inputs->addItems(files); });
    dialog->open();
}

void LaunchDialog::addInputRun() {
    QStringList items;
    for (const runs::RunRecord& run : m_finishedRuns) {
        items << QStringLiteral("%1  %2 %3").arg(run.id, run.moduleId, run.action);
    }
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Use the outputs of a run"));
    dialog->setLabelText(tr("Succeeded runs, newest first:"));
    dialog->setComboBoxItems(items);
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString& text) {
        m_inputs->addItem(text.section(QLatin1Char(' '), 0, 0));
    });
    dialog->open();
}

void LaunchDialog::prefill(const LaunchRequest& request) {
    const int module = m_moduleBox->findData(request.moduleId);
    if (module >= 0) {
        m_moduleBox->setCurrentIndex(module);
    }
    const int action = m_actionBox->findData(request.action);
    if (action >= 0) {
        m_actionBox->setCurrentIndex(action);
    }
    m_form->setValues(request.parameters);
    m_inputs->clear();
    m_inputs->addItems(request.inputs);
    const int backend = m_backendBox->findData(request.backend);
    if (backend >= 0) {
        m_backendBox->setCurrentIndex(backend);
    }
    updateValidity();
}

LaunchRequest LaunchDialog::request() const {
    LaunchRequest request;
    request.moduleId = m_moduleBox->currentData().toString();
    request.action = m_actionBox->currentData().toString();
    request.parameters = m_form->values();
    for (int row = 0; row < m_inputs->count(); ++row) {
        request.inputs << m_inputs->item(row)->text();
    }
    request.backend = m_backendBox->currentData().toString();
    return request;
}

} // namespace twins::widgets
