#include "remote/RemoteOpening.h"
#include "stac/BboxMap.h"
#include "stac/StacDock.h"
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

} // namespace twins::app
