#include "shell/actions/ExportReportAction.h"

#include "export/formats/ExportFormats.h"
#include "report/ReportExport.h"
#include "shell/MainWindow.h"
#include "support/BackgroundTask.h"

#include <QFileDialog>
#include <QPointer>
#include <QStatusBar>

namespace twins::app {

ExportReportAction* ExportReportAction::start(MainWindow& window, const QString& runDirectory,
                                              const QString& outputPath) {
    auto* action = new ExportReportAction(&window);
    window.statusBar()->showMessage(tr("Writing the report %1…").arg(outputPath));
    QPointer<MainWindow> target(&window);
    runInBackground<QString>(
        action,
        [runDirectory, outputPath]() -> QString {
            try {
                writeReport(gatherRunReport(runDirectory, ReportRequest().figureSize), outputPath);
            } catch (const std::exception& error) {
                return QString::fromUtf8(error.what());
            }
            return {};
        },
        [action, target, outputPath](const QString& error) {
            if (target) {
                if (error.isEmpty()) {
                    target->statusBar()->showMessage(tr("Wrote the report %1").arg(outputPath),
                                                     8000);
                } else {
                    target->showError(tr("Cannot export the report"),
                                      tr("Cannot write %1").arg(outputPath), error);
                }
            }
            emit action->finished(outputPath, error.isEmpty(), error);
            action->deleteLater();
        });
    return action;
}

void ExportReportAction::choose(MainWindow& window, const QString& runId,
                                const QString& runDirectory) {
    const QString path =
        QFileDialog::getSaveFileName(&window, tr("Export Run Report"),
                                     suggestedExportPath(QStringLiteral("twinbench-run-") + runId,
                                                         ExportFormat::Purpose::Report),
                                     exportDialogFilter(ExportFormat::Purpose::Report));
    if (!path.isEmpty()) {
        start(window, runDirectory, path);
    }
}

} // namespace twins::app
