#include "stac/StacDock.h"

#include "remote/RemoteOpening.h"
#include "stac/BboxMap.h"
#include "stac/StacDockSupport.h"
#include "stac/StacSearchForm.h"
#include "support/BackgroundTask.h"
#include "twinbench/data/remote/RemoteCancel.h"
#include "twinbench/data/remote/RemoteDataset.h"
#include "twinbench/data/remote/RemoteUrl.h"
#include "twinbench/data/stac/StacCatalogue.h"
#include "twinbench/data/stac/StacSearch.h"
#include "workspace/Workspace.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include <optional>
#include <stdexcept>

namespace twins::app {

using namespace stacdock;

StacDock::StacDock(Workspace& workspace, QWidget* parent)
    : QDockWidget(tr("STAC"), parent), m_workspace(workspace) {
    setObjectName(QStringLiteral("stacDock"));
    auto* splitter = new QSplitter(Qt::Vertical, this);

    auto* top = new QWidget(splitter);
    auto* topLayout = new QVBoxLayout(top);
    m_url = new QLineEdit(top);
    m_url->setObjectName(QStringLiteral("stacUrl"));
    m_url->setPlaceholderText(tr("STAC API or catalog.json URL"));
    topLayout->addWidget(m_url);
    // The form scrolls when the dock is short; the URL and the buttons stay in view.
    auto* scroll = new QScrollArea(top);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_form = new StacSearchForm(scroll);
    scroll->setWidget(m_form);
    topLayout->addWidget(scroll, 1);
    auto* buttons = new QHBoxLayout;
    m_search = new QPushButton(tr("Search"), top);
    m_search->setObjectName(QStringLiteral("stacSearchButton"));
    m_search->setToolTip(tr("Search the STAC API with the collections, area and times above"));
    m_browse = new QPushButton(tr("Browse"), top);
    m_browse->setObjectName(QStringLiteral("stacBrowseButton"));
    m_browse->setToolTip(tr("Walk a static catalogue: its collections and items"));
    buttons->addWidget(m_search);
    buttons->addWidget(m_browse);
    topLayout->addLayout(buttons);
    m_status = new QLabel(top);
    m_status->setObjectName(QStringLiteral("stacStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    topLayout->addWidget(m_status);
    connect(m_url, &QLineEdit::returnPressed, this, &StacDock::search);
    connect(m_search, &QPushButton::clicked, this, &StacDock::search);
    connect(m_browse, &QPushButton::clicked, this, &StacDock::browse);

    m_results = new QTreeWidget(splitter);
    m_results->setObjectName(QStringLiteral("stacResults"));
    m_results->setHeaderLabels({tr("Item"), tr("Time"), tr("Collection")});
    m_results->setRootIsDecorated(true);
    m_results->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_results, &QTreeWidget::currentItemChanged, this, &StacDock::showSelected);
    connect(m_results, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* row) {
        if (row->data(0, Qt::UserRole).toInt() >= 0) {
            openSelectedAsset();
        }
    });

    auto* details = new QWidget(splitter);
    auto* detailsLayout = new QVBoxLayout(details);
    auto* header = new QHBoxLayout;
    m_thumbnail = new QLabel(details);
    m_thumbnail->setObjectName(QStringLiteral("stacThumbnail"));
    m_thumbnail->setFixedSize(72, 72);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    header->addWidget(m_thumbnail);
    auto* assetColumn = new QVBoxLayout;
    m_assets = new QComboBox(details);
    m_assets->setObjectName(QStringLiteral("stacAssets"));
    m_open = new QPushButton(tr("Open in View"), details);
    m_open->setObjectName(QStringLiteral("stacOpenButton"));
    m_open->setToolTip(tr("Open the chosen asset in the active view (double-click an item: its "
                          "data asset)"));
    m_open->setEnabled(false);
    // A URL copied goes where a path is accepted: a run's dataset input, inspect, slice.
    m_copy = new QPushButton(tr("Copy URL"), details);
    m_copy->setObjectName(QStringLiteral("stacCopyButton"));
    m_copy->setToolTip(tr("Copy the chosen asset's URL (for a run's input, or a script)"));
    m_copy->setEnabled(false);
    auto* assetButtons = new QHBoxLayout;
    assetButtons->addWidget(m_open, 1);
    assetButtons->addWidget(m_copy);
    assetColumn->addWidget(m_assets);
    assetColumn->addLayout(assetButtons);
    assetColumn->addStretch();
    header->addLayout(assetColumn, 1);
    detailsLayout->addLayout(header);
    m_properties = new QTableWidget(0, 2, details);
    m_properties->setObjectName(QStringLiteral("stacProperties"));
    m_properties->setHorizontalHeaderLabels({tr("Property"), tr("Value")});
    m_properties->horizontalHeader()->setStretchLastSection(true);
    m_properties->verticalHeader()->hide();
    m_properties->setEditTriggers(QAbstractItemView::NoEditTriggers);
    detailsLayout->addWidget(m_properties);
    connect(m_open, &QPushButton::clicked, this, &StacDock::openSelectedAsset);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        const QString href = m_assets->currentData().toString();
        QGuiApplication::clipboard()->setText(href);
        showStatus(tr("Copied %1").arg(href), false);
    });

    splitter->setStretchFactor(1, 1);
    m_splitter = splitter;
    setWidget(splitter);
}

void StacDock::showEvent(QShowEvent* event) {
    QDockWidget::showEvent(event);
    if (m_sized) {
        return;
    }
    m_sized = true;
    // Once the dock has its height: the results get the most, the form scrolls, the details
    // (thumbnail, assets, properties) keep a few rows.
    QTimer::singleShot(0, this, [this] {
        const int height = m_splitter->height();
        m_splitter->setSizes({height * 34 / 100, height * 36 / 100, height * 30 / 100});
    });
}

StacDock::~StacDock() {
    if (m_cancel) {
        m_cancel->store(true);
    }
}

void StacDock::setUrl(const QString& url) {
    m_url->setText(url);
}

QString StacDock::url() const {
    return m_url->text().trimmed();
}

QString StacDock::statusText() const {
    return m_status->text();
}

void StacDock::search() {
    startListing(true);
}

void StacDock::browse() {
    startListing(false);
}

void StacDock::startListing(bool searching) {
    const QString url = this->url();
    if (url.isEmpty()) {
        const QString message = tr("Give the URL of a STAC API or of a catalog.json first.");
        showStatus(message, true);
        emit listingFailed(message);
        return;
    }
    stac::StacSearchRequest request;
    if (searching) {
        try {
            request = m_form->request();
        } catch (const std::invalid_argument& error) {
            const QString message = QString::fromUtf8(error.what());
            showStatus(message, true);
            emit listingFailed(message);
            return;
        }
    }
    if (m_cancel) {
        m_cancel->store(true); // the previous listing's result goes nowhere
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const int listing = ++m_listing;
    setBusy(true);
    showStatus(searching ? tr("Searching %1...").arg(url) : tr("Reading %1...").arg(url), false);
    const std::shared_ptr<std::atomic<bool>> cancel = m_cancel;
    runInBackground<Listing>(
        this,
        [location = url.toStdString(), request, searching, cancel] {
            const data::remote::RemoteCancelScope scope(cancel);
            Listing result;
            try {
                const auto client = data::remote::defaultHttpClient();
                if (searching) {
                    stac::StacSearchResult found = stac::searchStac(*client, location, request);
                    result.summary = QObject::tr("%1 from %2 (%3, %4)")
                                         .arg(counted(found.items.size(), "item", "items"),
                                              q(found.searchUrl), q(found.method),
                                              counted(std::size_t(found.pages), "page", "pages"));
                    if (found.matched) {
                        result.summary +=
                            QObject::tr("; the server matched %1").arg(*found.matched);
                    }
                    if (found.truncated) {
                        result.summary += QObject::tr("; more not read (raise 'At most')");
                    }
                    result.items = std::move(found.items);
                } else {
                    stac::StacBrowseResult walked = stac::browseStacCatalogue(*client, location);
                    result.summary = QObject::tr("%1 in %2")
                                         .arg(counted(walked.itemCount, "item", "items"),
                                              counted(walked.documents, "document", "documents"));
                    if (walked.truncated) {
                        result.summary += QObject::tr("; more not read");
                    }
                    result.root = std::move(walked.root);
                }
            } catch (const std::exception& error) {
                result.error = QString::fromUtf8(error.what());
            }
            return result;
        },
        [this, listing](Listing result) {
            if (listing != m_listing) {
                return;
            }
            setBusy(false);
            if (!result.error.isEmpty()) {
                showStatus(result.error, true);
                emit listingFailed(result.error);
                return;
            }
            m_results->clear();
            if (result.root) {
                std::vector<std::vector<std::size_t>> perNode;
                std::vector<stac::StacItem> items;
                collectItems(*result.root, items, perNode);
                m_items = std::move(items);
                std::size_t nodeIndex = 0;
                addNode(m_results->invisibleRootItem(), *result.root, perNode, nodeIndex, m_items);
                m_results->expandAll();
            } else {
                m_items = std::move(result.items);
                for (std::size_t i = 0; i < m_items.size(); ++i) {
                    m_results->addTopLevelItem(itemRow(m_items[i], i));
                }
            }
            showItems(result.summary);
        });
}

void StacDock::openSelectedAsset() {
    const QString href = m_assets->currentData().toString();
    if (href.isEmpty() || (m_opening != nullptr && m_opening->isRunning())) {
        return;
    }
    if (!data::remote::isRemoteUrl(href.toStdString())) {
        // An asset of a catalogue on disk: a local file, opened as File > Open opens one.
        m_workspace.openFiles({href});
        emit assetOpened(href);
        return;
    }
    delete m_opening;
    m_opening = new RemoteOpening(href, this);
    connect(m_opening, &RemoteOpening::progressed, this,
            [this](const QString& text) { showStatus(text, false); });
    connect(m_opening, &RemoteOpening::opened, this, [this](const OpenedFile& file) {
        m_open->setEnabled(true);
        m_workspace.addOpenedFile(file);
        showStatus(tr("Opened %1").arg(file.path), false);
        emit assetOpened(file.path);
    });
    connect(m_opening, &RemoteOpening::failed, this, [this](const QString& message) {
        m_open->setEnabled(true);
        showStatus(message, true);
        emit assetFailed(message);
    });
    connect(m_opening, &RemoteOpening::cancelled, this, [this] {
        m_open->setEnabled(true);
        showStatus(tr("Cancelled."), false);
    });
    m_open->setEnabled(false);
    m_opening->start();
}

void StacDock::showStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void StacDock::setBusy(bool busy) {
    m_search->setEnabled(!busy);
    m_browse->setEnabled(!busy);
}

StacDock* installStacDock(QMainWindow& window, Workspace& workspace) {
    auto* dock = new StacDock(workspace, &window);
    window.addDockWidget(Qt::LeftDockWidgetArea, dock);
    if (auto* data = window.findChild<QDockWidget*>(QStringLiteral("dataDock"))) {
        window.tabifyDockWidget(data, dock);
    }
    dock->hide();
    QObject::connect(dock->toggleViewAction(), &QAction::triggered, dock, [dock](bool on) {
        if (on) {
            dock->raise();
        }
    });
    return dock;
}

} // namespace twins::app
