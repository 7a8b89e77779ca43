#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <map>
#include <memory>
#include <string>

class QComboBox;
class QWidget;

namespace twins::data {
class Dataset;
struct FieldSlice;
} // namespace twins::data
namespace twins::viz {
class FieldView;
class MapView;
} // namespace twins::viz
namespace twins::widgets {
class DataBrowser;
class TimeSlider;
} // namespace twins::widgets

namespace twins::app {

class AnimationExports;
class FigureExports;
class LinkedViews;
class MapMode;
class PropertiesPanel;
class UncertaintyController;
class UncertaintyPanel;
class ViewCell;
class ViewGrid;
struct LoadedField;
struct OpenedFile;

// What the scientist works on: the open files (Data), the view grid with what each cell
// shows (ViewGrid, ViewCell), the active view's Properties, and the features built on them
// (map mode, linked views, uncertainty, figure and animation exports). Files are opened and
// fields read on the thread pool; the GUI thread only builds the picture. The shell places
// the widgets and turns the signals into its status bar, busy indicator and error dialogs;
// tests and actions reach the application through this object.
class Workspace : public QObject {
    Q_OBJECT
public:
    // Makes the view grid, the Properties panel and the Data browser as children of `window`.
    explicit Workspace(QWidget* window);
    ~Workspace() override;

    ViewGrid* grid() const { return m_grid; }
    PropertiesPanel* properties() const { return m_properties; }
    widgets::DataBrowser* dataBrowser() const { return m_dataBrowser; }
    MapMode& maps() const { return *m_maps; }
    LinkedViews& links() const { return *m_links; }
    UncertaintyController& uncertainty() const { return *m_uncertainty; }
    FigureExports& figures() const { return *m_figures; }
    AnimationExports& animations() const { return *m_animations; }

    // Opens files in the background; the first one's preferredVariable (or its first variable
    // with at least 2 dimensions) is shown in `target` (made active then), else in the view
    // active when it has opened.
    void openFiles(const QStringList& paths, const QString& preferredVariable = {},
                   viz::FieldView* target = nullptr);
    void openExample();
    // A file (or URL) opened elsewhere in the background, taken in as openFiles takes its own:
    // listed in Data and Recent Files, shown in the active view (an error is reported instead).
    void addOpenedFile(const OpenedFile& opened, const QString& preferredVariable = {}) {
        onFileOpened(opened, preferredVariable, nullptr);
    }
    // An open file, or nullptr.
    std::shared_ptr<const data::Dataset> dataset(const QString& path) const;
    // Shows a variable of an open file in the active view (or in `view`, made active).
    void showVariable(const QString& path, const QString& variable);
    void showVariableIn(viz::FieldView* view, const QString& path, const QString& variable);
    // Shows a field computed in the application (a comparison's A-B) in a view, on its map in
    // map mode; what the cell shows (ShownVariable, ViewCell::reread) is the caller's.
    void showComputedField(viz::FieldView* view, std::shared_ptr<const data::FieldSlice> field,
                           const QString& sliceLabel);
    // Reads a slice of a variable for a view in the background; the newest request of a view
    // wins, so a slow old slice never replaces a newer one.
    void requestField(viz::FieldView* view, const QString& path, const QString& variable,
                      const std::map<std::string, std::size_t>& indices, bool describeDimensions);

    QList<viz::FieldView*> views() const;
    viz::FieldView* activeView() const;
    void setActiveView(viz::FieldView* view);
    void setViewCount(int count);
    // The map of the active view when it shows a projection, else nullptr (data grid).
    viz::MapView* activeMapView() const;
    // What a cell shows right now: its map, its mean/spread pair, or the data grid.
    QWidget* cellWidgetOf(viz::FieldView* view) const;
    // The sliders of the active view's extra dimensions (time, level, band), in Properties.
    widgets::TimeSlider* timeSlider() const;
    QComboBox* projectionBox() const;
    QComboBox* colorMapBox() const;
    UncertaintyPanel* uncertaintyPanel() const;
    // The value under the cursor in the view or map it is over.
    QString cursorText() const { return m_cursorText; }

    // Opens and reads still running in the background (the busy indicator).
    int pendingWork() const { return m_pendingWork; }
    void beginWork(const QString& message);
    void endWork();
    void showStatus(const QString& text, int timeoutMs = 0) { emit statusMessage(text, timeoutMs); }
    // The one way the workspace's features report a failure (the shell shows a dialog).
    void reportError(const QString& title, const QString& text, const QString& details) {
        emit errorOccurred(title, text, details);
    }

signals:
    void fileOpened(const QString& path);
    void fieldShown(const QString& path, const QString& variable);
    // First frame drawn after a field was shown in a view.
    void fieldFrameRendered();
    // A file opened but holds nothing to draw as a map (the view says why).
    void nothingToDraw(const QString& path, const QString& reason);
    void cursorTextChanged(const QString& text);
    void busyChanged(bool busy);
    void statusMessage(const QString& text, int timeoutMs);
    void errorOccurred(const QString& title, const QString& text, const QString& details);
    // A file was added to or removed from the recent files (widgets::RecentFiles).
    void recentFilesChanged();

private:
    void connectView(viz::FieldView* view);
    void connectMap(viz::MapView* map);
    void onActiveViewChanged();
    void onFileOpened(const OpenedFile& opened, const QString& preferredVariable,
                      viz::FieldView* target);
    void onFieldLoaded(const LoadedField& loaded, viz::FieldView* view, int requestNumber);
    void onSliceIndicesChanged(const std::map<std::string, std::size_t>& indices);
    void setColorMapOfActiveView(const QString& name);
    void showSliderOfActiveView();
    void describeActiveField();
    void setCursorText(const QString& text);
    void frameRendered();

    std::map<QString, std::shared_ptr<const data::Dataset>> m_files;
    // What qualifies a file's fields wherever they are shown (OpenedFile::notice), by path.
    std::map<QString, QString> m_fileNotices;
    PropertiesPanel* m_properties = nullptr;
    ViewGrid* m_grid = nullptr;
    widgets::DataBrowser* m_dataBrowser = nullptr;
    MapMode* m_maps = nullptr;
    LinkedViews* m_links = nullptr;
    UncertaintyController* m_uncertainty = nullptr;
    FigureExports* m_figures = nullptr;
    AnimationExports* m_animations = nullptr;
    QString m_cursorText;
    int m_pendingWork = 0;
    int m_fieldRequests = 0;
    bool m_awaitingFieldFrame = false;
};

} // namespace twins::app
