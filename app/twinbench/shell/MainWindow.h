#pragma once

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;

namespace twins::widgets {
class RunsPanel;
}

namespace twins::app {

class RunResults;
class RunsController;
class Workspace;

// The application shell: the workspace's view grid in the centre, docks for Data, Runs,
// Properties and Explore, menus, and a status bar with the value under the cursor and a busy
// indicator. What is shown and how lives in the workspace (workspace/Workspace.h); the window
// places it and reports its failures.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Workspace* workspace() const { return m_workspace; }
    // A run's outputs and declared results opened into the workspace or a result dock.
    RunResults* runResults() const { return m_runResults; }
    widgets::RunsPanel* runsPanel() const { return m_runsPanel; }
    RunsController* runsController() const { return m_runs; }
    // The error dialog currently shown, if any (non-modal to the event loop, so tests and
    // users can keep working).
    QMessageBox* errorDialog() const { return m_errorDialog; }
    // Shows an error in a window-modal dialog that does not block the event loop, and in the
    // status bar; the one way every feature reports a failure to the user.
    void showError(const QString& title, const QString& text, const QString& details);

signals:
    void errorShown(const QString& title, const QString& text);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createDocks();
    void createMenus();
    void createStatusBar();
    void restoreSettings();
    void saveSettings() const;
    void refreshRecentFilesMenu();

    Workspace* m_workspace = nullptr;
    RunResults* m_runResults = nullptr;
    widgets::RunsPanel* m_runsPanel = nullptr;
    RunsController* m_runs = nullptr;
    QLabel* m_cursorLabel = nullptr;
    QProgressBar* m_busyBar = nullptr;
    QMenu* m_recentMenu = nullptr;
    QPointer<QMessageBox> m_errorDialog;
};

} // namespace twins::app
