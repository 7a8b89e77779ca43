#pragma once

#include "twinbench/federation/OidcDeviceFlow.h"
#include "twinbench/federation/OidcSession.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QTimer>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;

namespace twins::widgets {

// Runs > Run Backends > Sign in: the OIDC device flow for a backend (interlink). Shows the user
// code in large type and the verification URL (a link, with Copy buttons), a countdown to the
// code's expiry and Cancel, while the token endpoint is polled on the thread pool; ends saying
// who signed in, or why not (denied, expired, the provider failed). The device code and the
// tokens stay inside OidcSession (the refresh token goes to the desktop keychain): nothing of
// them is shown, copied or kept in a widget.
class SignInDialog : public QDialog {
    Q_OBJECT
public:
    explicit SignInDialog(federation::OidcClientSettings settings, QWidget* parent = nullptr);
    // Stops the polling and waits for the pool tasks (at most one request's timeout).
    ~SignInDialog() override;

    // The user code once the provider gave one (empty before), for tests and screen readers.
    QString userCode() const;
    // Who signed in, once signed in.
    QString signedInAs() const { return m_signedInAs; }

signals:
    void userCodeShown(const QString& userCode);
    void signedIn(const QString& who);
    void failed(const QString& message);

private:
    struct Begun {
        federation::DeviceAuthorization authorization;
        QString error;
    };
    struct Completed {
        QString who;
        QString error;
        bool cancelled = false;
    };

    void showAuthorization();
    void showCompletion();
    void updateCountdown();
    void cancelSignIn();

    std::shared_ptr<federation::OidcSession> m_session;
    std::shared_ptr<std::atomic_bool> m_cancelled = std::make_shared<std::atomic_bool>(false);
    QFutureWatcher<Begun> m_begin;
    QFutureWatcher<Completed> m_complete;
    QDateTime m_expiresAt;
    QTimer m_countdown;
    QString m_signedInAs;

    QLabel* m_status = nullptr;
    QLabel* m_code = nullptr;
    QLabel* m_url = nullptr;
    QPushButton* m_copyCode = nullptr;
    QPushButton* m_copyUrl = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace twins::widgets
