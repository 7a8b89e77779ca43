#include "twinbench/sdk/ModuleCatalog.h"

#include "twinbench/sdk/BuildConfig.h"
#include "twinbench/sdk/SdkError.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QPluginLoader>
#include <QSet>

namespace twins::sdk {

namespace {

// The reason without the leading "<path>: " the SdkError carries, since RefusedPlugin keeps
// the path in its own field.
QString reasonWithoutPath(const SdkError& error, const QString& path) {
    QString message = error.message();
    const QString prefix = path + QStringLiteral(": ");
    if (message.startsWith(prefix)) {
        message.remove(0, prefix.size());
    }
    return message;
}

bool isInside(const QString& path, const QString& directory) {
    const QString canonicalPath = QFileInfo(path).canonicalFilePath();
    const QString canonicalDirectory = QFileInfo(directory).canonicalFilePath();
    return !canonicalPath.isEmpty() && !canonicalDirectory.isEmpty() &&
           (canonicalPath == canonicalDirectory ||
            canonicalPath.startsWith(canonicalDirectory + QLatin1Char('/')));
}

} // namespace

QStringList ModuleCatalog::defaultSearchPaths() {
    QStringList paths;
    const QString environment = qEnvironmentVariable("TWINBENCH_PLUGIN_PATH");
    for (const QString& path : environment.split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
        paths.append(QDir::cleanPath(path));
    }
    // TWINBENCH_PLUGIN_PATH_ONLY=1 makes the variable the whole search path: a test (or a user
    // pinning a set of twins) sees exactly the plugins it names, not the ones built beside it.
    if (qEnvironmentVariableIntValue("TWINBENCH_PLUGIN_PATH_ONLY") == 1) {
        return paths;
    }
    if (QCoreApplication::instance()) {
        const QString applicationDirectory = QCoreApplication::applicationDirPath();
        paths.append(QDir::cleanPath(applicationDirectory + QLatin1Char('/') +
                                     QStringLiteral(TWINBENCH_PLUGIN_DIR_FROM_BIN)));
        // Only from inside the build tree, so an installed copy never picks up stale
        // development plugins from a build directory that happens to still exist.
        const QString buildDirectory = QStringLiteral(TWINBENCH_BUILD_DIR);
        if (isInside(applicationDirectory, buildDirectory)) {
            paths.append(buildDirectory + QStringLiteral("/plugins"));
        }
    }
    return paths;
}

ModuleCatalog ModuleCatalog::scan(const QStringList& directories) {
    ModuleCatalog catalog;
    catalog.m_searchPaths = directories;
    QSet<QString> seenFiles;
    for (const QString& directoryPath : directories) {
        const QDir directory(directoryPath);
        if (!directory.exists()) {
            continue;
        }
        const QFileInfoList files =
            directory.entryInfoList(QDir::Files | QDir::Readable, QDir::Name);
        for (const QFileInfo& file : files) {
            const QString path = file.canonicalFilePath();
            if (!QLibrary::isLibrary(path) || seenFiles.contains(path)) {
                continue; // the same directory listed twice (e.g. env and build tree)
            }
            seenFiles.insert(path);
            // metaData() reads the plugin's metadata section from the file; the library is not
            // loaded, so no plugin code runs in the process that scans (the GUI).
            const QPluginLoader loader(path);
            const QJsonObject metaData = loader.metaData();
            if (metaData.isEmpty()) {
                catalog.m_refused.append(
                    {path, QStringLiteral("not a Qt plugin (no plugin metadata found: %1)")
                               .arg(loader.errorString())});
                continue;
            }
            try {
                ModuleMetadata module = ModuleMetadata::fromPluginMetaData(metaData, path);
                if (const ModuleEntry* earlier = catalog.find(module.id)) {
                    catalog.m_refused.append(
                        {path, QStringLiteral("duplicate module id '%1': already provided by %2 "
                                              "(earlier in the search path)")
                                   .arg(module.id, earlier->libraryPath)});
                    continue;
                }
                catalog.m_modules.append({std::move(module), path});
            } catch (const SdkError& error) {
                catalog.m_refused.append({path, reasonWithoutPath(error, path)});
            }
        }
    }
    return catalog;
}

const ModuleEntry* ModuleCatalog::find(const QString& id) const {
    for (const ModuleEntry& entry : m_modules) {
        if (entry.metadata.id == id) {
            return &entry;
        }
    }
    return nullptr;
}

QStringList ModuleCatalog::moduleIds() const {
    QStringList ids;
    for (const ModuleEntry& entry : m_modules) {
        ids.append(entry.metadata.id);
    }
    return ids;
}

const ModuleEntry& ModuleCatalog::require(const QString& id) const {
    if (const ModuleEntry* entry = find(id)) {
        return *entry;
    }
    QString reason = QStringLiteral("not found; known modules: %1; plugin search path: %2")
                         .arg(m_modules.isEmpty() ? QStringLiteral("(none)")
                                                  : moduleIds().join(QStringLiteral(", ")),
                              m_searchPaths.isEmpty() ? QStringLiteral("(empty)")
                                                      : m_searchPaths.join(QLatin1Char(':')));
    if (!m_refused.isEmpty()) {
        reason += QStringLiteral("; %1 plugin(s) refused, see 'twinbench-run modules'")
                      .arg(m_refused.size());
    }
    throw SdkError(QStringLiteral("module '%1'").arg(id), reason);
}

} // namespace twins::sdk
