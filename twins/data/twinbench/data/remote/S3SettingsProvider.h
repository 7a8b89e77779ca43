#pragma once

// Where the process's client finds its S3 endpoint and keys when the environment names none: the
// data layer knows neither the settings file nor the desktop keychain (twins/federation does,
// RemoteDataSettings.h), so the program installs a provider at start and the client asks it once,
// on the first s3:// request only (reading the keychain costs a D-Bus round trip that http(s)
// reads never need).
#include "twinbench/data/remote/HttpClient.h"

#include <functional>
#include <optional>

namespace twins::data::remote {

// Returns the settings, nullopt when none are configured; throws HttpError (with an empty URL,
// which the client replaces) for settings that cannot be used, e.g. a key without its secret.
using S3SettingsProvider = std::function<std::optional<S3Settings>()>;

void setS3SettingsProvider(S3SettingsProvider provider);

// What the provider answered (asked on the first call, then remembered); nullopt without a
// provider or settings.
std::optional<S3Settings> providedS3Settings();

// Asks the provider again on the next call (after the user changed the settings).
void forgetProvidedS3Settings();

} // namespace twins::data::remote
