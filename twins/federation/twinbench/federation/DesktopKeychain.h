#pragma once

#include <QString>

#include <chrono>

namespace twins::federation {

// The desktop's secret store (the freedesktop Secret Service through QtKeychain: gnome-keyring,
// KWallet, ...), service "Twinbench", one entry per key. Never a plain file: QtKeychain's
// insecure fallback stays off. Every job runs on one keychain thread of this process (QtKeychain
// must not see jobs from several threads) while the caller waits, so these are for worker
// threads and command-line programs (see Executor.h); none throws.
enum class KeychainStatus {
    Ok,
    NotFound,        // the service answered: no such entry
    NoSecretService, // no Secret Service reachable (an SSH session, no D-Bus, no keyring daemon)
    Failed,          // anything else (locked and refused, no answer in time, ...)
};

struct KeychainAnswer {
    KeychainStatus status = KeychainStatus::Failed;
    QString secret; // only for a read that succeeded
    QString error;  // what went wrong, never the secret
};

KeychainAnswer readKeychainSecret(const QString& key, std::chrono::milliseconds timeout);
KeychainAnswer writeKeychainSecret(const QString& key, const QString& secret,
                                   std::chrono::milliseconds timeout);
// Deleting an entry that does not exist answers NotFound.
KeychainAnswer deleteKeychainSecret(const QString& key, std::chrono::milliseconds timeout);

} // namespace twins::federation
