#pragma once

#include <QString>

namespace twins::federation {

// Where s3:// URLs go and with which keys, kept as the backend settings are: endpoint, region
// and access key in the settings file the GUI and twinbench-run share
// (<config>/Twinbench/federation.ini, group "remoteData"); the secret key in the desktop
// keychain (DesktopKeychain.h, key s3SecretKeychainKey), never in a file.
struct RemoteDataSettings {
    QString s3Endpoint; // e.g. https://s3.example.org; empty: s3:// URLs are not configured
    QString s3Region = QStringLiteral("us-east-1");
    QString s3AccessKey; // empty: requests go unsigned (public buckets)

    static RemoteDataSettings load();
    void save() const;
};

inline constexpr char s3SecretKeychainKey[] = "s3-secret-key";

// Installs the data layer's S3 settings provider (twins/data S3SettingsProvider.h) reading
// these settings and, on the first s3:// request only, the secret key from the keychain. The
// environment ($TWINBENCH_S3_ENDPOINT, $AWS_ACCESS_KEY_ID, ...) still comes first. Called once by
// each program at start.
void installRemoteDataSettings();

} // namespace twins::federation
