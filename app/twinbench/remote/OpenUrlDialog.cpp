#include "remote/OpenUrlDialog.h"

#include "remote/RemoteOpening.h"
#include "remote/S3SettingsDialog.h"
#include "support/BackgroundTask.h"
#include "twinbench/data/DataError.h"
#include "twinbench/data/remote/RemoteDataset.h"
#include "twinbench/data/remote/RemoteFolder.h"
#include "twinbench/data/remote/RemoteUrl.h"
#include "workspace/Workspace.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QUrl>
#include <QVBoxLayout>

#include <utility>
#include <vector>

namespace twins::app {

OpenUrlDialog::OpenUrlDialog(Workspace& workspace, QWidget* parent)
    : QDialog(parent), m_workspace(workspace) {
    setWindowTitle(tr("Open URL"));
    setObjectName(QStringLiteral("openUrlDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* help = new QLabel(tr("A NetCDF, HDF5 or GeoTIFF object or a Zarr store on a web, "
                               "WebDAV or S3 server (https://, davs://, s3://BUCKET/KEY). Only "
                               "the bytes a view needs "
                               "are read (range requests), and kept in the cache folder. http:// "
                               "and dav:// are read from this machine only."),
                            this);
    help->setWordWrap(true);
    layout->addWidget(help);
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://data.example.org/era5/t2m.nc"));
    m_url->setMinimumWidth(520);
    auto* urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    m_browse = new QPushButton(tr("Browse"), this);
    m_browse->setObjectName(QStringLiteral("browseUrlButton"));
    m_browse->setToolTip(tr("List the WebDAV folder of this URL"));
    urlRow->addWidget(m_browse);
    layout->addLayout(urlRow);
    m_entries = new QListWidget(this);
    m_entries->setObjectName(QStringLiteral("urlEntries"));
    m_entries->setMinimumHeight(180);
    m_entries->hide();
    layout->addWidget(m_entries, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("urlStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(this);
    m_open = buttons->addButton(tr("Open"), QDialogButtonBox::AcceptRole);
    m_open->setObjectName(QStringLiteral("openUrlButton"));
    m_open->setDefault(true);
    auto* s3 = buttons->addButton(tr("S3 Settings..."), QDialogButtonBox::ResetRole);
    s3->setObjectName(QStringLiteral("s3SettingsButton"));
    connect(s3, &QPushButton::clicked, this, [this] {
        auto* settings = new S3SettingsDialog(this);
        settings->setAttribute(Qt::WA_DeleteOnClose);
        settings->open();
    });
    m_cancel = buttons->addButton(tr("Close"), QDialogButtonBox::RejectRole);
    m_cancel->setObjectName(QStringLiteral("cancelUrlButton"));
    layout->addWidget(buttons);
    // The buttons' own accept/reject would close the dialog mid-open: route them here.
    connect(m_open, &QPushButton::clicked, this, &OpenUrlDialog::openUrl);
    connect(m_cancel, &QPushButton::clicked, this, &OpenUrlDialog::cancelOrClose);
    connect(m_url, &QLineEdit::returnPressed, this, &OpenUrlDialog::openUrl);
    connect(m_browse, &QPushButton::clicked, this, &OpenUrlDialog::browse);
    connect(m_entries, &QListWidget::itemActivated, this, &OpenUrlDialog::onEntryActivated);
    connect(m_entries, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item != nullptr) {
            m_url->setText(item->data(Qt::UserRole).toString());
        }
    });
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
            tr("\"%1\" is not a URL Twinbench reads: give an https://, davs://, s3:// or (on "
               "this machine) http:// URL")
                .arg(url);
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

void OpenUrlDialog::browse() {
    QString folder = url();
    if (!data::remote::isRemoteUrl(folder.toStdString())) {
        showStatus(tr("\"%1\" is not a URL Twinbench reads: give the davs:// or https:// URL "
                      "of a WebDAV folder, or an s3://BUCKET/ prefix")
                       .arg(folder),
                   true);
        return;
    }
    if (QUrl(folder).path().isEmpty()) {
        folder += QLatin1Char('/'); // the server's root
    } else if (!folder.endsWith(QLatin1Char('/'))) {
        // An object's URL (a name with a suffix that is not a Zarr store's) lists the folder it
        // is in; any other name is taken as a folder written without its slash.
        const QString name = folder.section(QLatin1Char('/'), -1);
        folder = name.contains(QLatin1Char('.')) && !name.endsWith(QLatin1String(".zarr"))
                     ? folder.left(folder.lastIndexOf(QLatin1Char('/')) + 1)
                     : folder + QLatin1Char('/');
    }
    const int listing = ++m_listings;
    showStatus(tr("Listing %1...").arg(folder), false);
    m_browse->setEnabled(false);
    using Listing = std::pair<std::vector<data::remote::DavEntry>, QString>;
    runInBackground<Listing>(
        this,
        [folder] {
            Listing result;
            try {
                result.first = data::remote::listRemoteFolder(*data::remote::defaultHttpClient(),
                                                              folder.toStdString());
            } catch (const data::DataError& error) {
                result.second = QString::fromStdString(error.what());
            }
            return result;
        },
        [this, listing, folder](const Listing& result) {
            if (listing != m_listings) {
                return; // a newer listing was asked for
            }
            m_browse->setEnabled(true);
            if (!result.second.isEmpty()) {
                showStatus(result.second, true);
                emit folderListingFailed(result.second);
                return;
            }
            m_entries->clear();
            const QString parent = folder.left(folder.left(folder.size() - 1).lastIndexOf('/') + 1);
            if (parent.count(QLatin1Char('/')) > 2) { // not above the server's root
                auto* up = new QListWidgetItem(style()->standardIcon(QStyle::SP_FileDialogToParent),
                                               QStringLiteral(".."), m_entries);
                up->setData(Qt::UserRole, parent);
                up->setData(Qt::UserRole + 1, true);
            }
            for (const data::remote::DavEntry& entry : result.first) {
                const QString name = QString::fromStdString(entry.name);
                auto* item = new QListWidgetItem(
                    style()->standardIcon(entry.folder ? QStyle::SP_DirIcon : QStyle::SP_FileIcon),
                    entry.folder
                        ? name + QLatin1Char('/')
                        : QStringLiteral("%1    %2")
                              .arg(name, locale().formattedDataSize(qint64(entry.size), 1,
                                                                    QLocale::DataSizeSIFormat)),
                    m_entries);
                item->setData(Qt::UserRole, QString::fromStdString(entry.url));
                item->setData(Qt::UserRole + 1, entry.folder);
            }
            m_entries->show();
            m_url->setText(folder);
            showStatus(tr("%1: %n entries", nullptr, int(result.first.size())).arg(folder), false);
            adjustSize();
            emit folderListed(int(result.first.size()));
        });
}

void OpenUrlDialog::onEntryActivated(QListWidgetItem* item) {
    if (isOpening()) {
        return;
    }
    m_url->setText(item->data(Qt::UserRole).toString());
    // A Zarr store is a folder too: opened, not listed, when its name says so.
    const bool folder = item->data(Qt::UserRole + 1).toBool();
    if (folder && !item->text().endsWith(QLatin1String(".zarr/"))) {
        browse();
    } else {
        openUrl();
    }
}

void OpenUrlDialog::setOpening(bool opening) {
    m_url->setEnabled(!opening);
    m_open->setEnabled(!opening);
    m_browse->setEnabled(!opening);
    m_entries->setEnabled(!opening);
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
