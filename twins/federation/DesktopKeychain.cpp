#include "twinbench/federation/DesktopKeychain.h"

#include <QEventLoop>
#include <QMetaObject>
#include <QThread>
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

// QtKeychain queues its jobs through one internal executor object, which lives in the thread that
// started the first job, and learns of every job's end through signals. Jobs started in other
// threads reach it by queued connections, delivered only when its thread next runs an event loop,
// by which time the job is gone: a crash seen when one pool thread ran a keychain job and another
// pool thread later ran any event loop. So every job runs on this one thread, which runs its
// event loop for the whole life of the process (never stopped: it owns no resource).
QObject* keychainContext() {
    static QObject* const context = [] {
        auto* thread = new QThread();
        thread->setObjectName(QStringLiteral("Twinbench keychain"));
        thread->start();
        auto* object = new QObject();
        object->moveToThread(thread);
        return object;
    }();
    return context;
}

// Runs `work` on the keychain thread and waits for it.
template <typename Work> KeychainAnswer onKeychainThread(Work work) {
    QObject* context = keychainContext();
    if (QThread::currentThread() == context->thread()) {
        return work();
    }
    KeychainAnswer answer;
    QMetaObject::invokeMethod(
        context, [&answer, &work] { answer = work(); }, Qt::BlockingQueuedConnection);
    return answer;
}

} // namespace

KeychainAnswer readKeychainSecret(const QString& key, std::chrono::milliseconds timeout) {
    return onKeychainThread([&] {
        QKeychain::ReadPasswordJob job(QString::fromLatin1(keychainService));
        job.setKey(key);
        KeychainAnswer answer = runJob(job, timeout);
        if (answer.status == KeychainStatus::Ok) {
            answer.secret = job.textData();
        }
        return answer;
    });
}

KeychainAnswer writeKeychainSecret(const QString& key, const QString& secret,
                                   std::chrono::milliseconds timeout) {
    return onKeychainThread([&] {
        QKeychain::WritePasswordJob job(QString::fromLatin1(keychainService));
        job.setKey(key);
        job.setTextData(secret);
        return runJob(job, timeout);
    });
}

KeychainAnswer deleteKeychainSecret(const QString& key, std::chrono::milliseconds timeout) {
    return onKeychainThread([&] {
        QKeychain::DeletePasswordJob job(QString::fromLatin1(keychainService));
        job.setKey(key);
        return runJob(job, timeout);
    });
}

} // namespace twins::federation
