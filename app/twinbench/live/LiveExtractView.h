#pragma once

#include "live/LiveExtractList.h"
#include "live/LiveFrame.h"
#include "live/ParaViewProgram.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QStackedWidget;

namespace twins::viz {
class FieldView;
class MapView;
} // namespace twins::viz

namespace twins::app {

// A running run's in-situ extracts in a view cell (issue 24): the newest extract drawn (a
// latitude/longitude field on a map with the extract's point sets as markers, any other field
// as an image), refreshed as new extracts arrive, with the step and time shown and a slider
// over the extracts still kept. The run is followed through its status.json and insitu/ alone
// (LiveExtractList.h), so a run on a shared file system written by another node is followed
// too; both are read on the thread pool every pollInterval, extracts are read there as well
// (LiveFrame.h), and the GUI thread only draws. While the slider is at its end it follows the
// newest; moved back, it stays on its step. When the run ends polling stops and the cell keeps
// the extract it shows. "Open in ParaView" opens the run's Catalyst extracts in ParaView when a
// ParaView that starts is found (ParaViewProgram.h), and says why not otherwise.
class LiveExtractView : public QWidget {
    Q_OBJECT
public:
    explicit LiveExtractView(const QString& runId, const QString& runDirectory,
                             QWidget* parent = nullptr);
    ~LiveExtractView() override;

    static constexpr int defaultPollMs = 500;
    void setPollInterval(int milliseconds) { m_poll.setInterval(milliseconds); }

    const QString& runId() const { return m_runId; }
    const LiveExtractList& extractList() const { return m_list; }
    // The step drawn now; std::nullopt before the first extract was drawn.
    std::optional<std::int64_t> shownStep() const { return m_shownStep; }
    bool following() const { return m_following; }
    // The widget drawing the extract now (the map or the image view).
    QWidget* drawingWidget() const;
    viz::MapView* mapView() const { return m_map; }
    viz::FieldView* fieldView() const { return m_image; }
    QSlider* slider() const { return m_slider; }
    QLabel* stepLabel() const { return m_stepLabel; }
    QLabel* caption() const { return m_caption; }
    QComboBox* variableBox() const { return m_variables; }
    QPushButton* paraViewButton() const { return m_paraView; }
    // Opens the Catalyst extracts in ParaView (the button); the outcome is in the caption and
    // paraViewOutcome.
    void openInParaView();

signals:
    // An extract was drawn (its step), or could not be (error non-empty, said in the caption).
    void frameShown(qint64 step, const QString& error);
    // A poll of status.json and insitu/ was applied (tests wait on it).
    void listRefreshed();
    // "Open in ParaView" ended: ParaView started (started), or the reason it did not.
    void paraViewOutcome(bool started, const QString& message);

private:
    void poll();
    void applyList(const LiveExtractList& list);
    void requestFrame();
    void showFrame(const LiveFrame& frame);
    void updateCaption();
    void updateParaViewButton();
    void launchParaView(const ParaViewProgram& program);

    QString m_runId;
    QString m_runDirectory;
    LiveExtractList m_list;
    QString m_variable; // the field chosen (empty: the extract's first)
    std::optional<std::int64_t> m_shownStep;
    QString m_frameError;
    QString m_paraViewMessage;
    bool m_following = true;
    bool m_pollPending = false;
    bool m_frameReading = false; // one extract read at a time
    bool m_frameWanted = false;  // another extract was asked for meanwhile
    bool m_frameShownOnMap = false;
    QTimer m_poll;
    QLabel* m_caption = nullptr;
    QComboBox* m_variables = nullptr;
    QPushButton* m_paraView = nullptr;
    QStackedWidget* m_stack = nullptr;
    viz::MapView* m_map = nullptr;
    viz::FieldView* m_image = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_stepLabel = nullptr;
};

} // namespace twins::app
