#pragma once

#include "twinbench/sdk/ModuleMetadata.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace twins::sdk {

struct ModuleEntry {
    ModuleMetadata metadata;
    QString libraryPath; // absolute, canonical
};

// A library in the search path that is not offered as a module, and why (malformed metadata,
// wrong IID, ABI version, duplicate id, not a Qt plugin).
struct RefusedPlugin {
    QString libraryPath;
    QString reason;
};

// The twins found in plugin directories, read from their metadata only: scan() never loads a
// library (QPluginLoader::metaData() reads the ELF section from the file), so the GUI can list
// twins and build their forms without running plugin code. Loading is ModuleLoader's job, in
// the worker.
class ModuleCatalog {
public:
    // $TWINBENCH_PLUGIN_PATH (colon-separated) first (only it when TWINBENCH_PLUGIN_PATH_ONLY=1),
    // then <applicationDirPath>/../lib/twinbench/
    // plugins (an installed tree) and, when the running executable is inside the build tree,
    // <build>/plugins. Earlier directories win when two provide the same module id.
    static QStringList defaultSearchPaths();

    // Lists every shared library in `directories` (not recursive; missing directories are
    // skipped) in search order, files sorted by name. A refused plugin never hides the others.
    static ModuleCatalog scan(const QStringList& directories);

    const QStringList& searchPaths() const { return m_searchPaths; }
    const QList<ModuleEntry>& modules() const { return m_modules; }
    const QList<RefusedPlugin>& refused() const { return m_refused; }
    const ModuleEntry* find(const QString& id) const;
    QStringList moduleIds() const;

    // Throws SdkError naming the module: not found (with the known ids and the search path), or
    // refused (with the reason, when a refused plugin claimed that id).
    const ModuleEntry& require(const QString& id) const;

private:
    QStringList m_searchPaths;
    QList<ModuleEntry> m_modules;
    QList<RefusedPlugin> m_refused;
};

} // namespace twins::sdk
