#pragma once

#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/sdk/TwinModule.h"

#include <QJsonObject>

#include <memory>

class QPluginLoader;

namespace twins::sdk {

// A twin whose library is loaded (worker only: the GUI never loads plugin code). The library
// stays mapped for the life of the process even after this object is gone: unloading code that
// may still own threads or static objects is not worth the crash it risks.
class LoadedModule {
public:
    LoadedModule(ModuleEntry entry, std::unique_ptr<QPluginLoader> loader, TwinModule* instance);
    ~LoadedModule();
    LoadedModule(const LoadedModule&) = delete;
    LoadedModule& operator=(const LoadedModule&) = delete;

    const ModuleEntry& entry() const { return m_entry; }
    const ModuleMetadata& metadata() const { return m_entry.metadata; }
    TwinModule& module() { return *m_instance; }

    // module().query() with the module's name on errors: an unknown query becomes SdkError
    // "module testtwin has no query 'x' (queries: field_stats)".
    QJsonObject query(const QString& name, const QJsonObject& arguments);

private:
    ModuleEntry m_entry;
    std::unique_ptr<QPluginLoader> m_loader;
    TwinModule* m_instance;
};

// Loads the plugin of `entry`, checks that its root object implements TwinModule (the IID) and
// was compiled against this twinModuleAbiVersion, and that its embedded id still matches the
// catalog's. Throws SdkError naming the library with the loader's reason otherwise.
std::unique_ptr<LoadedModule> loadModule(const ModuleEntry& entry);

} // namespace twins::sdk
