#pragma once

#include <QString>

#include <chrono>

namespace twins::federation {

// Where a backend's OIDC refresh token lives between uses: the desktop keychain (DesktopKeychain.h,
// service "Twinbench", entry `key`), or, when no Secret Service is reachable (an SSH session),
// this process's memory only, which notice() then says. Never a file, a setting or an environment
// variable. The access token is never stored at all (OidcSession keeps it in memory).
class OidcTokenStore {
public:
    OidcTokenStore(QString key, std::chrono::milliseconds timeout);

    // The stored refresh token, or empty when there is none. Throws OidcError (Kind::Failed) when
    // the keychain fails otherwise than by being absent.
    QString load();
    // Throws OidcError (Kind::Failed) when the keychain refuses (not when it is absent).
    void save(const QString& refreshToken);
    void remove();

    // True once the keychain turned out to be unreachable and memory took its place.
    bool inMemoryOnly() const { return m_inMemoryOnly; }
    // Where the token is kept, as a sentence for the user.
    QString notice() const;
    const QString& key() const { return m_key; }

private:
    void useMemory(const QString& why);

    QString m_key;
    std::chrono::milliseconds m_timeout;
    bool m_inMemoryOnly = false;
    QString m_whyInMemory;
};

} // namespace twins::federation
