#include "models/ModelsDock.h"

#include "export/formats/ExportFormats.h"
#include "models/VvuqCardHtml.h"
#include "support/BackgroundTask.h"
#include "twinbench/runs/RunRegistry.h"
#include "twinbench/sdk/JsonFile.h"
#include "twinbench/sdk/ModuleCatalog.h"
#include "twinbench/sdk/SdkError.h"

#include <QAction>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMainWindow>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace twins::app {

namespace {

enum Column { RunColumn, TwinColumn, CreatedColumn, VerdictColumn };

// The card written whole or not at all: HTML (the report format's suffixes) or, for any other
// name, JSON through the SDK's atomic writer.
QString writeCard(const QString& path, const QJsonObject& card, const QString& html) {
    try {
        if (htmlReportFormat().matches(path)) {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                return QStringLiteral("%1: %2").arg(path, file.errorString());
            }
            file.write(QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                      "<title>VVUQ card</title></head><body>%1</body></html>\n")
                           .arg(html)
                           .toUtf8());
            return file.commit() ? QString()
                                 : QStringLiteral("%1: %2").arg(path, file.errorString());
        }
        sdk::writeJsonFile(path, card);
        return {};
    } catch (const sdk::SdkError& error) {
        return error.message();
    }
}

} // namespace

ModelsDock::ModelsDock(QWidget* parent, QString databasePath, QStringList pluginSearchPaths)
    : QDockWidget(tr("Models"), parent), m_databasePath(std::move(databasePath)),
      m_pluginSearchPaths(std::move(pluginSearchPaths)) {
    setObjectName(QStringLiteral("modelsDock"));
    if (m_databasePath.isEmpty()) {
        m_databasePath = runs::RunRegistry::defaultDatabasePath();
    }
    if (m_pluginSearchPaths.isEmpty()) {
        m_pluginSearchPaths = sdk::ModuleCatalog::defaultSearchPaths();
    }
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(2, 2, 2, 2);
    m_list = new QTreeWidget(page);
    m_list->setHeaderLabels({tr("Model run"), tr("Twin"), tr("Trained"), tr("Verdict")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_card = new QTextBrowser(page);
    m_card->setOpenLinks(false);
    auto* splitter = new QSplitter(Qt::Vertical, page);
    splitter->addWidget(m_list);
    splitter->addWidget(m_card);
    splitter->setStretchFactor(1, 3);
    // The list holds a handful of models; the card, pages of tables, gets the rest.
    splitter->setSizes({90, 600});
    auto* buttons = new QHBoxLayout;
    auto* refreshButton = new QPushButton(tr("Refresh"), page);
    m_save = new QPushButton(tr("Save card…"), page);
    m_save->setEnabled(false);
    m_status = new QLabel(page);
    m_status->setWordWrap(true);
    buttons->addWidget(refreshButton);
    buttons->addWidget(m_save);
    buttons->addWidget(m_status, 1);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);
    setWidget(page);

    connect(refreshButton, &QPushButton::clicked, this, &ModelsDock::refresh);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ModelsDock::showSelected);
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save VVUQ card"), QString(),
            tr("JSON (*.json)") + QStringLiteral(";;") + htmlReportFormat().dialogFilter());
        if (!path.isEmpty()) {
            saveCard(path);
        }
    });
    connect(this, &ModelsDock::cardSaved, this, [this](const QString& path, const QString& error) {
        m_status->setText(error.isEmpty() ? tr("Card saved to %1").arg(path)
                                          : tr("Could not save the card: %1").arg(error));
    });
}

void ModelsDock::showEvent(QShowEvent* event) {
    QDockWidget::showEvent(event);
    if (!m_loadedOnce) {
        refresh();
    }
}

void ModelsDock::refresh() {
    if (m_loading) {
        return;
    }
    m_loading = true;
    m_loadedOnce = true;
    m_status->setText(tr("Reading the trained models and their validations…"));
    runInBackground<ModelCards>(
        this,
        [database = m_databasePath, paths = m_pluginSearchPaths] {
            return loadModelCards(database, paths);
        },
        [this](const ModelCards& cards) { apply(cards); });
}

void ModelsDock::apply(const ModelCards& cards) {
    m_loading = false;
    const QString selected =
        m_list->currentItem() ? m_list->currentItem()->text(RunColumn) : QString();
    m_cards = cards;
    m_list->clear();
    for (const QJsonObject& card : m_cards.cards) {
        const QJsonObject model = card.value(QStringLiteral("model")).toObject();
        const QString verdict = card.value(QStringLiteral("fit_for_purpose"))
                                    .toObject()
                                    .value(QStringLiteral("verdict"))
                                    .toString();
        auto* item = new QTreeWidgetItem(m_list, {model.value(QStringLiteral("run")).toString(),
                                                  model.value(QStringLiteral("module")).toString(),
                                                  model.value(QStringLiteral("created")).toString(),
                                                  verdict});
        item->setForeground(VerdictColumn, QColor(verdictColour(verdict)));
        item->setToolTip(RunColumn, model.value(QStringLiteral("description")).toString());
    }
    QString status = m_cards.cards.isEmpty()
                         ? tr("No trained model in the run registry yet (a twin's train action "
                              "makes one).")
                         : tr("%n trained model(s).", nullptr, int(m_cards.cards.size()));
    if (!m_cards.problems.isEmpty()) {
        status += QLatin1Char(' ') +
                  tr("Not listed: %1").arg(m_cards.problems.join(QStringLiteral("; ")));
    }
    m_status->setText(status);
    if (!selectModel(selected) && m_list->topLevelItemCount() > 0) {
        m_list->setCurrentItem(m_list->topLevelItem(0));
    }
    showSelected();
    emit refreshed();
}

bool ModelsDock::selectModel(const QString& runId) {
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        if (!runId.isEmpty() && m_list->topLevelItem(row)->text(RunColumn) == runId) {
            m_list->setCurrentItem(m_list->topLevelItem(row));
            return true;
        }
    }
    return false;
}

void ModelsDock::showSelected() {
    const int row = m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : -1;
    m_save->setEnabled(row >= 0);
    m_card->setHtml(row >= 0 ? m_cards.html.at(row) : QString());
}

void ModelsDock::saveCard(const QString& path) {
    const int row = m_list->currentItem() ? m_list->indexOfTopLevelItem(m_list->currentItem()) : -1;
    if (row < 0) {
        emit cardSaved(path, tr("no model is selected"));
        return;
    }
    runInBackground<QString>(
        this,
        [path, card = m_cards.cards.at(row), html = m_cards.html.at(row)] {
            return writeCard(path, card, html);
        },
        [this, path](const QString& error) { emit cardSaved(path, error); });
}

ModelsDock* installModelsDock(QMainWindow& window) {
    auto* dock = new ModelsDock(&window);
    window.addDockWidget(Qt::RightDockWidgetArea, dock);
    // A card is a page of tables: tabbed with Properties it gets the right column's whole
    // height (stacked under Properties it was a strip of two lines), and it opens wide enough
    // for its tables, in front of the tab it shares.
    if (auto* properties = window.findChild<QDockWidget*>(QStringLiteral("propertiesDock"))) {
        window.tabifyDockWidget(properties, dock);
    }
    dock->hide();
    QObject::connect(dock->toggleViewAction(), &QAction::triggered, dock, [&window, dock](bool on) {
        if (on) {
            dock->raise();
            window.resizeDocks({dock}, {std::max(dock->width(), 560)}, Qt::Horizontal);
        }
    });
    return dock;
}

} // namespace twins::app
