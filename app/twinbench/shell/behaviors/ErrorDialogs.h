#pragma once

#include <QMessageBox>
#include <QObject>
#include <QPointer>

namespace twins::app {

// How the window reports a failure: a window-modal dialog that does not block the event loop
// (open(), not exec(), so background work keeps finishing and tests and users can keep
// working), and the same text in the status bar. A new error replaces the dialog shown.
class ErrorDialogs : public QObject {
    Q_OBJECT
public:
    explicit ErrorDialogs(QWidget& window);

    void show(const QString& title, const QString& text, const QString& details);
    // The dialog currently shown, if any.
    QMessageBox* current() const { return m_dialog; }

signals:
    void shown(const QString& title, const QString& text);

private:
    QWidget& m_window;
    QPointer<QMessageBox> m_dialog;
};

} // namespace twins::app
