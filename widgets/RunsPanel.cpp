#include "twinbench/widgets/RunsPanel.h"

#include "twinbench/widgets/ProgressDelegate.h"
#include "twinbench/widgets/RunDetails.h"
#include "twinbench/widgets/RunFilterModel.h"
#include "twinbench/widgets/RunTableModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace twins::widgets {

RunsPanel::RunsPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);

    auto* bar = new QHBoxLayout();
    m_newButton = new QPushButton(tr("New run…"), this);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_resubmitButton = new QPushButton(tr("Resubmit…"), this);
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setPlaceholderText(tr("Filter runs (module, action, id, detail)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_stateBox = new QComboBox(this);
    m_stateBox->addItem(tr("All states"), QString());
    m_stateBox->addItem(tr("Active"), QStringLiteral("active"));
    for (runs::RunState state : runs::allRunStates()) {
        m_stateBox->addItem(runs::runStateName(state), runs::runStateName(state));
    }
    bar->addWidget(m_newButton);
    bar->addWidget(m_cancelButton);
    bar->addWidget(m_resubmitButton);
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_stateBox);
    layout->addLayout(bar);

    m_backendMessage = new QLabel(this);
    m_backendMessage->setObjectName(QStringLiteral("backendMessage"));
    m_backendMessage->setWordWrap(true);
    m_backendMessage->setStyleSheet(QStringLiteral("color: #b02020;"));
    m_backendMessage->hide();
    layout->addWidget(m_backendMessage);

    m_model = new RunTableModel(this);
    m_filter = new RunFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_table = new QTableView(this);
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setItemDelegateForColumn(RunTableModel::ProgressColumn, new ProgressDelegate(m_table));
    m_table->verticalHeader()->hide();
    // Fixed row heights and no per-row size hints: a table of 10,000 runs lays out instantly.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(RunTableModel::RunColumn, 200);
    m_table->setColumnWidth(RunTableModel::ProgressColumn, 110);
    m_table->setWordWrap(false);

    m_details = new RunDetails(this);
    // Side by side: the dock sits under the views, where width is plentiful and height is not.
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &RunFilterModel::setText);
    connect(m_stateBox, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setStateFilter(m_stateBox->currentData().toString()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RunsPanel::onCurrentChanged);
    connect(m_newButton, &QPushButton::clicked, this, &RunsPanel::newRunRequested);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (!currentRunId().isEmpty()) {
            emit cancelRequested(currentRunId());
        }
    });
    connect(m_resubmitButton, &QPushButton::clicked, this, [this] {
        if (!currentRunId().isEmpty()) {
            emit resubmitRequested(currentRunId());
        }
    });
    connect(m_details, &RunDetails::outputActivated, this, &RunsPanel::outputActivated);
    connect(m_details, &RunDetails::resultActivated, this, &RunsPanel::resultActivated);
    connect(m_details, &RunDetails::liveExtractsActivated, this, &RunsPanel::liveExtractsActivated);
    updateButtons();
}

void RunsPanel::setRuns(const QList<runs::RunRecord>& runs) {
    m_model->setRuns(runs);
    const QString current = currentRunId();
    if (!current.isEmpty()) {
        const int row = m_model->rowOf(current);
        if (const runs::RunRecord* record = m_model->recordAt(row)) {
            m_details->showRun(*record);
        }
    }
    updateButtons();
}

void RunsPanel::setBackendMessage(const QString& message) {
    m_backendMessage->setText(message);
    m_backendMessage->setVisible(!message.isEmpty());
}

void RunsPanel::setFilterText(const QString& text) {
    m_filterEdit->setText(text);
}

void RunsPanel::selectRun(const QString& runId) {
    const int row = m_model->rowOf(runId);
    if (row < 0) {
        return;
    }
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (index.isValid()) {
        m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
    }
}

QString RunsPanel::currentRunId() const {
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? index.data(RunTableModel::RunIdRole).toString() : QString();
}

void RunsPanel::onCurrentChanged() {
    const int row = m_model->rowOf(currentRunId());
    const runs::RunRecord* record = m_model->recordAt(row);
    m_details->showRun(record != nullptr ? std::optional<runs::RunRecord>(*record) : std::nullopt);
    updateButtons();
}

void RunsPanel::updateButtons() {
    const runs::RunRecord* record = m_model->recordAt(m_model->rowOf(currentRunId()));
    m_cancelButton->setEnabled(record != nullptr && !runs::isTerminal(record->state));
    m_resubmitButton->setEnabled(record != nullptr);
}

} // namespace twins::widgets
