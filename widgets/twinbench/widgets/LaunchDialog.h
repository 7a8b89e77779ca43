#pragma once

#include "twinbench/runs/RunRegistry.h"
#include "twinbench/sdk/ModuleCatalog.h"

#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;

namespace twins::widgets {

class ParameterForm;

// What the user asked to run; the application turns it into a RunSpec and submits it.
struct LaunchRequest {
    QString moduleId;
    QString action;
    QJsonObject parameters; // as the form holds them; the submitter resolves them again
    QStringList inputs;     // file paths or ids of earlier runs
    QString backend;        // "local", "slurm", "slurm-rest"
};

// "New run": choose a twin and one of its actions, fill the parameter form generated from the
// module's schema, add inputs (files, or the outputs of earlier runs), pick the backend. The
// Run button stays disabled while a value is invalid, and the reason is shown beneath the form.
class LaunchDialog : public QDialog {
    Q_OBJECT
public:
    LaunchDialog(const sdk::ModuleCatalog& catalog, const QList<runs::RunRecord>& finishedRuns,
                 QWidget* parent = nullptr);

    // Pre-fills the dialog from an earlier run (resubmit with changes).
    void prefill(const LaunchRequest& request);
    LaunchRequest request() const;

    ParameterForm* form() const { return m_form; }
    bool canLaunch() const;

signals:
    void launchRequested(const LaunchRequest& request);

private:
    void onModuleChanged();
    void onActionChanged();
    void updateValidity();
    void addInputFile();
    void addInputRun();

    sdk::ModuleCatalog m_catalog;
    QList<runs::RunRecord> m_finishedRuns;
    QComboBox* m_moduleBox = nullptr;
    QComboBox* m_actionBox = nullptr;
    QLabel* m_description = nullptr;
    ParameterForm* m_form = nullptr;
    QListWidget* m_inputs = nullptr;
    QComboBox* m_backendBox = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace twins::widgets
