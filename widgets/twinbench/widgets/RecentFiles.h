#pragma once

#include <QStringList>

namespace twins::widgets {

// The most recently opened files, newest first, kept in QSettings ("recentFiles").
class RecentFiles {
public:
    static constexpr int maximumCount = 10;

    static QStringList load();
    // Moves path to the front (adding it if new), trims to maximumCount, saves; returns the list.
    static QStringList add(const QString& path);
    static QStringList remove(const QString& path);
    static void clear();
};

} // namespace twins::widgets
