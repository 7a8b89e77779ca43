#pragma once

#include <QCoreApplication>

class QMenu;
class QWidget;

namespace twins::app {

class OpenUrlDialog;
class Workspace;

// File > Open URL...: a remote dataset by its http(s) URL (remote/OpenUrlDialog.h).
class OpenUrlAction {
    Q_DECLARE_TR_FUNCTIONS(OpenUrlAction)
public:
    // The action is named "openUrlAction".
    static void addTo(QMenu& menu, QWidget& parent, Workspace& workspace);
    // The static entry point: the dialog (deleted when closed) opening `url` in the background.
    static OpenUrlDialog* start(QWidget& parent, Workspace& workspace, const QString& url);
    // The dialog, empty, for the user to type a URL.
    static OpenUrlDialog* choose(QWidget& parent, Workspace& workspace);
};

} // namespace twins::app
