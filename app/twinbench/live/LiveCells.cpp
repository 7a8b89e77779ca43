#include "live/LiveCells.h"

#include "live/LiveExtractView.h"
#include "workspace/ViewCell.h"
#include "workspace/ViewGrid.h"
#include "workspace/Workspace.h"

#include <QApplication>
#include <QStackedWidget>

namespace twins::app {

LiveCells::LiveCells(Workspace& workspace) : QObject(&workspace), m_workspace(workspace) {}

void LiveCells::open(const QString& runId, const QString& runDirectory) {
    openIn(QApplication::keyboardModifiers().testFlag(Qt::ControlModifier), runId, runDirectory);
}

void LiveCells::openIn(bool newCell, const QString& runId, const QString& runDirectory) {
    showInCell(m_workspace.grid()->cellToOpenIn(newCell), runId, runDirectory);
}

LiveExtractView* LiveCells::liveViewIn(viz::FieldView* view) const {
    const ViewCell* cell = m_workspace.grid()->cellOf(view);
    return cell == nullptr ? nullptr : qobject_cast<LiveExtractView*>(cell->resultWidget());
}

void LiveCells::showInCell(viz::FieldView* view, const QString& runId,
                           const QString& runDirectory) {
    m_workspace.setActiveView(view);
    const QString title = tr("Live extracts — run %1").arg(runId);
    m_workspace.grid()->setContent(view,
                                   {title, {}, [this, runId, runDirectory](viz::FieldView* target) {
                                        showInCell(target, runId, runDirectory);
                                    }});
    ViewCell* cell = m_workspace.grid()->cellOf(view);
    auto* live = new LiveExtractView(runId, runDirectory, cell->stack());
    live->setObjectName(QStringLiteral("liveExtractView"));
    cell->showResultWidget(live);
    m_workspace.showStatus(title, 5000);
    emit liveViewOpened(view, live);
}

} // namespace twins::app
