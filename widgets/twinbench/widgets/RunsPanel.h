#pragma once

#include "twinbench/runs/RunRegistry.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace twins::widgets {

class RunDetails;
class RunFilterModel;
class RunTableModel;

// The Runs dock: a filterable table of every run in the registry (state, backend, progress bar,
// elapsed time), the selected run's details beneath it, and New run / Cancel / Resubmit. It only
// shows and asks: the application owns the run manager and answers the signals.
class RunsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunsPanel(QWidget* parent = nullptr);

    // A fresh registry listing (newest first).
    void setRuns(const QList<runs::RunRecord>& runs);
    // A line above the table: backend health ("SLURM controller unreachable: ...") or empty.
    void setBackendMessage(const QString& message);

    void setFilterText(const QString& text);
    void selectRun(const QString& runId);
    QString currentRunId() const;

    RunTableModel* tableModel() const { return m_model; }
    RunFilterModel* filterModel() const { return m_filter; }
    QTableView* table() const { return m_table; }
    RunDetails* details() const { return m_details; }

signals:
    void newRunRequested();
    void cancelRequested(const QString& runId);
    void resubmitRequested(const QString& runId);
    void outputActivated(const QString& path);
    // Forwarded from the details: a declared result of a run to show.
    void resultActivated(const QString& runId, const QString& runDirectory,
                         const twins::sdk::ResultSpec& spec);
    // Forwarded from the details: a run's in-situ extracts to follow live.
    void liveExtractsActivated(const QString& runId, const QString& runDirectory);

private:
    void onCurrentChanged();
    void updateButtons();

    RunTableModel* m_model = nullptr;
    RunFilterModel* m_filter = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QComboBox* m_stateBox = nullptr;
    QLabel* m_backendMessage = nullptr;
    QTableView* m_table = nullptr;
    RunDetails* m_details = nullptr;
    QPushButton* m_newButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_resubmitButton = nullptr;
};

} // namespace twins::widgets
