#include "shell/behaviors/ErrorDialogs.h"

#include <QMainWindow>
#include <QStatusBar>

namespace twins::app {

ErrorDialogs::ErrorDialogs(QWidget& window) : QObject(&window), m_window(window) {}

void ErrorDialogs::show(const QString& title, const QString& text, const QString& details) {
    if (auto* mainWindow = qobject_cast<QMainWindow*>(&m_window)) {
        mainWindow->statusBar()->showMessage(text + QStringLiteral(": ") + details);
    }
    if (m_dialog) {
        m_dialog->close();
    }
    m_dialog = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, &m_window);
    m_dialog->setInformativeText(details);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->open();
    emit shown(title, text + QStringLiteral("\n") + details);
}

} // namespace twins::app
