#pragma once

#include <QCoreApplication>

class QMenu;
class QWidget;

namespace twins::app {

class Workspace;

// File > Open Zarr Store: a Zarr store is a directory, which a file dialog cannot pick.
class OpenZarrStoreAction {
    Q_DECLARE_TR_FUNCTIONS(OpenZarrStoreAction)
public:
    // The action is named "openZarrStoreAction".
    static void addTo(QMenu& menu, QWidget& parent, Workspace& workspace);
    // The static entry point: opens the store directory in the background.
    static void start(Workspace& workspace, const QString& directory);
    static void choose(QWidget& parent, Workspace& workspace);
};

} // namespace twins::app
