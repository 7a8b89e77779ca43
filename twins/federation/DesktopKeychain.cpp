#include "twinbench/federation/DesktopKeychain.h"

#include <QEventLoop>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace twins::federation {

namespace {

constexpr char keychainService[] = "Twinbench";

// Runs a QtKeychain job to completion in a private event loop (worker-thread API).
KeychainAnswer runJob(QKeychain::Job& job, std::chrono::milliseconds timeout) {
    job.setAutoDelete(false);
    job.setInsecureFallback(false); // never a plain file
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    job.start();
    if (!finished) {
        loop.exec();
    }
    KeychainAnswer answer;
    if (!finished) {
        answer.error = QStringLiteral("the secret service did not answer within %1 s")
                           .arg(timeout.count() / 1000.0);
        return answer;
    }
    switch (job.error()) {
    case QKeychain::NoError:
        answer.status = KeychainStatus::Ok;
        return answer;
    case QKeychain::EntryNotFound:
        answer.status = KeychainStatus::NotFound;
        break;
    // QtKeychain reports a missing D-Bus session or Secret Service as one of these.
    case QKeychain::NoBackendAvailable:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::OtherError:
        answer.status = KeychainStatus::NoSecretService;
        break;
    default:
        answer.status = KeychainStatus::Failed;
        break;
    }
    answer.error = job.errorString();
    return answer;
}

} // namespace

KeychainAnswer readKeychainSecret(const QString& key, std::chrono::milliseconds timeout) {
    QKeychain::ReadPasswordJob job(QString::fromLatin1(keychainService));
    job.setKey(key);
    KeychainAnswer answer = runJob(job, timeout);
    if (answer.status == KeychainStatus::Ok) {
        answer.secret = job.textData();
    }
    return answer;
}

KeychainAnswer writeKeychainSecret(const QString& key, const QString& secret,
                                   std::chrono::milliseconds timeout) {
    QKeychain::WritePasswordJob job(QString::fromLatin1(keychainService));
    job.setKey(key);
    job.setTextData(secret);
    return runJob(job, timeout);
}

KeychainAnswer deleteKeychainSecret(const QString& key, std::chrono::milliseconds timeout) {
    QKeychain::DeletePasswordJob job(QString::fromLatin1(keychainService));
    job.setKey(key);
    return runJob(job, timeout);
}

} // namespace twins::federation
