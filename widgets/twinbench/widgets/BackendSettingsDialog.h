#pragma once

#include "twinbench/federation/BackendSettings.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace twins::widgets {

// Settings > Run backends: where runs go (this workstation or SLURM through sbatch or
// slurmrestd) and how. The values go to the settings file shared with twinbench-run; the
// slurmrestd token never does: "Store token…" hands it to the desktop keychain (QtKeychain),
// on the thread pool, and the dialog only says whether that worked. interLink signs in with
// OIDC: "Sign in…" opens the SignInDialog (device flow) for the issuer and client entered here,
// and the group says whether a sign-in is kept in the keychain.
class BackendSettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit BackendSettingsDialog(const federation::BackendSettings& settings,
                                   QWidget* parent = nullptr);

    federation::BackendSettings settings() const;

signals:
    // Emitted on OK with the edited values (already saved).
    void settingsChanged(const federation::BackendSettings& settings);

private:
    void updateEnabledFields();
    void storeToken();
    void signIn();
    void showSignInState();

    federation::BackendSettings m_original;
    QComboBox* m_defaultBackend = nullptr;
    QSpinBox* m_localConcurrency = nullptr;
    QSpinBox* m_cancelGrace = nullptr;
    QComboBox* m_slurmMode = nullptr;
    QLineEdit* m_sshHost = nullptr;
    QLineEdit* m_partition = nullptr;
    QLineEdit* m_extraFlags = nullptr;
    QLineEdit* m_restUrl = nullptr;
    QLineEdit* m_restUser = nullptr;
    QComboBox* m_tokenSource = nullptr;
    QLineEdit* m_token = nullptr;
    QLabel* m_tokenStatus = nullptr;
    QSpinBox* m_timeout = nullptr;
    QFutureWatcher<QString> m_tokenStore;
    QLineEdit* m_interlinkUrl = nullptr;
    QLineEdit* m_interlinkIssuer = nullptr;
    QLineEdit* m_interlinkClient = nullptr;
    QLineEdit* m_interlinkImage = nullptr;
    QLineEdit* m_interlinkFlags = nullptr;
    QLineEdit* m_interlinkSiteRunsDir = nullptr;
    QLabel* m_signInState = nullptr;
    QFutureWatcher<QString> m_signInProbe;
};

} // namespace twins::widgets
