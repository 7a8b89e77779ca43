#pragma once

#include "twinbench/runs/RunMetrics.h"
#include "twinbench/runs/RunRegistry.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QTabWidget>
#include <QTimer>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTreeWidget;

namespace twins::widgets {

class LogTail;
class MetricsChart;

// Everything about one run, below the Runs table: live log tail, metric curves, the files in
// outputs/ (double-click opens one in a view), the provenance record and the spec. The files
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
    QTreeWidget* provenanceTree() const { return m_provenance; }

signals:
    void outputActivated(const QString& path);
    // After a refresh of metrics/outputs/provenance was applied (tests wait on it).
    void refreshed();

private:
    struct Snapshot {
        QString runId;
        QList<runs::MetricPoint> metrics;
        QStringList outputs;
        QJsonObject provenance;
        QJsonObject spec;
        QString error;
    };
    void startRefresh();
    void applySnapshot();

    QString m_runId;
    QString m_runDirectory;
    bool m_active = false;
    LogTail* m_log = nullptr;
    MetricsChart* m_chart = nullptr;
    QListWidget* m_outputs = nullptr;
    QTreeWidget* m_provenance = nullptr;
    QPlainTextEdit* m_spec = nullptr;
    QTimer m_timer;
    QFutureWatcher<Snapshot> m_reader;
};

} // namespace twins::widgets
