#pragma once

// What the STAC dock's two source files share (StacDock.cpp: the form, listing and opening;
// StacDockItems.cpp: the list, the selected item and thumbnails): the listing's result, fetching
// a thumbnail, and the rows of the result list.
#include "twinbench/data/stac/StacCatalogue.h"
#include "twinbench/data/stac/StacSearch.h"

#include <QImage>
#include <QString>

#include <optional>
#include <vector>

class QTreeWidgetItem;

namespace twins::app::stacdock {

namespace stac = data::stac;

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

QString q(const std::string& text);
// A thumbnail asset's image (a URL through the HTTP client, or a local file); never throws.
Thumbnail fetchThumbnail(const QString& href);
// "1 item", "3 items".
QString counted(std::size_t count, const char* one, const char* many);
// A catalogue node's items moved into `items`, in tree order (the tree keeps their indices).
void collectItems(stac::StacNode& node, std::vector<stac::StacItem>& items,
                  std::vector<std::vector<std::size_t>>& perNode);
QTreeWidgetItem* itemRow(const stac::StacItem& item, std::size_t index);
void addNode(QTreeWidgetItem* parent, const stac::StacNode& node,
             const std::vector<std::vector<std::size_t>>& perNode, std::size_t& nodeIndex,
             const std::vector<stac::StacItem>& items);

} // namespace twins::app::stacdock
