#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace twins::app {

// The VVUQ cards of every trained model in a run registry, newest first, as the Models dock
// lists them. Read on the thread pool: it opens the registry and every run directory.
struct ModelCards {
    QList<QJsonObject> cards; // twins::runs::buildVvuqCard's format
    // Each card as HTML (vvuqCardHtml), made here too: it reads the validations' reliability
    // tables and draws their diagrams, which the GUI thread must not do.
    QStringList html;
    QStringList problems; // models or registries that could not be read, and why
};

// `databasePath`: the registry (RunRegistry::defaultDatabasePath() in the application);
// `pluginSearchPaths`: where the twins' metadata (their fit-for-purpose thresholds) is found.
// Never throws: a registry that cannot be opened is one problem.
ModelCards loadModelCards(const QString& databasePath, const QStringList& pluginSearchPaths);

} // namespace twins::app
