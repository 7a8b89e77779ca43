#include "stac/StacDockSupport.h"

#include "twinbench/data/remote/RemoteDataset.h"
#include "twinbench/data/remote/RemoteUrl.h"

#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QTreeWidgetItem>

namespace twins::app::stacdock {

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

} // namespace twins::app::stacdock
