#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace twins::app {

// File > Open URL > S3 Settings: where s3:// URLs go and with which keys. Endpoint, region and
// access key go to the settings file the worker shares (RemoteDataSettings.h); the secret key
// to the desktop keychain only, written off the GUI thread (the keychain answers over D-Bus). A
// secret left empty keeps the one stored.
class S3SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit S3SettingsDialog(QWidget* parent);

    // Writes the secret (when one was typed), then the settings; saved() or failed() follows.
    void save();
    QString statusText() const;

signals:
    void saved();
    void failed(const QString& message);

private:
    QLineEdit* m_endpoint = nullptr;
    QLineEdit* m_region = nullptr;
    QLineEdit* m_accessKey = nullptr;
    QLineEdit* m_secretKey = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_save = nullptr;
};

} // namespace twins::app
