#pragma once

#include "twinbench/runs/RunMetrics.h"
#include "twinbench/runs/RunRegistry.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QTabWidget>
#include <QTimer>

#include <optional>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTreeWidget;

namespace twins::widgets {

class LogTail;
class MetricsChart;

// Everything about one run, below the Runs table: live log tail, metric curves, the results its
// module declares for its action whose file is in outputs/ (activating one shows it), the files
// in outputs/ (double-click opens one in a view), the provenance record and the spec. The files
// are read on the thread pool every second while the run is active, and once when it ended.
class RunDetails : public QTabWidget {
    Q_OBJECT
public:
    explicit RunDetails(QWidget* parent = nullptr);

    // Shows `record` (a null optional clears the panel). Calling it again for the same run
    // with a newer state keeps the log and chart and only refreshes what changed.
    void showRun(const std::optional<runs::RunRecord>& record);
    const QString& runId() const { return m_runId; }

    LogTail* logTail() const { return m_log; }
    MetricsChart* metricsChart() const { return m_chart; }
    QListWidget* outputList() const { return m_outputs; }
    // One item per declared result whose output exists (title and kind), in metadata order,
    // after a "Live extracts" item while status.json names an in-situ extract.
    QListWidget* resultList() const { return m_results; }
    // The line above the results saying what is listed, or why nothing is.
    QLabel* resultsNote() const { return m_resultsNote; }

    // The twins' metadata (from the module catalog, read in the background by the caller): the
    // result specs of each module. Until it is set the Results tab says they are being read.
    void setModules(const QList<sdk::ModuleMetadata>& modules);
    QTreeWidget* provenanceTree() const { return m_provenance; }
    // Above the results, shown only when the run's outputs/domain.json (twins/sdk
    // TrainingDomain.h) says it asked its model for more than the model was trained on: which
    // dimension, what was requested and what was trained.
    QLabel* domainWarning() const { return m_domainWarning; }

signals:
    void outputActivated(const QString& path);
    // A declared result was activated: the run, its directory and the spec to show.
    void resultActivated(const QString& runId, const QString& runDirectory,
                         const twins::sdk::ResultSpec& spec);
    // The "Live extracts" item was activated: the run's in-situ extracts to follow in a cell.
    void liveExtractsActivated(const QString& runId, const QString& runDirectory);
    // After a refresh of metrics/outputs/provenance was applied (tests wait on it).
    void refreshed();

private:
    struct Snapshot {
        QString runId;
        QList<runs::MetricPoint> metrics;
        QStringList outputs;
        QJsonObject provenance;
        QJsonObject spec;
        QJsonObject domain; // outputs/domain.json, empty when the run wrote none
        QJsonObject insitu; // status.json's newest in-situ extract, empty when none
        QString error;
    };
    // The live log: log.txt on the run folder, or the backend's log API for interLink runs.
    void followLog(const runs::RunRecord& record);
    void startRefresh();
    void applySnapshot();
    void updateResults();
    void showDomain(const QJsonObject& domain);

    QString m_runId;
    QString m_runDirectory;
    QString m_moduleId;
    QString m_action;
    QString m_logBackendJobId; // of the record whose log is followed
    bool m_active = false;
    std::optional<QList<sdk::ModuleMetadata>> m_modules;
    QJsonObject m_insitu;      // of the last snapshot
    QStringList m_outputFiles; // of the last snapshot: which results exist is decided from it
    LogTail* m_log = nullptr;
    MetricsChart* m_chart = nullptr;
    QListWidget* m_outputs = nullptr;
    QListWidget* m_results = nullptr;
    QLabel* m_resultsNote = nullptr;
    QLabel* m_domainWarning = nullptr;
    QTreeWidget* m_provenance = nullptr;
    QPlainTextEdit* m_spec = nullptr;
    QTimer m_timer;
    QFutureWatcher<Snapshot> m_reader;
};

} // namespace twins::widgets
