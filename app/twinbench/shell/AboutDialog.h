#pragma once

#include <QString>

class QWidget;

namespace twins::app {
// "Qt 6.4.2, VTK 9.1.0, ..." as an HTML table: the versions this process runs with.
QString aboutText();
void showAboutDialog(QWidget* parent);
} // namespace twins::app
