#pragma once

#include "twinbench/widgets/TimeSlider.h"
#include "workspace/ViewCell.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

class QAction;
class QComboBox;
class QGridLayout;
class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;

namespace twins::data {
struct FieldSlice;
class Dataset;
} // namespace twins::data
namespace twins::sdk {
struct ResultSpec;
}
namespace twins::viz {
class FieldView;
class LinkedMapViews;
class MapView;
class VtkView;
} // namespace twins::viz
namespace twins::widgets {
class DataBrowser;
class RunsPanel;
} // namespace twins::widgets

namespace twins::app {

class RunsController;
class UncertaintyPanel;
struct AnimationRequest;
struct OpenedFile;
struct LoadedField;
struct UncertaintyChoice;
struct PointsOverlayState;

// The application shell: views in the centre (one to four FieldViews), docks for Data, Runs and
// Properties, menus, status bar with the value under the cursor and a busy indicator. Files
// are opened and fields read on the thread pool; the GUI thread only builds the picture.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens files in the background; the first one's preferredVariable (or its first variable
    // with at least 2 dimensions) is shown in the active view.
    void openFiles(const QStringList& paths, const QString& preferredVariable = {});
    void openExample();

    viz::FieldView* activeView() const;
    QList<viz::FieldView*> views() const;
    widgets::DataBrowser* dataBrowser() const { return m_dataBrowser; }
    // The sliders of the active view's extra dimensions (time, level, band), in Properties.
    widgets::TimeSlider* timeSlider() const { return m_timeSlider; }
    // The map of the active view when it shows a projection, else nullptr (data grid).
    viz::MapView* activeMapView() const;
    QComboBox* projectionBox() const { return m_projectionBox; }
    // The text of the value under the cursor in the status bar.
    QString cursorText() const;
    widgets::RunsPanel* runsPanel() const { return m_runsPanel; }
    RunsController* runsController() const { return m_runs; }
    // Number of opens and reads still running in the background.
    int pendingWork() const { return m_pendingWork; }
    // The error dialog currently shown, if any (non-modal to the event loop, so tests and
    // users can keep working).
    QMessageBox* errorDialog() const { return m_errorDialog; }
    // Shows an error in a window-modal dialog that does not block the event loop, and in the
    // status bar; the one way every feature reports a failure to the user.
    void showError(const QString& title, const QString& text, const QString& details);

    // Renders the active view offscreen at the given size and writes it (PNG, JPEG, TIFF by
    // suffix) in the background; failures are reported with the path and reason.
    void exportFigureTo(const QString& path, QSize size);

    // --- Layouts (MainWindowLayouts.cpp): 1, 2 side by side or 2x2 cells, each showing a
    // variable. With "Link views" on, moving the time slider of one cell moves every cell
    // whose variable has that dimension, and panning or zooming one moves the others.
    void setViewsLinked(bool linked);
    bool viewsLinked() const { return m_viewsLinked; }
    // Shows a variable of an open file in a given view cell (and makes it the active one).
    void showVariableIn(viz::FieldView* view, const QString& path, const QString& variable);
    void setActiveView(viz::FieldView* view);
    // What a cell shows right now: its map, its mean/spread pair, or the data grid.
    QWidget* cellWidgetOf(viz::FieldView* view) const;
    // The whole layout rendered offscreen at this size (each cell rendered at its share, not a
    // screen grab); a null image with *error set when a cell cannot be rendered.
    QImage renderLayout(QSize size, QString* error = nullptr);
    // renderLayout written as PNG in the background; emits figureExported.
    void exportLayoutTo(const QString& path, QSize size);
    // Writes an exported image in the background (format by suffix, never a truncated file);
    // failures are shown under failureTitle with the path and reason; emits figureExported.
    void writeImageInBackground(const QImage& image, const QString& path,
                                const QString& failureTitle);

    // --- Uncertainty of the active map (MainWindowUncertainty.cpp): a second variable of the
    // same file shown with an encoding; the choice is re-applied at each time step.
    UncertaintyPanel* uncertaintyPanel() const { return m_uncertaintyPanel; }
    void applyUncertainty(const UncertaintyChoice& choice);

    // --- Animation export (MainWindowExports.cpp): the active view's variable over one of its
    // dimensions, encoded on a worker thread with a cancellable progress dialog.
    void exportAnimationTo(const AnimationRequest& request);
    // The request File > Export Animation starts from: the active view's file, variable,
    // indices, projection, colour map and uncertainty encoding. False when nothing is shown.
    bool animationRequestForActiveView(AnimationRequest& request, QString* why) const;
    bool animationRunning() const { return m_animationRunning; }
    void cancelAnimation();

public slots:
    void showVariable(const QString& path, const QString& variable);
    // Opens a run's output file in the active view when it is a dataset the views can show.
    void openRunOutput(const QString& path);
    // Shows a run's declared result: map and uncertainty kinds in the active view, on a map,
    // with the spec's variable and colour map; the others in a result dock (ResultDock.h).
    void openRunResult(const QString& runId, const QString& runDirectory,
                       const twins::sdk::ResultSpec& spec);
    void setViewCount(int count);

signals:
    void fileOpened(const QString& path);
    void fieldShown(const QString& path, const QString& variable);
    // First frame drawn after a field was shown in a view.
    void fieldFrameRendered();
    void figureExported(const QString& path, bool success);
    // An animation export ended (success, cancelled or failed with `error`).
    void animationExported(const QString& path, bool success, const QString& error);
    void animationProgress(int done, int total);
    // The uncertainty encoding of a view was applied, or refused with a message.
    void uncertaintyApplied(bool success, const QString& message);
    void errorShown(const QString& title, const QString& text);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    // Map mode (MainWindowMaps.cpp): each view cell stacks its FieldView (the data grid) and,
    // once a projection is chosen, a MapView of the same field.
    void setProjectionOfActiveView(const QString& projectionName);
    void showFieldOnMap(viz::FieldView* view);
    viz::MapView* mapViewFor(viz::FieldView* view);
    void leaveMapMode(viz::FieldView* view, const QString& reason);
    void createViews();
    void createDocks();
    void createMenus();
    void createStatusBar();
    void restoreSettings();
    void saveSettings() const;
    void refreshRecentFilesMenu();
    void onFileOpened(const OpenedFile& opened, const QString& preferredVariable);
    void onFieldLoaded(const LoadedField& loaded, viz::FieldView* view, int requestNumber);
    // Reads a slice of a variable for a view in the background; the newest request of a view
    // wins, so a slow old slice never replaces a newer one.
    void requestField(viz::FieldView* view, const QString& path, const QString& variable,
                      const std::map<std::string, std::size_t>& indices, bool describeDimensions);
    void onSliceIndicesChanged(const std::map<std::string, std::size_t>& indices);
    void showSliderOfActiveView();
    void beginWork(const QString& message);
    void endWork();
    void chooseFileToOpen();
    void chooseZarrStoreToOpen();
    void chooseFigureToExport();
    void showAbout();
    void updatePropertiesPanel();
    // Layouts
    void addLayoutMenuActions(QMenu* fileMenu, QMenu* viewMenu);
    void linkCamerasOf(viz::FieldView* view);
    void followCameraOf(viz::VtkView* leader);
    void propagateIndices(viz::FieldView* source,
                          const std::map<std::string, std::size_t>& indices);
    void chooseLayoutToExport();
    // Uncertainty
    void refreshUncertaintyPanel();
    void reapplyUncertainty(viz::FieldView* view);
    void requestUncertainty(viz::FieldView* view, const UncertaintyChoice& choice);
    void clearUncertainty(viz::FieldView* view);
    // Animation
    void chooseAnimationToExport();
    // A points result with a background (ResultPointsWindow.cpp): the input's field in the
    // active map view, the detections of the shown time step on top.
    void openPointsResult(const QString& runId, const QString& runDirectory,
                          const sdk::ResultSpec& spec);
    void updatePointsOverlay(viz::FieldView* view, viz::MapView* map);

    // The cell of a view (nullptr for a view that is not one of this window's).
    ViewCell* cellOf(const viz::FieldView* view) const;
    // What a view shows, or nullptr before anything was asked of it.
    ShownVariable* shownIn(const viz::FieldView* view) const;

    std::map<QString, std::shared_ptr<const data::Dataset>> m_files;
    // One cell per view, in the grid's order (m_views).
    std::map<const viz::FieldView*, std::unique_ptr<ViewCell>> m_cells;
    QComboBox* m_projectionBox = nullptr;
    widgets::TimeSlider* m_timeSlider = nullptr;
    QList<viz::FieldView*> m_views;
    QPointer<viz::FieldView> m_activeView;
    QGridLayout* m_viewGrid = nullptr;
    widgets::DataBrowser* m_dataBrowser = nullptr;
    widgets::RunsPanel* m_runsPanel = nullptr;
    RunsController* m_runs = nullptr;
    QComboBox* m_colorMapBox = nullptr;
    QLabel* m_fieldSummary = nullptr;
    QLabel* m_cursorLabel = nullptr;
    QProgressBar* m_busyBar = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QPointer<QMessageBox> m_errorDialog;
    int m_pendingWork = 0;
    int m_fieldRequests = 0;
    bool m_awaitingFieldFrame = false;
    // Layouts
    bool m_viewsLinked = false;
    bool m_followingCamera = false; // a linked camera update is being applied
    QAction* m_linkViewsAction = nullptr;
    // Uncertainty (the choice and the mean/spread pair of each view are in its cell).
    UncertaintyPanel* m_uncertaintyPanel = nullptr;
    int m_uncertaintyRequests = 0;
    // Animation
    bool m_animationRunning = false;
    std::shared_ptr<std::atomic<bool>> m_animationCancel;
    // The points result drawn over its background, and the view that shows it.
    std::unique_ptr<PointsOverlayState> m_pointsOverlay;
};

} // namespace twins::app
