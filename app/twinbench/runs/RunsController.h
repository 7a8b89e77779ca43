#pragma once

#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/widgets/LaunchDialog.h"

#include <QObject>
#include <QPointer>

#include <optional>

class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace twins::runs {
struct RunRecord;
struct RunSpec;
} // namespace twins::runs
namespace twins::widgets {
class RunsPanel;
}

namespace twins::app {

class RunMonitor;

// Wires the Runs dock to the run manager: the panel shows the registry as the RunMonitor lists
// it; New run and Resubmit open the launch dialog with the twins found in the plugin search path
// (read from their metadata on the thread pool, never loaded: the GUI runs no plugin code);
// Cancel asks the backend; a run that ends raises a desktop notification.
class RunsController : public QObject {
    Q_OBJECT
public:
    RunsController(widgets::RunsPanel* panel, QWidget* dialogParent);
    ~RunsController() override;

    RunMonitor* monitor() const { return m_monitor; }
    widgets::LaunchDialog* launchDialog() const { return m_dialog; }
    // The catalog once scanned (empty before).
    const std::optional<sdk::ModuleCatalog>& catalog() const { return m_catalog; }

    // Fills the window's Runs menu: New run, Run backends (settings), refresh.
    void populateMenu(QMenu* menu);
    void openBackendSettings();

    void openLaunchDialog(const std::optional<widgets::LaunchRequest>& prefill = std::nullopt);
    void launch(const widgets::LaunchRequest& request);

    // Finds the directory of a run listed in the panel and asks for its report
    // (reportRequested); the report itself is the shell's Export Report action.
    void chooseReportToExport(const QString& runId);
    // Finds a finished run listed in the panel and the other finished runs it can be compared
    // with (those of the same twin and action first), and asks for the comparison
    // (compareRequested); the comparison itself is the shell's File > Compare.
    void chooseRunToCompare(const QString& runId);

signals:
    void catalogReady();
    // "Show Live Extracts" in a run's context menu: its in-situ extracts followed in a cell.
    void liveExtractsRequested(const QString& runId, const QString& runDirectory);
    void errorOccurred(const QString& title, const QString& text, const QString& details);
    // A run ended (for the status bar and tests), with a one-line summary.
    void runEnded(const QString& runId, const QString& summary);
    void statusMessage(const QString& message);
    // Runs > Export Report or the run's context menu, for a run with this directory.
    void reportRequested(const QString& runId, const QString& runDirectory);
    // "Compare with..." on a finished run: its directory, and the other finished runs' labels
    // ("ID (twin action)") and directories, in the same order.
    void compareRequested(const QString& runDirectory, const QStringList& otherLabels,
                          const QStringList& otherDirectories);

private:
    void scanCatalog();
    void showRunContextMenu(const QPoint& position);
    void notifyRunEnded(const runs::RunRecord& run);

    widgets::RunsPanel* m_panel = nullptr;
    QWidget* m_dialogParent = nullptr;
    RunMonitor* m_monitor = nullptr;
    std::optional<sdk::ModuleCatalog> m_catalog;
    QPointer<widgets::LaunchDialog> m_dialog;
    QSystemTrayIcon* m_tray = nullptr;
    // "New run" clicked before the catalog was read: open the dialog once it is.
    bool m_openWhenCatalogReady = false;
    std::optional<widgets::LaunchRequest> m_pendingPrefill;
};

} // namespace twins::app
