#pragma once

#include <QCoreApplication>
#include <QString>

class QMenu;
class QWidget;

namespace twins::app {

// Help > About Twinbench: the version, revision and the components this process runs with.
class AboutAction {
    Q_DECLARE_TR_FUNCTIONS(AboutAction)
public:
    static void addTo(QMenu& menu, QWidget& parent);
    static void start(QWidget& parent);
    // "Qt 6.4.2, VTK 9.1.0, ..." as an HTML table: the versions this process runs with.
    static QString aboutText();
};

} // namespace twins::app
