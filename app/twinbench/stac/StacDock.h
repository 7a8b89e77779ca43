#pragma once

#include "twinbench/data/stac/StacItem.h"

#include <QDockWidget>
#include <QPointer>

#include <atomic>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QMainWindow;
class QPushButton;
class QSplitter;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace twins::app {

class RemoteOpening;
class StacSearchForm;
class Workspace;

// The STAC dock: finds datasets in a STAC API (Search: POST /search with the form's
// collections, area and time range, following "next" links) or a static catalogue (Browse:
// catalog.json -> collections -> items), lists the items (time, collection; a catalogue as a
// tree), shows the selected one's properties, assets and thumbnail, and opens an asset in the
// active view through the remote-open path (File > Open URL's: probe process, then the read,
// both off the GUI thread). Every network request runs on the thread pool.
class StacDock : public QDockWidget {
    Q_OBJECT
public:
    StacDock(Workspace& workspace, QWidget* parent);
    ~StacDock() override;

    void setUrl(const QString& url);
    QString url() const;
    StacSearchForm* form() const { return m_form; }
    QString statusText() const;
    // The items listed now (search results, or every item of the browsed catalogue).
    const std::vector<data::stac::StacItem>& items() const { return m_items; }
    // Selects the item (its properties, assets and thumbnail are shown); false if not listed.
    bool selectItem(const QString& id);

public slots:
    void search();
    void browse();
    // Opens the asset chosen for the selected item (its data asset by default).
    void openSelectedAsset();

signals:
    void itemsListed(int count);
    void listingFailed(const QString& message);
    void thumbnailShown(const QString& href);
    // The list's rows got their thumbnails as icons (`rows` of them).
    void listIconsShown(int rows);
    void assetOpened(const QString& href);
    void assetFailed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void startListing(bool searching);
    void showItems(const QString& summary);
    void showSelected();
    void loadListIcons();
    void loadThumbnail(const data::stac::StacItem& item);
    void showStatus(const QString& text, bool error);
    void setBusy(bool busy);
    int selectedIndex() const;

    Workspace& m_workspace;
    QSplitter* m_splitter = nullptr;
    bool m_sized = false; // the splitter's parts were sized at the first show
    QLineEdit* m_url = nullptr;
    StacSearchForm* m_form = nullptr;
    QPushButton* m_search = nullptr;
    QPushButton* m_browse = nullptr;
    QLabel* m_status = nullptr;
    QTreeWidget* m_results = nullptr;
    QLabel* m_thumbnail = nullptr;
    QTableWidget* m_properties = nullptr;
    QComboBox* m_assets = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_copy = nullptr;
    std::vector<data::stac::StacItem> m_items;
    int m_listing = 0; // the newest listing wins
    int m_thumbnailRequest = 0;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QPointer<RemoteOpening> m_opening;
};

// Adds the dock to the window (tabbed with Data on the left), hidden until View > STAC.
StacDock* installStacDock(QMainWindow& window, Workspace& workspace);

} // namespace twins::app
