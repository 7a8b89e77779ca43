#include "twinbench/widgets/SignInDialog.h"

#include "twinbench/federation/OidcError.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFont>
#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace twins::widgets {

namespace {

QString minutesAndSeconds(qint64 seconds) {
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

SignInDialog::SignInDialog(federation::OidcClientSettings settings, QWidget* parent)
    : QDialog(parent), m_session(std::make_shared<federation::OidcSession>(std::move(settings))) {
    const federation::OidcClientSettings& client = m_session->settings();
    setWindowTitle(tr("Sign in to %1").arg(client.backend));
    auto* layout = new QVBoxLayout(this);
    m_status = new QLabel(tr("Asking %1 for a sign-in code…").arg(client.issuer.toString()), this);
    m_status->setObjectName(QStringLiteral("signInStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto* grid = new QGridLayout();
    m_code = new QLabel(this);
    m_code->setObjectName(QStringLiteral("userCode"));
    QFont big = m_code->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    big.setFamily(QStringLiteral("monospace"));
    m_code->setFont(big);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyCode = new QPushButton(tr("Copy code"), this);
    m_copyCode->setObjectName(QStringLiteral("copyCode"));
    m_url = new QLabel(this);
    m_url->setObjectName(QStringLiteral("verificationUrl"));
    m_url->setOpenExternalLinks(true);
    m_url->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_copyUrl = new QPushButton(tr("Copy URL"), this);
    m_copyUrl->setObjectName(QStringLiteral("copyUrl"));
    grid->addWidget(new QLabel(tr("Code"), this), 0, 0);
    grid->addWidget(m_code, 0, 1);
    grid->addWidget(m_copyCode, 0, 2);
    grid->addWidget(new QLabel(tr("Enter it at"), this), 1, 0);
    grid->addWidget(m_url, 1, 1);
    grid->addWidget(m_copyUrl, 1, 2);
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("signInProgress"));
    m_progress->setRange(0, 0); // busy until the code's lifetime is known
    m_progress->setTextVisible(true);
    layout->addWidget(m_progress);
    layout->addStretch(1);

    auto* buttons = new QDialogButtonBox(this);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);
    for (QPushButton* button : {m_copyCode, m_copyUrl}) {
        button->setEnabled(false);
    }

    connect(m_copyCode, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_code->text()); });
    connect(m_copyUrl, &QPushButton::clicked, this, [this] {
        const federation::DeviceAuthorization& authorization = m_begin.result().authorization;
        QApplication::clipboard()->setText(authorization.verificationUri.toString());
    });
    connect(m_cancel, &QPushButton::clicked, this, &SignInDialog::cancelSignIn);
    connect(&m_begin, &QFutureWatcher<Begun>::finished, this, &SignInDialog::showAuthorization);
    connect(&m_complete, &QFutureWatcher<Completed>::finished, this, &SignInDialog::showCompletion);
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &SignInDialog::updateCountdown);

    // Discovery and the device authorization request talk to the network: on the pool.
    const auto session = m_session;
    m_begin.setFuture(QtConcurrent::run([session]() -> Begun {
        try {
            return {session->beginSignIn(), {}};
        } catch (const std::exception& error) {
            return {{}, QString::fromUtf8(error.what())};
        }
    }));
}

SignInDialog::~SignInDialog() {
    m_cancelled->store(true);
    m_begin.waitForFinished();
    m_complete.waitForFinished();
}

QString SignInDialog::userCode() const {
    return m_code->text();
}

void SignInDialog::showAuthorization() {
    const Begun begun = m_begin.result();
    if (!begun.error.isEmpty()) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_progress->setFormat(tr("not signed in"));
        m_status->setText(tr("Cannot start the sign-in: %1").arg(begun.error));
        m_cancel->setText(tr("Close"));
        emit failed(begun.error);
        return;
    }
    const federation::DeviceAuthorization& authorization = begun.authorization;
    const QUrl link = authorization.verificationUriComplete.isEmpty()
                          ? authorization.verificationUri
                          : authorization.verificationUriComplete;
    m_code->setText(authorization.userCode);
    m_url->setText(QStringLiteral("<a href=\"%1\">%2</a>")
                       .arg(link.toString().toHtmlEscaped(),
                            authorization.verificationUri.toString().toHtmlEscaped()));
    m_copyCode->setEnabled(true);
    m_copyUrl->setEnabled(true);
    m_status->setText(tr("Open the address below in any browser (on this or another device), sign "
                         "in there and enter the code. Twinbench waits for the approval."));
    m_expiresAt = authorization.expiresAt;
    m_progress->setRange(0, static_cast<int>(std::max<qint64>(1, authorization.expiresIn.count())));
    updateCountdown();
    m_countdown.start();
    emit userCodeShown(authorization.userCode);

    // Polling the token endpoint as RFC 8628 says, on the pool; Cancel ends it within 0.1 s.
    const auto session = m_session;
    const auto cancelled = m_cancelled;
    m_complete.setFuture(QtConcurrent::run([session, cancelled, authorization]() -> Completed {
        federation::DevicePollHooks hooks;
        hooks.wait = [cancelled](std::chrono::milliseconds duration) {
            for (qint64 waited = 0; waited < duration.count(); waited += 100) {
                if (cancelled->load()) {
                    return false;
                }
                QThread::msleep(100);
            }
            return !cancelled->load();
        };
        try {
            return {session->completeSignIn(authorization, hooks), {}, false};
        } catch (const federation::OidcError& error) {
            return {{}, error.message(), error.kind() == federation::OidcError::Kind::Cancelled};
        } catch (const std::exception& error) {
            return {{}, QString::fromUtf8(error.what()), false};
        }
    }));
}

void SignInDialog::updateCountdown() {
    const qint64 left = std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(m_expiresAt));
    m_progress->setValue(static_cast<int>(std::min<qint64>(left, m_progress->maximum())));
    m_progress->setFormat(
        tr("waiting for the approval; the code expires in %1").arg(minutesAndSeconds(left)));
}

void SignInDialog::showCompletion() {
    m_countdown.stop();
    const Completed completed = m_complete.result();
    if (completed.cancelled) {
        reject();
        return;
    }
    m_copyCode->setEnabled(false);
    m_copyUrl->setEnabled(false);
    m_progress->setRange(0, 1);
    m_cancel->setText(tr("Close"));
    if (!completed.error.isEmpty()) {
        m_progress->setValue(0);
        m_progress->setFormat(tr("not signed in"));
        m_status->setText(tr("Not signed in: %1").arg(completed.error));
        emit failed(completed.error);
        return;
    }
    m_signedInAs = completed.who.isEmpty() ? tr("(no name given)") : completed.who;
    m_progress->setValue(1);
    m_progress->setFormat(tr("signed in"));
    QString where = m_session->store().notice();
    if (!where.isEmpty()) {
        where[0] = where[0].toUpper();
    }
    m_status->setText(
        tr("Signed in to %1 as %2. %3.").arg(m_session->settings().backend, m_signedInAs, where));
    emit signedIn(m_signedInAs);
}

void SignInDialog::cancelSignIn() {
    if (m_complete.isRunning()) {
        m_cancelled->store(true);
        m_status->setText(tr("Stopping…"));
        m_cancel->setEnabled(false);
        return; // showCompletion() closes the dialog
    }
    if (!m_signedInAs.isEmpty()) {
        accept();
    } else {
        m_cancelled->store(true);
        reject();
    }
}

} // namespace twins::widgets
