#include "shell/behaviors/StatusBarBehavior.h"

#include "workspace/Workspace.h"

#include <QLabel>
#include <QMainWindow>
#include <QProgressBar>
#include <QStatusBar>

namespace twins::app {

StatusBarBehavior::StatusBarBehavior(QMainWindow& window, Workspace& workspace) : QObject(&window) {
    QStatusBar* statusBar = window.statusBar();
    auto* cursor = new QLabel(&window);
    cursor->setMinimumWidth(320);
    auto* busy = new QProgressBar(&window);
    busy->setRange(0, 0); // busy: reading from files has no known length yet
    busy->setMaximumWidth(160);
    busy->setVisible(false);
    statusBar->addPermanentWidget(cursor);
    statusBar->addPermanentWidget(busy);
    statusBar->showMessage(tr("Ready"));
    connect(&workspace, &Workspace::cursorTextChanged, cursor, &QLabel::setText);
    connect(&workspace, &Workspace::busyChanged, busy, &QProgressBar::setVisible);
    connect(&workspace, &Workspace::statusMessage, statusBar, &QStatusBar::showMessage);
}

} // namespace twins::app
