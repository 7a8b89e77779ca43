#include "stac/StacDock.h"

#include "remote/RemoteOpening.h"
#include "stac/BboxMap.h"
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

namespace stac = data::stac;

namespace {

// Thumbnails fetched for the list's icons (the selected item's is fetched on its own).
constexpr int maxListThumbnails = 64;

// What a listing brought back: search results, or a catalogue's tree.
struct Listing {
    std::vector<stac::StacItem> items;
    std::optional<stac::StacNode> root;
    QString summary;
    QString error;
};

struct Thumbnail {
    QImage image;
    QString error;
};

QString q(const std::string& text) {
    return QString::fromStdString(text);
}

// A thumbnail asset's image (a URL through the HTTP client, or a local file); never throws.
Thumbnail fetchThumbnail(const QString& href) {
    Thumbnail result;
    try {
        if (data::remote::isRemoteUrl(href.toStdString())) {
            const std::string bytes = data::remote::defaultHttpClient()->getText(
                href.toStdString(), std::size_t(4) << 20);
            result.image = QImage::fromData(QByteArray::fromRawData(
                                                bytes.data(), static_cast<qsizetype>(bytes.size())))
                               .copy();
        } else {
            result.image = QImage(href);
        }
        if (result.image.isNull()) {
            result.error = QObject::tr("not an image");
        }
    } catch (const std::exception& error) {
        result.error = QString::fromUtf8(error.what());
    }
    return result;
}

// "1 item", "3 items".
QString counted(std::size_t count, const char* one, const char* many) {
    return QStringLiteral("%1 %2").arg(count).arg(QLatin1String(count == 1 ? one : many));
}

// A catalogue node's items moved into `items`, in tree order (the tree keeps their indices).
void collectItems(stac::StacNode& node, std::vector<stac::StacItem>& items,
                  std::vector<std::vector<std::size_t>>& perNode) {
    perNode.emplace_back();
    for (stac::StacItem& item : node.items) {
        perNode.back().push_back(items.size());
        items.push_back(std::move(item));
    }
    node.items.clear();
    for (stac::StacNode& child : node.children) {
        collectItems(child, items, perNode);
    }
}

QTreeWidgetItem* itemRow(const stac::StacItem& item, std::size_t index) {
    auto* row = new QTreeWidgetItem({q(item.id), q(item.timeText()), q(item.collection)});
    row->setData(0, Qt::UserRole, static_cast<int>(index));
    row->setToolTip(0, q(item.sourceUrl));
    return row;
}

void addNode(QTreeWidgetItem* parent, const stac::StacNode& node,
             const std::vector<std::vector<std::size_t>>& perNode, std::size_t& nodeIndex,
             const std::vector<stac::StacItem>& items) {
    const QString title = node.title.empty() ? q(node.id) : q(node.title);
    auto* row = new QTreeWidgetItem(parent, {title, QString(), q(node.type)});
    row->setData(0, Qt::UserRole, -1);
    row->setToolTip(0, q(node.url));
    QFont bold = row->font(0);
    bold.setBold(true);
    row->setFont(0, bold);
    row->setExpanded(true);
    for (std::size_t index : perNode[nodeIndex++]) {
        row->addChild(itemRow(items[index], index));
    }
    for (const stac::StacNode& child : node.children) {
        addNode(row, child, perNode, nodeIndex, items);
    }
}

} // namespace

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

void StacDock::showItems(const QString& summary) {
    std::vector<BboxMap::Box> footprints;
    for (const stac::StacItem& item : m_items) {
        if (item.bbox.size() == 4) {
            footprints.push_back({item.bbox[0], item.bbox[1], item.bbox[2], item.bbox[3]});
        } else if (item.bbox.size() == 6) {
            footprints.push_back({item.bbox[0], item.bbox[1], item.bbox[3], item.bbox[4]});
        }
    }
    m_form->map()->setFootprints(std::move(footprints));
    showStatus(summary, false);
    emit itemsListed(static_cast<int>(m_items.size()));
    loadListIcons();
}

void StacDock::loadListIcons() {
    // Items of a collection often share a thumbnail: each distinct one is fetched once.
    QStringList hrefs;
    for (const stac::StacItem& item : m_items) {
        const stac::StacAsset* thumbnail = item.thumbnail();
        if (thumbnail != nullptr && !hrefs.contains(q(thumbnail->href)) &&
            hrefs.size() < maxListThumbnails) {
            hrefs << q(thumbnail->href);
        }
    }
    const int listing = m_listing;
    using Images = QHash<QString, QImage>;
    runInBackground<Images>(
        this,
        [hrefs, cancel = m_cancel] {
            const data::remote::RemoteCancelScope scope(cancel);
            Images images;
            for (const QString& href : hrefs) {
                const QImage image = fetchThumbnail(href).image;
                if (!image.isNull()) {
                    images.insert(
                        href, image.scaled(32, 32, Qt::KeepAspectRatio, Qt::SmoothTransformation));
                }
            }
            return images;
        },
        [this, listing](const Images& images) {
            if (listing != m_listing) {
                return;
            }
            int shown = 0;
            for (QTreeWidgetItemIterator it(m_results); *it != nullptr; ++it) {
                const int index = (*it)->data(0, Qt::UserRole).toInt();
                if (index < 0) {
                    continue;
                }
                const stac::StacAsset* thumbnail = m_items[std::size_t(index)].thumbnail();
                if (thumbnail != nullptr && images.contains(q(thumbnail->href))) {
                    (*it)->setIcon(0, QIcon(QPixmap::fromImage(images.value(q(thumbnail->href)))));
                    ++shown;
                }
            }
            emit listIconsShown(shown);
        });
}

int StacDock::selectedIndex() const {
    const QTreeWidgetItem* row = m_results->currentItem();
    return row == nullptr ? -1 : row->data(0, Qt::UserRole).toInt();
}

bool StacDock::selectItem(const QString& id) {
    const QList<QTreeWidgetItem*> rows =
        m_results->findItems(id, Qt::MatchExactly | Qt::MatchRecursive, 0);
    for (QTreeWidgetItem* row : rows) {
        if (row->data(0, Qt::UserRole).toInt() >= 0) {
            m_results->setCurrentItem(row);
            return true;
        }
    }
    return false;
}

void StacDock::showSelected() {
    const int index = selectedIndex();
    m_properties->setRowCount(0);
    m_assets->clear();
    m_thumbnail->clear();
    m_open->setEnabled(false);
    m_copy->setEnabled(false);
    if (index < 0 || index >= static_cast<int>(m_items.size())) {
        return;
    }
    const stac::StacItem& item = m_items[static_cast<std::size_t>(index)];
    QList<QPair<QString, QString>> rows = {{tr("id"), q(item.id)},
                                           {tr("collection"), q(item.collection)},
                                           {tr("time"), q(item.timeText())}};
    QStringList bbox;
    for (double value : item.bbox) {
        bbox << QString::number(value);
    }
    rows.append({tr("bbox"), bbox.join(QStringLiteral(", "))});
    for (const auto& [name, value] : item.properties) {
        if (name != "datetime" && name != "start_datetime" && name != "end_datetime") {
            rows.append({q(name), q(value)});
        }
    }
    m_properties->setRowCount(static_cast<int>(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        m_properties->setItem(row, 0, new QTableWidgetItem(rows[row].first));
        m_properties->setItem(row, 1, new QTableWidgetItem(rows[row].second));
    }
    const stac::StacAsset* primary = item.primaryAsset();
    for (const stac::StacAsset& asset : item.assets) {
        if (&asset == item.thumbnail()) {
            continue;
        }
        m_assets->addItem(asset.type.empty()
                              ? q(asset.key)
                              : QStringLiteral("%1 (%2)").arg(q(asset.key), q(asset.type)),
                          q(asset.href));
        m_assets->setItemData(m_assets->count() - 1, q(asset.href), Qt::ToolTipRole);
        if (&asset == primary) {
            m_assets->setCurrentIndex(m_assets->count() - 1);
        }
    }
    m_open->setEnabled(m_assets->count() > 0 && (m_opening == nullptr || !m_opening->isRunning()));
    m_copy->setEnabled(m_assets->count() > 0);
    std::vector<BboxMap::Box> footprints;
    int highlighted = -1;
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const auto& box = m_items[i].bbox;
        if (box.size() == 4 || box.size() == 6) {
            if (static_cast<int>(i) == index) {
                highlighted = static_cast<int>(footprints.size());
            }
            footprints.push_back(box.size() == 4 ? BboxMap::Box{box[0], box[1], box[2], box[3]}
                                                 : BboxMap::Box{box[0], box[1], box[3], box[4]});
        }
    }
    m_form->map()->setFootprints(std::move(footprints), highlighted);
    loadThumbnail(item);
}

void StacDock::loadThumbnail(const data::stac::StacItem& item) {
    const stac::StacAsset* thumbnail = item.thumbnail();
    const int request = ++m_thumbnailRequest;
    if (thumbnail == nullptr) {
        m_thumbnail->setText(tr("no\nthumbnail"));
        return;
    }
    const QString href = q(thumbnail->href);
    runInBackground<Thumbnail>(
        this, [href] { return fetchThumbnail(href); },
        [this, request, href](const Thumbnail& result) {
            if (request != m_thumbnailRequest) {
                return;
            }
            if (result.image.isNull()) {
                m_thumbnail->setText(tr("no\nthumbnail"));
                m_thumbnail->setToolTip(result.error);
                return;
            }
            m_thumbnail->setPixmap(QPixmap::fromImage(result.image.scaled(
                m_thumbnail->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
            m_thumbnail->setToolTip(href);
            emit thumbnailShown(href);
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
