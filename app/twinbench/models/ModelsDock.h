#pragma once

#include "models/ModelCards.h"

#include <QDockWidget>

class QLabel;
class QMainWindow;
class QPushButton;
class QTextBrowser;
class QTreeWidget;

namespace twins::app {

// The Models dock: every trained model in the run registry (newest first) with its verdict, and
// the selected model's VVUQ card: thresholds and checks with pass/fail, validations with their
// training-domain checks, calibration, training domain, cost, code and data (issue 17, item 5).
// The registry and run directories are read on the thread pool, when the dock is first shown
// and on Refresh; "Save card…" writes the card as JSON (the format of `twinbench-run models
// --card RUN --json`) or HTML.
class ModelsDock : public QDockWidget {
    Q_OBJECT
public:
    // databasePath empty: RunRegistry::defaultDatabasePath(); pluginSearchPaths empty: the
    // module catalogue's default search path.
    explicit ModelsDock(QWidget* parent = nullptr, QString databasePath = {},
                        QStringList pluginSearchPaths = {});

    void refresh();
    // Selects the model trained by `runId`; false when it is not listed.
    bool selectModel(const QString& runId);
    void saveCard(const QString& path);

    QTreeWidget* modelList() const { return m_list; }
    QTextBrowser* cardView() const { return m_card; }
    QLabel* statusLabel() const { return m_status; }

signals:
    // After a refresh was applied (tests wait on it).
    void refreshed();
    void cardSaved(const QString& path, const QString& error);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void apply(const ModelCards& cards);
    void showSelected();

    QString m_databasePath;
    QStringList m_pluginSearchPaths;
    ModelCards m_cards;
    bool m_loading = false;
    bool m_loadedOnce = false;
    QTreeWidget* m_list = nullptr;
    QTextBrowser* m_card = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_save = nullptr;
};

// Adds a Models dock (hidden until chosen from the View menu) on the right of `window`.
ModelsDock* installModelsDock(QMainWindow& window);

} // namespace twins::app
