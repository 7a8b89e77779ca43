#include "twinbench/widgets/RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace twins::widgets {

namespace {
const QString settingsKey = QStringLiteral("recentFiles");

void save(const QStringList& paths) {
    QSettings().setValue(settingsKey, paths);
}
} // namespace

QStringList RecentFiles::load() {
    return QSettings().value(settingsKey).toStringList();
}

QStringList RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList paths = load();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    while (paths.size() > maximumCount) {
        paths.removeLast();
    }
    save(paths);
    return paths;
}

QStringList RecentFiles::remove(const QString& path) {
    QStringList paths = load();
    paths.removeAll(QFileInfo(path).absoluteFilePath());
    save(paths);
    return paths;
}

void RecentFiles::clear() {
    save({});
}

} // namespace twins::widgets
