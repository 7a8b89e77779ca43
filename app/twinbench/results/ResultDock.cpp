#include "results/ResultDock.h"

#include "results/ResultView.h"

#include <QDockWidget>
#include <QMainWindow>

namespace twins::app {

ResultView* showResultDock(QMainWindow& window, const QString& runId, const QString& runDirectory,
                           const sdk::ResultSpec& spec) {
    // Named by run, kind and output so the same result finds its dock again.
    const QString name = QStringLiteral("resultDock/%1/%2/%3/%4")
                             .arg(runId, spec.kind, spec.output, spec.variable + spec.title);
    QList<QDockWidget*> resultDocks;
    for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
        if (dock->objectName() == name) {
            auto* view = qobject_cast<ResultView*>(dock->widget());
            view->showResult(runId, runDirectory, spec);
            dock->show();
            dock->raise();
            return view;
        }
        if (dock->objectName().startsWith(QLatin1String("resultDock/")) && dock->isVisible()) {
            resultDocks << dock;
        }
    }
    auto* dock = new QDockWidget(&window);
    dock->setObjectName(name);
    dock->setAttribute(Qt::WA_DeleteOnClose);
    auto* view = new ResultView(dock);
    dock->setWidget(view);
    view->showResult(runId, runDirectory, spec);
    dock->setWindowTitle(view->windowTitle());
    dock->setMinimumSize(420, 360);
    window.addDockWidget(Qt::RightDockWidgetArea, dock);
    if (!resultDocks.isEmpty()) {
        window.tabifyDockWidget(resultDocks.constLast(), dock);
    }
    dock->show();
    dock->raise();
    return view;
}

} // namespace twins::app
