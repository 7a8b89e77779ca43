#pragma once

#include <QObject>

class QMainWindow;

namespace twins::app {

class Workspace;

// The window's geometry, dock layout and colour map are restored from QSettings when made
// (make it after the docks) and saved when the window closes.
class WindowStateBehavior : public QObject {
    Q_OBJECT
public:
    WindowStateBehavior(QMainWindow& window, Workspace& workspace);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void save() const;

    QMainWindow& m_window;
    Workspace& m_workspace;
};

} // namespace twins::app
