#include "twinbench/federation/RemoteDataSettings.h"

#include "twinbench/data/remote/HttpError.h"
#include "twinbench/data/remote/S3SettingsProvider.h"
#include "twinbench/federation/DesktopKeychain.h"

#include <QSettings>

#include <chrono>

namespace twins::federation {

namespace {

constexpr char group[] = "remoteData";

// The file BackendSettings uses, shared by the GUI and twinbench-run.
QSettings sharedSettings() {
    return QSettings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("Twinbench"),
                     QStringLiteral("federation"));
}

std::optional<data::remote::S3Settings> s3SettingsFromSettingsAndKeychain() {
    const RemoteDataSettings settings = RemoteDataSettings::load();
    if (settings.s3Endpoint.isEmpty()) {
        return std::nullopt;
    }
    data::remote::S3Settings s3;
    s3.endpoint = settings.s3Endpoint.toStdString();
    s3.region =
        settings.s3Region.isEmpty() ? std::string("us-east-1") : settings.s3Region.toStdString();
    s3.accessKey = settings.s3AccessKey.toStdString();
    if (s3.accessKey.empty()) {
        return s3; // anonymous: public buckets
    }
    const KeychainAnswer answer = readKeychainSecret(QString::fromLatin1(s3SecretKeychainKey),
                                                     std::chrono::milliseconds(10000));
    switch (answer.status) {
    case KeychainStatus::Ok:
        s3.secretKey = answer.secret.toStdString();
        return s3;
    case KeychainStatus::NotFound:
        throw data::remote::HttpError(
            "", 0, false,
            "the secret key of S3 access key " + s3.accessKey +
                " is not in the desktop keychain (File > Open URL > S3 Settings)");
    case KeychainStatus::NoSecretService:
    case KeychainStatus::Failed:
        break;
    }
    throw data::remote::HttpError(
        "", 0, false,
        "the secret key of S3 access key " + s3.accessKey +
            " cannot be read from the desktop keychain: " + answer.error.toStdString());
}

} // namespace

RemoteDataSettings RemoteDataSettings::load() {
    QSettings settings = sharedSettings();
    settings.beginGroup(QString::fromLatin1(group));
    RemoteDataSettings values;
    values.s3Endpoint = settings.value("s3Endpoint").toString().trimmed();
    values.s3Region = settings.value("s3Region", values.s3Region).toString().trimmed();
    values.s3AccessKey = settings.value("s3AccessKey").toString().trimmed();
    return values;
}

void RemoteDataSettings::save() const {
    QSettings settings = sharedSettings();
    settings.beginGroup(QString::fromLatin1(group));
    settings.setValue("s3Endpoint", s3Endpoint);
    settings.setValue("s3Region", s3Region);
    settings.setValue("s3AccessKey", s3AccessKey);
    settings.sync();
    data::remote::forgetProvidedS3Settings();
}

void installRemoteDataSettings() {
    data::remote::setS3SettingsProvider(s3SettingsFromSettingsAndKeychain);
}

} // namespace twins::federation
