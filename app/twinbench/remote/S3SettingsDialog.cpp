#include "remote/S3SettingsDialog.h"

#include "support/BackgroundTask.h"
#include "twinbench/federation/DesktopKeychain.h"
#include "twinbench/federation/RemoteDataSettings.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <chrono>

namespace twins::app {

S3SettingsDialog::S3SettingsDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("S3 Settings"));
    setObjectName(QStringLiteral("s3SettingsDialog"));
    const federation::RemoteDataSettings settings = federation::RemoteDataSettings::load();
    auto* layout = new QVBoxLayout(this);
    auto* help = new QLabel(tr("Where s3://BUCKET/KEY URLs are read from. Requests are signed "
                               "with these keys (AWS Signature Version 4); the secret key is "
                               "kept in the desktop keychain, never in a file."),
                            this);
    help->setWordWrap(true);
    layout->addWidget(help);
    auto* form = new QFormLayout;
    m_endpoint = new QLineEdit(settings.s3Endpoint, this);
    m_endpoint->setObjectName(QStringLiteral("s3Endpoint"));
    m_endpoint->setPlaceholderText(QStringLiteral("https://s3.example.org"));
    m_endpoint->setMinimumWidth(360);
    m_region = new QLineEdit(settings.s3Region, this);
    m_region->setObjectName(QStringLiteral("s3Region"));
    m_accessKey = new QLineEdit(settings.s3AccessKey, this);
    m_accessKey->setObjectName(QStringLiteral("s3AccessKey"));
    m_accessKey->setPlaceholderText(tr("empty: public buckets, unsigned"));
    m_secretKey = new QLineEdit(this);
    m_secretKey->setObjectName(QStringLiteral("s3SecretKey"));
    m_secretKey->setEchoMode(QLineEdit::Password);
    m_secretKey->setPlaceholderText(tr("empty: keep the one in the keychain"));
    form->addRow(tr("Endpoint"), m_endpoint);
    form->addRow(tr("Region"), m_region);
    form->addRow(tr("Access key"), m_accessKey);
    form->addRow(tr("Secret key"), m_secretKey);
    layout->addLayout(form);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("s3Status"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(QStringLiteral("saveS3Button"));
    layout->addWidget(buttons);
    connect(m_save, &QPushButton::clicked, this, &S3SettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString S3SettingsDialog::statusText() const {
    return m_status->text();
}

void S3SettingsDialog::save() {
    federation::RemoteDataSettings settings;
    settings.s3Endpoint = m_endpoint->text().trimmed();
    settings.s3Region = m_region->text().trimmed();
    settings.s3AccessKey = m_accessKey->text().trimmed();
    const QString secret = m_secretKey->text();
    m_save->setEnabled(false);
    m_status->setStyleSheet(QString());
    m_status->setText(secret.isEmpty() ? QString() : tr("Storing the secret key..."));
    runInBackground<QString>(
        this,
        [secret] {
            if (secret.isEmpty()) {
                return QString();
            }
            const federation::KeychainAnswer answer = federation::writeKeychainSecret(
                QString::fromLatin1(federation::s3SecretKeychainKey), secret,
                std::chrono::milliseconds(10000));
            return answer.status == federation::KeychainStatus::Ok ? QString() : answer.error;
        },
        [this, settings](const QString& error) {
            m_save->setEnabled(true);
            if (!error.isEmpty()) {
                const QString message =
                    tr("The secret key could not be stored in the desktop keychain: %1").arg(error);
                m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
                m_status->setText(message);
                emit failed(message);
                return;
            }
            settings.save(); // the next s3:// request reads them (and the keychain) again
            emit saved();
            accept();
        });
}

} // namespace twins::app
