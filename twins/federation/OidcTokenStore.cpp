#include "twinbench/federation/OidcTokenStore.h"

#include "twinbench/federation/DesktopKeychain.h"
#include "twinbench/federation/OidcError.h"

#include <QHash>
#include <QMutex>

namespace twins::federation {

namespace {

// The process-wide stand-in for the keychain: gone when the process ends.
QMutex memoryMutex;
QHash<QString, QString>& memoryTokens() {
    static QHash<QString, QString> tokens;
    return tokens;
}

} // namespace

OidcTokenStore::OidcTokenStore(QString key, std::chrono::milliseconds timeout)
    : m_key(std::move(key)), m_timeout(timeout) {}

void OidcTokenStore::useMemory(const QString& why) {
    m_inMemoryOnly = true;
    m_whyInMemory = why;
}

QString OidcTokenStore::load() {
    if (!m_inMemoryOnly) {
        const KeychainAnswer answer = readKeychainSecret(m_key, m_timeout);
        switch (answer.status) {
        case KeychainStatus::Ok:
            return answer.secret;
        case KeychainStatus::NotFound:
            break; // a token kept in memory earlier in this process may still be there
        case KeychainStatus::NoSecretService:
            useMemory(answer.error);
            break;
        case KeychainStatus::Failed:
            throw OidcError(
                OidcError::Kind::Failed,
                QStringLiteral("cannot read the keychain entry '%1': %2").arg(m_key, answer.error));
        }
    }
    const QMutexLocker lock(&memoryMutex);
    return memoryTokens().value(m_key);
}

void OidcTokenStore::save(const QString& refreshToken) {
    if (!m_inMemoryOnly) {
        const KeychainAnswer answer = writeKeychainSecret(m_key, refreshToken, m_timeout);
        if (answer.status == KeychainStatus::Ok) {
            return;
        }
        if (answer.status != KeychainStatus::NoSecretService) {
            throw OidcError(OidcError::Kind::Failed,
                            QStringLiteral("cannot store the refresh token in the keychain entry "
                                           "'%1': %2")
                                .arg(m_key, answer.error));
        }
        useMemory(answer.error);
    }
    const QMutexLocker lock(&memoryMutex);
    memoryTokens().insert(m_key, refreshToken);
}

void OidcTokenStore::remove() {
    {
        const QMutexLocker lock(&memoryMutex);
        memoryTokens().remove(m_key);
    }
    if (!m_inMemoryOnly) {
        const KeychainAnswer answer = deleteKeychainSecret(m_key, m_timeout);
        if (answer.status == KeychainStatus::NoSecretService) {
            useMemory(answer.error);
        } else if (answer.status == KeychainStatus::Failed) {
            throw OidcError(OidcError::Kind::Failed,
                            QStringLiteral("cannot delete the keychain entry '%1': %2")
                                .arg(m_key, answer.error));
        }
    }
}

QString OidcTokenStore::notice() const {
    if (m_inMemoryOnly) {
        return QStringLiteral(
                   "no Secret Service is reachable (%1), so the tokens are kept in this "
                   "process's memory only and are forgotten when it ends; start a Secret "
                   "Service (gnome-keyring, KWallet) in this session to keep the sign-in")
            .arg(m_whyInMemory);
    }
    return QStringLiteral("the refresh token is kept in the desktop keychain (service Twinbench, "
                          "entry '%1')")
        .arg(m_key);
}

} // namespace twins::federation
