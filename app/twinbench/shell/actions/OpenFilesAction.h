#pragma once

#include <QCoreApplication>
#include <QStringList>

class QMenu;
class QWidget;

namespace twins::app {

class Workspace;

// File > Open: data files chosen in a file dialog (a Zarr store's .zarray/.zgroup/.zattrs
// opens the store). Formats are detected from the content, so the filter only helps browsing.
class OpenFilesAction {
    Q_DECLARE_TR_FUNCTIONS(OpenFilesAction)
public:
    static void addTo(QMenu& menu, QWidget& parent, Workspace& workspace);
    // The static entry point tests and the command line (`twinbench FILE... --variable V`)
    // call: opens the files in the background and shows `variable` of the first (or its first
    // field) in the active view.
    static void start(Workspace& workspace, const QStringList& paths, const QString& variable = {});
    static void choose(QWidget& parent, Workspace& workspace);
};

} // namespace twins::app
