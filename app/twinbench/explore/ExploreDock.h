#pragma once

#include "twinbench/sdk/ModuleCatalog.h"

#include <QDockWidget>
#include <QJsonObject>
#include <QTimer>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QMainWindow;

namespace twins::widgets {
class ParameterForm;
}

namespace twins::app {

class AnswerView;
class ExploreSession;
class ExploreSliders;
struct ExploreAnswer;

// The what-if panel: choose a twin and one of its interactive queries (from the plugins'
// metadata: no plugin code runs in the GUI), move the query's parameters (sliders and the
// parameter form built from the module's schema) and see the session worker's answer drawn by
// the query's declared answer kind. Changes are debounced (30 ms) and go through an
// ExploreSession, where the latest request wins; while values keep changing, volumes are drawn
// at an interactive level of detail, at full quality 300 ms after they stop. The status line
// says "module query: answered in 84 ms" or gives the worker's error verbatim.
class ExploreDock : public QDockWidget {
    Q_OBJECT
public:
    // workerExecutable: empty for the one Runs uses.
    explicit ExploreDock(QWidget* parent = nullptr, QString workerExecutable = {});
    ~ExploreDock() override;

    // Lists the catalog's modules that declare queries; made once, when the catalog is known
    // (scanCatalog() reads the default search path in the background).
    void setCatalog(const sdk::ModuleCatalog& catalog);
    void scanCatalog();

    // Selects a module and query by id and name; false when the catalog has no such pair.
    bool selectQuery(const QString& moduleId, const QString& queryName);

    ExploreSession* session() const { return m_session.get(); }
    widgets::ParameterForm* form() const { return m_form; }
    ExploreSliders* sliders() const { return m_sliders; }
    AnswerView* answerView() const { return m_view; }
    QLabel* statusLabel() const { return m_status; }
    QComboBox* moduleBox() const { return m_moduleBox; }
    QComboBox* queryBox() const { return m_queryBox; }
    // Serial of the request whose answer is shown, 0 before the first.
    quint64 shownSerial() const { return m_shownSerial; }
    // Asks for the shown answer to open in the workspace (answerActivated), as a double-click
    // on it does; false when no answer is shown.
    bool activateShownAnswer(bool newCell);

signals:
    // An answer (or an error) was shown; for tests and linked views.
    void answerShown(bool ok);
    // The shown answer was double-clicked (Ctrl held: newCell): open it in a central cell.
    // `title` says what it is ("cyclone retrack").
    void answerActivated(bool newCell, const QString& title, const QString& kind,
                         const QJsonObject& answer);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void moduleChosen();
    void queryChosen();
    void valuesEdited();
    void sendRequest();
    void showAnswer(const ExploreAnswer& answer);
    void setStatus(const QString& text, bool error);
    const sdk::ModuleEntry* currentModule() const;
    QString currentQuery() const;

    QString m_workerExecutable;
    std::optional<sdk::ModuleCatalog> m_catalog;
    std::unique_ptr<ExploreSession> m_session;
    QComboBox* m_moduleBox = nullptr;
    QComboBox* m_queryBox = nullptr;
    QLabel* m_help = nullptr;
    widgets::ParameterForm* m_form = nullptr;
    ExploreSliders* m_sliders = nullptr;
    AnswerView* m_view = nullptr;
    QLabel* m_status = nullptr;
    QString m_answerKind;
    QTimer m_debounce; // 30 ms after the last change: ask
    QTimer m_settle;   // 300 ms after the last change: values stopped, draw at full quality
    bool m_dragging = false;
    bool m_askWhenShown = false;
    QString m_refinedStatus;
    QString m_workerNote; // of an answer that was not shown (the user had moved on)
    quint64 m_shownSerial = 0;
    QJsonObject m_shownAnswer; // the last answer drawn, for answerActivated
    QString m_shownTitle;
};

// Adds an Explore dock (hidden until chosen from its toggleViewAction(), e.g. in a View menu)
// on the right of `window`, scanning the twins in the background. Returns it.
ExploreDock* installExploreDock(QMainWindow& window);

} // namespace twins::app
