#include "shell/behaviors/WindowStateBehavior.h"

#include "twinbench/viz/ColorMap.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QEvent>
#include <QMainWindow>
#include <QSettings>

namespace twins::app {

WindowStateBehavior::WindowStateBehavior(QMainWindow& window, Workspace& workspace)
    : QObject(&window), m_window(window), m_workspace(workspace) {
    QSettings settings;
    if (!window.restoreGeometry(
            settings.value(QStringLiteral("mainWindow/geometry")).toByteArray())) {
        window.resize(1400, 850);
    }
    window.restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    const QString colorMap = settings.value(QStringLiteral("view/colorMap")).toString();
    if (viz::ColorMap::names().contains(colorMap)) {
        workspace.colorMapBox()->setCurrentText(colorMap);
    }
    window.installEventFilter(this);
}

bool WindowStateBehavior::eventFilter(QObject* watched, QEvent* event) {
    if (watched == &m_window && event->type() == QEvent::Close) {
        save();
    }
    return QObject::eventFilter(watched, event);
}

void WindowStateBehavior::save() const {
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), m_window.saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), m_window.saveState());
    settings.setValue(QStringLiteral("view/colorMap"), m_workspace.colorMapBox()->currentText());
}

} // namespace twins::app
