#include "twinbench/widgets/BackendSettingsDialog.h"

#include "twinbench/federation/OidcSession.h"
#include "twinbench/federation/OidcTokenStore.h"
#include "twinbench/federation/SlurmToken.h"
#include "twinbench/widgets/SignInDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace twins::widgets {

BackendSettingsDialog::BackendSettingsDialog(const federation::BackendSettings& settings,
                                             QWidget* parent)
    : QDialog(parent), m_original(settings) {
    setWindowTitle(tr("Run backends"));
    auto* layout = new QVBoxLayout(this);

    auto* general = new QFormLayout();
    m_defaultBackend = new QComboBox(this);
    m_defaultBackend->setObjectName(QStringLiteral("defaultBackend"));
    m_defaultBackend->addItem(tr("This workstation"), QStringLiteral("local"));
    m_defaultBackend->addItem(tr("SLURM cluster"), QStringLiteral("slurm"));
    m_defaultBackend->addItem(tr("interLink (federation)"), QStringLiteral("interlink"));
    m_timeout = new QSpinBox(this);
    m_timeout->setRange(1, 300);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(
        tr("How long one call to a backend may take before it counts as unreachable."));
    general->addRow(tr("Default backend"), m_defaultBackend);
    general->addRow(tr("Backend timeout"), m_timeout);
    layout->addLayout(general);

    auto* local = new QGroupBox(tr("This workstation"), this);
    auto* localForm = new QFormLayout(local);
    m_localConcurrency = new QSpinBox(local);
    m_localConcurrency->setObjectName(QStringLiteral("localConcurrency"));
    m_localConcurrency->setRange(1, 256);
    m_localConcurrency->setToolTip(tr("Runs beyond this wait in state queued for a free slot."));
    m_cancelGrace = new QSpinBox(local);
    m_cancelGrace->setRange(0, 600);
    m_cancelGrace->setSuffix(tr(" s"));
    m_cancelGrace->setToolTip(tr("Time between SIGTERM and SIGKILL when a run is cancelled."));
    localForm->addRow(tr("Runs at once"), m_localConcurrency);
    localForm->addRow(tr("Cancel grace period"), m_cancelGrace);
    layout->addWidget(local);

    auto* slurm = new QGroupBox(tr("SLURM"), this);
    auto* slurmForm = new QFormLayout(slurm);
    m_slurmMode = new QComboBox(slurm);
    m_slurmMode->setObjectName(QStringLiteral("slurmMode"));
    m_slurmMode->addItem(tr("Command line (sbatch, squeue, scancel)"), QStringLiteral("cli"));
    m_slurmMode->addItem(tr("REST (slurmrestd)"), QStringLiteral("rest"));
    m_sshHost = new QLineEdit(slurm);
    m_sshHost->setPlaceholderText(tr("empty: the SLURM tools of this machine"));
    m_partition = new QLineEdit(slurm);
    m_partition->setPlaceholderText(tr("empty: the cluster's default partition"));
    m_extraFlags = new QLineEdit(slurm);
    m_extraFlags->setPlaceholderText(tr("e.g. --account=proj42 --time=02:00:00"));
    m_restUrl = new QLineEdit(slurm);
    m_restUrl->setObjectName(QStringLiteral("restUrl"));
    m_restUrl->setPlaceholderText(QStringLiteral("http://login-node:6820"));
    m_restUser = new QLineEdit(slurm);
    m_restUser->setPlaceholderText(tr("empty: your user name"));
    m_tokenSource = new QComboBox(slurm);
    m_tokenSource->addItem(tr("Ask scontrol for a fresh token"), QStringLiteral("scontrol"));
    m_tokenSource->addItem(tr("Token stored in the desktop keychain"), QStringLiteral("keychain"));
    auto* tokenRow = new QHBoxLayout();
    m_token = new QLineEdit(slurm);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("paste a JWT to store it in the keychain"));
    auto* storeButton = new QPushButton(tr("Store token"), slurm);
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(storeButton);
    m_tokenStatus = new QLabel(slurm);
    m_tokenStatus->setWordWrap(true);
    slurmForm->addRow(tr("Interface"), m_slurmMode);
    slurmForm->addRow(tr("Run SLURM commands on (ssh)"), m_sshHost);
    slurmForm->addRow(tr("Partition"), m_partition);
    slurmForm->addRow(tr("Extra sbatch options"), m_extraFlags);
    slurmForm->addRow(tr("slurmrestd URL"), m_restUrl);
    slurmForm->addRow(tr("slurmrestd user"), m_restUser);
    slurmForm->addRow(tr("Token"), m_tokenSource);
    slurmForm->addRow(QString(), tokenRow);
    slurmForm->addRow(QString(), m_tokenStatus);
    layout->addWidget(slurm);

    auto* interlink = new QGroupBox(tr("interLink"), this);
    auto* interlinkForm = new QFormLayout(interlink);
    m_interlinkUrl = new QLineEdit(interlink);
    m_interlinkUrl->setObjectName(QStringLiteral("interlinkUrl"));
    m_interlinkUrl->setPlaceholderText(QStringLiteral("https://interlink.example.org"));
    m_interlinkIssuer = new QLineEdit(interlink);
    m_interlinkIssuer->setObjectName(QStringLiteral("interlinkIssuer"));
    m_interlinkIssuer->setPlaceholderText(QStringLiteral("https://aai.egi.eu/auth/realms/egi"));
    m_interlinkClient = new QLineEdit(interlink);
    m_interlinkClient->setObjectName(QStringLiteral("interlinkClient"));
    m_interlinkImage = new QLineEdit(interlink);
    m_interlinkFlags = new QLineEdit(interlink);
    m_interlinkFlags->setPlaceholderText(tr("slurm-job.vk.io/flags, e.g. --time=02:00:00"));
    m_interlinkSiteRunsDir = new QLineEdit(interlink);
    m_interlinkSiteRunsDir->setObjectName(QStringLiteral("interlinkSiteRunsDir"));
    m_interlinkSiteRunsDir->setPlaceholderText(tr("the same path as here"));
    m_interlinkSiteRunsDir->setToolTip(
        tr("Where the site's nodes see the shared runs folder, when they mount it elsewhere"));
    auto* signInRow = new QHBoxLayout();
    m_signInState = new QLabel(interlink);
    m_signInState->setObjectName(QStringLiteral("signInState"));
    m_signInState->setWordWrap(true);
    auto* signInButton = new QPushButton(tr("Sign in…"), interlink);
    signInButton->setObjectName(QStringLiteral("signInButton"));
    signInRow->addWidget(m_signInState, 1);
    signInRow->addWidget(signInButton);
    interlinkForm->addRow(tr("API URL"), m_interlinkUrl);
    interlinkForm->addRow(tr("OIDC issuer"), m_interlinkIssuer);
    interlinkForm->addRow(tr("OIDC client"), m_interlinkClient);
    interlinkForm->addRow(tr("Worker image"), m_interlinkImage);
    interlinkForm->addRow(tr("SLURM options"), m_interlinkFlags);
    interlinkForm->addRow(tr("Runs folder at the site"), m_interlinkSiteRunsDir);
    interlinkForm->addRow(tr("Sign-in"), signInRow);
    layout->addWidget(interlink);
    connect(signInButton, &QPushButton::clicked, this, &BackendSettingsDialog::signIn);
    connect(&m_signInProbe, &QFutureWatcher<QString>::finished, this,
            [this] { m_signInState->setText(m_signInProbe.result()); });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        const federation::BackendSettings edited = this->settings();
        edited.save();
        emit settingsChanged(edited);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(storeButton, &QPushButton::clicked, this, &BackendSettingsDialog::storeToken);
    connect(m_slurmMode, &QComboBox::currentIndexChanged, this,
            &BackendSettingsDialog::updateEnabledFields);
    connect(m_tokenSource, &QComboBox::currentIndexChanged, this,
            &BackendSettingsDialog::updateEnabledFields);
    connect(&m_tokenStore, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_tokenStore.result();
        m_tokenStatus->setText(error.isEmpty() ? tr("Token stored in the keychain.")
                                               : tr("Not stored: %1").arg(error));
    });

    m_defaultBackend->setCurrentIndex(
        std::max(0, m_defaultBackend->findData(settings.defaultBackend)));
    m_timeout->setValue(static_cast<int>(settings.backendTimeout.count() / 1000));
    m_localConcurrency->setValue(settings.localMaxConcurrentRuns);
    m_cancelGrace->setValue(static_cast<int>(settings.localCancelGracePeriod.count() / 1000));
    m_slurmMode->setCurrentIndex(std::max(0, m_slurmMode->findData(settings.slurmMode)));
    m_sshHost->setText(settings.slurmSshHost);
    m_partition->setText(settings.slurmPartition);
    m_extraFlags->setText(settings.slurmExtraSbatchFlags.join(QLatin1Char(' ')));
    m_restUrl->setText(settings.slurmRestUrl);
    m_restUser->setText(settings.slurmRestUser);
    m_tokenSource->setCurrentIndex(std::max(0, m_tokenSource->findData(settings.slurmTokenSource)));
    m_interlinkUrl->setText(settings.interlinkUrl);
    m_interlinkIssuer->setText(settings.interlinkOidcIssuer);
    m_interlinkClient->setText(settings.interlinkOidcClientId);
    m_interlinkImage->setText(settings.interlinkImage);
    m_interlinkFlags->setText(settings.interlinkSlurmFlags.join(QLatin1Char(' ')));
    m_interlinkSiteRunsDir->setText(settings.interlinkSiteRunsDir);
    updateEnabledFields();
    showSignInState();
}

federation::BackendSettings BackendSettingsDialog::settings() const {
    federation::BackendSettings edited = m_original;
    edited.defaultBackend = m_defaultBackend->currentData().toString();
    edited.backendTimeout = std::chrono::milliseconds(m_timeout->value() * 1000LL);
    edited.localMaxConcurrentRuns = m_localConcurrency->value();
    edited.localCancelGracePeriod = std::chrono::milliseconds(m_cancelGrace->value() * 1000LL);
    edited.slurmMode = m_slurmMode->currentData().toString();
    edited.slurmSshHost = m_sshHost->text().trimmed();
    edited.slurmPartition = m_partition->text().trimmed();
    edited.slurmExtraSbatchFlags = m_extraFlags->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    edited.slurmRestUrl = m_restUrl->text().trimmed();
    edited.slurmRestUser = m_restUser->text().trimmed();
    edited.slurmTokenSource = m_tokenSource->currentData().toString();
    edited.interlinkUrl = m_interlinkUrl->text().trimmed();
    edited.interlinkOidcIssuer = m_interlinkIssuer->text().trimmed();
    edited.interlinkOidcClientId = m_interlinkClient->text().trimmed();
    edited.interlinkImage = m_interlinkImage->text().trimmed();
    edited.interlinkSlurmFlags =
        m_interlinkFlags->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    edited.interlinkSiteRunsDir = m_interlinkSiteRunsDir->text().trimmed();
    return edited;
}

void BackendSettingsDialog::updateEnabledFields() {
    const bool rest = m_slurmMode->currentData().toString() == QLatin1String("rest");
    m_restUrl->setEnabled(rest);
    m_restUser->setEnabled(rest);
    m_tokenSource->setEnabled(rest);
    const bool keychain =
        rest && m_tokenSource->currentData().toString() == QLatin1String("keychain");
    m_token->setEnabled(keychain);
}

void BackendSettingsDialog::storeToken() {
    const QString url = m_restUrl->text().trimmed();
    if (url.isEmpty()) {
        m_tokenStatus->setText(
            tr("Enter the slurmrestd URL first: the token is stored for that URL."));
        return;
    }
    if (m_token->text().isEmpty() || m_tokenStore.isRunning()) {
        return;
    }
    const QString token = m_token->text();
    m_token->clear(); // the credential does not stay in the widget
    m_tokenStatus->setText(tr("Storing…"));
    // The keychain talks D-Bus to the secret service and may prompt: keep it off the GUI thread.
    m_tokenStore.setFuture(QtConcurrent::run([url, token]() -> QString {
        try {
            federation::KeychainTokenSource::store(federation::keychainKeyForSlurmRest(url), token,
                                                   std::chrono::seconds(30));
        } catch (const std::exception& error) {
            return QString::fromUtf8(error.what());
        }
        return {};
    }));
}

// Whether a sign-in is kept for the issuer entered: a keychain read, on the pool (D-Bus may be
// slow); only "yes" or "no" comes back, never the token.
void BackendSettingsDialog::showSignInState() {
    federation::OidcClientSettings client;
    try {
        client = federation::oidcClientSettings(settings(), QStringLiteral("interlink"));
    } catch (const std::exception&) {
        m_signInState->setText(tr("Enter the OIDC issuer and client to sign in."));
        return;
    }
    if (m_signInProbe.isRunning()) {
        return;
    }
    m_signInState->setText(tr("Looking for a sign-in in the keychain…"));
    m_signInProbe.setFuture(QtConcurrent::run([client]() -> QString {
        try {
            federation::OidcTokenStore store(federation::keychainKeyForOidc(client),
                                             client.timeout);
            return store.load().isEmpty() ? tr("Not signed in.")
                                          : tr("Signed in at %1 (kept in the desktop keychain).")
                                                .arg(client.issuer.toString());
        } catch (const std::exception& error) {
            return tr("Cannot read the keychain: %1").arg(QString::fromUtf8(error.what()));
        }
    }));
}

void BackendSettingsDialog::signIn() {
    federation::OidcClientSettings client;
    try {
        client = federation::oidcClientSettings(settings(), QStringLiteral("interlink"));
    } catch (const std::exception& error) {
        m_signInState->setText(QString::fromUtf8(error.what()));
        return;
    }
    auto* dialog = new SignInDialog(client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SignInDialog::signedIn, this, [this, client](const QString& who) {
        m_signInState->setText(tr("Signed in at %1 as %2.").arg(client.issuer.toString(), who));
    });
    dialog->open();
}

} // namespace twins::widgets
