#include "remote/OpenUrlDialog.h"

#include "remote/RemoteOpening.h"
#include "twinbench/data/remote/RemoteUrl.h"
#include "workspace/Workspace.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace twins::app {

OpenUrlDialog::OpenUrlDialog(Workspace& workspace, QWidget* parent)
    : QDialog(parent), m_workspace(workspace) {
    setWindowTitle(tr("Open URL"));
    setObjectName(QStringLiteral("openUrlDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* help = new QLabel(tr("A NetCDF, HDF5 or GeoTIFF object or a Zarr store on a web "
                               "server. Only the bytes a view needs are read (range requests), "
                               "and kept in the cache folder. http:// is read from this machine "
                               "only; use https:// for other servers."),
                            this);
    help->setWordWrap(true);
    layout->addWidget(help);
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://data.example.org/era5/t2m.nc"));
    m_url->setMinimumWidth(520);
    layout->addWidget(m_url);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("urlStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(this);
    m_open = buttons->addButton(tr("Open"), QDialogButtonBox::AcceptRole);
    m_open->setObjectName(QStringLiteral("openUrlButton"));
    m_open->setDefault(true);
    m_cancel = buttons->addButton(tr("Close"), QDialogButtonBox::RejectRole);
    m_cancel->setObjectName(QStringLiteral("cancelUrlButton"));
    layout->addWidget(buttons);
    // The buttons' own accept/reject would close the dialog mid-open: route them here.
    connect(m_open, &QPushButton::clicked, this, &OpenUrlDialog::openUrl);
    connect(m_cancel, &QPushButton::clicked, this, &OpenUrlDialog::cancelOrClose);
    connect(m_url, &QLineEdit::returnPressed, this, &OpenUrlDialog::openUrl);
}

OpenUrlDialog::~OpenUrlDialog() {
    if (isOpening()) {
        m_workspace.endWork();
    }
}

QString OpenUrlDialog::url() const {
    return m_url->text().trimmed();
}

void OpenUrlDialog::setUrl(const QString& url) {
    m_url->setText(url);
}

QString OpenUrlDialog::statusText() const {
    return m_status->text();
}

bool OpenUrlDialog::isOpening() const {
    return m_opening != nullptr && m_opening->isRunning();
}

void OpenUrlDialog::openUrl() {
    if (isOpening()) {
        return;
    }
    const QString url = this->url();
    if (!data::remote::isRemoteUrl(url.toStdString())) {
        const QString message =
            tr("\"%1\" is not a URL Twinbench reads: give an http:// or https:// URL").arg(url);
        showStatus(message, true);
        emit urlFailed(message);
        return;
    }
    delete m_opening;
    m_opening = new RemoteOpening(url, this);
    connect(m_opening, &RemoteOpening::progressed, this,
            [this](const QString& text) { showStatus(text, false); });
    connect(m_opening, &RemoteOpening::opened, this, [this](const OpenedFile& file) {
        setOpening(false);
        m_workspace.addOpenedFile(file);
        emit urlOpened(file.path);
        accept();
    });
    connect(m_opening, &RemoteOpening::failed, this, [this](const QString& message) {
        setOpening(false);
        showStatus(message, true);
        emit urlFailed(message);
    });
    connect(m_opening, &RemoteOpening::cancelled, this, [this] {
        setOpening(false);
        showStatus(tr("Cancelled."), false);
        emit openingCancelled();
    });
    setOpening(true);
    m_opening->start();
}

void OpenUrlDialog::cancelOrClose() {
    if (isOpening()) {
        m_opening->cancel();
        return;
    }
    reject();
}

void OpenUrlDialog::setOpening(bool opening) {
    m_url->setEnabled(!opening);
    m_open->setEnabled(!opening);
    m_cancel->setText(opening ? tr("Cancel") : tr("Close"));
    if (opening) {
        m_workspace.beginWork(tr("Opening %1...").arg(url()));
    } else {
        m_workspace.endWork();
    }
}

void OpenUrlDialog::showStatus(const QString& text, bool error) {
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    m_status->setText(text);
    adjustSize(); // a long message wraps onto more lines: make room for them
}

} // namespace twins::app
