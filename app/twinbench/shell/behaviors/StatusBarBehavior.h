#pragma once

#include <QObject>

class QMainWindow;

namespace twins::app {

class Workspace;

// The window's status bar follows the workspace: its messages, the value under the cursor
// (a permanent label) and a busy indicator while files are opened or read in the background.
class StatusBarBehavior : public QObject {
    Q_OBJECT
public:
    StatusBarBehavior(QMainWindow& window, Workspace& workspace);
};

} // namespace twins::app
