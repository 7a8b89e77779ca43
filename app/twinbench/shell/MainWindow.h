#pragma once

#include <QMainWindow>

class QMessageBox;

namespace twins::widgets {
class RunsPanel;
}

namespace twins::app {

class ErrorDialogs;
class LiveCells;
class RunResults;
class RunsController;
class Workspace;

// The application shell: the workspace's view grid in the centre, docks for Data, Runs,
// Properties and Explore, and the menus, each entry one action class (shell/actions/) whose
// static entry point tests and the command line call. What is shown and how lives in the
// workspace (workspace/Workspace.h); the status bar, error dialogs and saved window state are
// behaviours (shell/behaviors/).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Workspace* workspace() const { return m_workspace; }
    // A run's outputs and declared results opened into the workspace's cells.
    RunResults* runResults() const { return m_runResults; }
    // Running runs' in-situ extracts followed in the workspace's cells.
    LiveCells* liveCells() const { return m_liveCells; }
    widgets::RunsPanel* runsPanel() const { return m_runsPanel; }
    RunsController* runsController() const { return m_runs; }
    // The error dialog currently shown, if any (ErrorDialogs).
    QMessageBox* errorDialog() const;
    // The one way every feature reports a failure to the user: a dialog that does not block
    // the event loop, and the status bar.
    void showError(const QString& title, const QString& text, const QString& details);

signals:
    void errorShown(const QString& title, const QString& text);

private:
    void createDocks();
    void createMenus();

    Workspace* m_workspace = nullptr;
    RunResults* m_runResults = nullptr;
    LiveCells* m_liveCells = nullptr;
    ErrorDialogs* m_errors = nullptr;
    widgets::RunsPanel* m_runsPanel = nullptr;
    RunsController* m_runs = nullptr;
};

} // namespace twins::app
