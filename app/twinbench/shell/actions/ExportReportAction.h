#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace twins::app {

class MainWindow;

// Runs > Export Report (and the run's context menu): writes a run's report, HTML or PDF by the
// suffix, with figures of its outputs, parameters, metrics and provenance. Reading the run and
// rendering its maps happen on the thread pool (an offscreen VTK window of their own).
class ExportReportAction : public QObject {
    Q_OBJECT
public:
    // The static entry point tests call: starts writing the report of `runDirectory` to
    // `outputPath`; `finished` tells how it ended, then the object deletes itself. Failures are
    // also shown in the window's error dialog, progress in its status bar.
    static ExportReportAction* start(MainWindow& window, const QString& runDirectory,
                                     const QString& outputPath);
    // Asks where to write the report of run `runId` (file dialog filtered by the report
    // formats), then starts.
    static void choose(MainWindow& window, const QString& runId, const QString& runDirectory);

signals:
    void finished(const QString& path, bool success, const QString& error);

private:
    explicit ExportReportAction(QObject* parent) : QObject(parent) {}
};

} // namespace twins::app
