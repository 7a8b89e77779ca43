#include "twinbench/sdk/ModuleLoader.h"

#include "twinbench/sdk/SdkError.h"

#include <QPluginLoader>

namespace twins::sdk {

LoadedModule::LoadedModule(ModuleEntry entry, std::unique_ptr<QPluginLoader> loader,
                           TwinModule* instance)
    : m_entry(std::move(entry)), m_loader(std::move(loader)), m_instance(instance) {}

// The loader is destroyed without unload(): see the class comment.
LoadedModule::~LoadedModule() = default;

QJsonObject LoadedModule::query(const QString& name, const QJsonObject& arguments) {
    try {
        return m_instance->query(name, arguments);
    } catch (const UnknownQuery&) {
        QStringList names;
        for (const QuerySpec& query : metadata().queries) {
            names.append(query.name);
        }
        throw SdkError(QStringLiteral("module %1").arg(metadata().id),
                       QStringLiteral("has no query '%1' (queries: %2)")
                           .arg(name, names.isEmpty() ? QStringLiteral("none")
                                                      : names.join(QStringLiteral(", "))));
    }
}

std::unique_ptr<LoadedModule> loadModule(const ModuleEntry& entry) {
    auto loader = std::make_unique<QPluginLoader>(entry.libraryPath);
    // Resolve every symbol now: a plugin with a missing dependency fails here with the linker's
    // message rather than in the middle of a run.
    loader->setLoadHints(QLibrary::ResolveAllSymbolsHint);
    QObject* root = loader->instance();
    if (!root) {
        throw SdkError(entry.libraryPath, QStringLiteral("cannot load module '%1': %2")
                                              .arg(entry.metadata.id, loader->errorString()));
    }
    auto* module = qobject_cast<TwinModule*>(root);
    if (!module) {
        throw SdkError(entry.libraryPath,
                       QStringLiteral("plugin class %1 does not implement %2 (missing "
                                      "Q_INTERFACES(twins::sdk::TwinModule)?)")
                           .arg(QString::fromLatin1(root->metaObject()->className()),
                                QLatin1String(twinModuleIid)));
    }
    if (module->compiledAbiVersion() != twinModuleAbiVersion) {
        throw SdkError(entry.libraryPath,
                       QStringLiteral("module '%1' was compiled against module ABI version %2, "
                                      "this Twinbench supports version %3; rebuild the plugin")
                           .arg(entry.metadata.id)
                           .arg(module->compiledAbiVersion())
                           .arg(twinModuleAbiVersion));
    }
    // The file may have been replaced since the catalog read it (a rebuild while the GUI runs).
    const ModuleMetadata current =
        ModuleMetadata::fromPluginMetaData(loader->metaData(), entry.libraryPath);
    if (current.id != entry.metadata.id) {
        throw SdkError(entry.libraryPath,
                       QStringLiteral("now provides module '%1', expected '%2' (the file changed "
                                      "since the plugin directory was scanned)")
                           .arg(current.id, entry.metadata.id));
    }
    return std::make_unique<LoadedModule>(entry, std::move(loader), module);
}

} // namespace twins::sdk
