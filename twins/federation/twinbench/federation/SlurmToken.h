#pragma once

#include <QDateTime>
#include <QString>

#include <chrono>
#include <functional>

namespace twins::federation {

// Where slurmrestd's JWT comes from. The token is a credential: it stays in memory, is never
// logged, never put in an error message, never written to settings or run files.
class SlurmTokenSource {
public:
    virtual ~SlurmTokenSource() = default;
    // The token for X-SLURM-USER-TOKEN. Throws FederationError saying why none is available.
    virtual QString token() = 0;
    // Called after HTTP 401: the next token() must not return the same cached token.
    virtual void invalidate() = 0;
};

// Runs `scontrol token lifespan=N` (through `commandLine`, so it can go over ssh like the other
// SLURM calls) and keeps the token until 80 % of its lifespan has passed.
class ScontrolTokenSource : public SlurmTokenSource {
public:
    using CommandLineBuilder = std::function<QStringList(const QStringList&)>;

    ScontrolTokenSource(CommandLineBuilder commandLine, std::chrono::seconds lifespan,
                        std::chrono::milliseconds timeout);
    QString token() override;
    void invalidate() override;

private:
    CommandLineBuilder m_commandLine;
    std::chrono::seconds m_lifespan;
    std::chrono::milliseconds m_timeout;
    QString m_token;
    QDateTime m_renewAfter;
};

// A token the user stored in the desktop's secret service (through QtKeychain, service
// "Twinbench", key `keychainKey`). There is no plain-file fallback: when no secret service is
// reachable, token() says so.
class KeychainTokenSource : public SlurmTokenSource {
public:
    explicit KeychainTokenSource(QString keychainKey, std::chrono::milliseconds timeout);
    QString token() override;
    void invalidate() override;

    // Stores `token` under `keychainKey`; throws FederationError when the keychain refuses.
    static void store(const QString& keychainKey, const QString& token,
                      std::chrono::milliseconds timeout);

private:
    QString m_key;
    std::chrono::milliseconds m_timeout;
    QString m_token;
};

// The keychain entry name for a slurmrestd URL: "slurm-jwt:<url>".
QString keychainKeyForSlurmRest(const QString& url);

} // namespace twins::federation
