#include "explore/ExploreDock.h"

#include "answers/AnswerView.h"
#include "explore/ExploreSession.h"
#include "explore/ExploreSliders.h"
#include "support/BackgroundTask.h"
#include "twinbench/sdk/SdkError.h"
#include "twinbench/widgets/ParameterForm.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMouseEvent>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <utility>

namespace twins::app {

namespace {

constexpr int debounceMs = 30;
constexpr int settleMs = 300;

} // namespace

ExploreDock::ExploreDock(QWidget* parent, QString workerExecutable)
    : QDockWidget(tr("Explore"), parent), m_workerExecutable(std::move(workerExecutable)) {
    setObjectName(QStringLiteral("exploreDock"));
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);

    auto* choosers = new QFormLayout();
    m_moduleBox = new QComboBox(content);
    m_moduleBox->setObjectName(QStringLiteral("exploreModule"));
    m_queryBox = new QComboBox(content);
    m_queryBox->setObjectName(QStringLiteral("exploreQuery"));
    choosers->addRow(tr("Twin"), m_moduleBox);
    choosers->addRow(tr("Query"), m_queryBox);
    layout->addLayout(choosers);
    m_help = new QLabel(content);
    m_help->setWordWrap(true);
    layout->addWidget(m_help);

    auto* splitter = new QSplitter(Qt::Vertical, content);
    auto* controls = new QWidget(splitter);
    auto* controlsLayout = new QVBoxLayout(controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    m_form = new widgets::ParameterForm(controls);
    m_sliders = new ExploreSliders(*m_form, controls);
    controlsLayout->addWidget(m_sliders);
    auto* formScroll = new QScrollArea(controls);
    formScroll->setWidgetResizable(true);
    formScroll->setMinimumHeight(120); // a row of the form with its help text
    formScroll->setWidget(m_form);
    controlsLayout->addWidget(formScroll, 1);
    m_view = new AnswerView(splitter);
    m_view->setToolTip(tr("Double-click: open in the active view (with Ctrl: in a new view)"));
    splitter->addWidget(controls);
    splitter->addWidget(m_view);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);

    m_status = new QLabel(content);
    m_status->setObjectName(QStringLiteral("exploreStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    setWidget(content);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    m_settle.setSingleShot(true);
    m_settle.setInterval(settleMs);
    connect(&m_debounce, &QTimer::timeout, this, &ExploreDock::sendRequest);
    connect(&m_settle, &QTimer::timeout, this, [this] {
        if (!m_dragging) {
            m_view->refine();
            if (!m_refinedStatus.isEmpty()) {
                setStatus(std::exchange(m_refinedStatus, {}), false);
            }
        }
    });
    connect(m_moduleBox, &QComboBox::currentIndexChanged, this, &ExploreDock::moduleChosen);
    connect(m_queryBox, &QComboBox::currentIndexChanged, this, &ExploreDock::queryChosen);
    connect(m_form, &widgets::ParameterForm::valuesChanged, this, &ExploreDock::valuesEdited);
    connect(m_sliders, &ExploreSliders::draggingChanged, this, [this](bool dragging) {
        m_dragging = dragging;
        if (!dragging) {
            m_settle.start();
        }
    });
    // Nothing is asked (and no worker started) while the dock is hidden; the values set in
    // the meantime are asked for when it shows.
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && m_askWhenShown) {
            sendRequest();
        }
    });
    setStatus(tr("Looking for twins…"), false);
}

ExploreDock::~ExploreDock() = default;

void ExploreDock::scanCatalog() {
    // Reading every plugin's metadata touches the disk: not on the GUI thread.
    runInBackground<sdk::ModuleCatalog>(
        this, [] { return sdk::ModuleCatalog::scan(sdk::ModuleCatalog::defaultSearchPaths()); },
        [this](const sdk::ModuleCatalog& catalog) {
            if (!m_catalog) {
                setCatalog(catalog);
            }
        });
}

void ExploreDock::setCatalog(const sdk::ModuleCatalog& catalog) {
    m_catalog = catalog;
    m_session = std::make_unique<ExploreSession>(m_workerExecutable, catalog.searchPaths());
    connect(m_session.get(), &ExploreSession::answered, this, &ExploreDock::showAnswer);
    const QSignalBlocker block(m_moduleBox);
    m_moduleBox->clear();
    for (const sdk::ModuleEntry& entry : catalog.modules()) {
        if (!entry.metadata.queries.isEmpty()) {
            m_moduleBox->addItem(
                QStringLiteral("%1 (%2)").arg(entry.metadata.name, entry.metadata.id),
                entry.metadata.id);
        }
    }
    if (m_moduleBox->count() == 0) {
        setStatus(tr("No twin in %1 declares an interactive query.")
                      .arg(catalog.searchPaths().join(QStringLiteral(", "))),
                  true);
        return;
    }
    setStatus(QString(), false);
    moduleChosen();
}

bool ExploreDock::selectQuery(const QString& moduleId, const QString& queryName) {
    const int moduleIndex = m_moduleBox->findData(moduleId);
    if (moduleIndex < 0) {
        return false;
    }
    m_moduleBox->setCurrentIndex(moduleIndex);
    const int queryIndex = m_queryBox->findData(queryName);
    if (queryIndex < 0) {
        return false;
    }
    m_queryBox->setCurrentIndex(queryIndex);
    return true;
}

const sdk::ModuleEntry* ExploreDock::currentModule() const {
    return m_catalog ? m_catalog->find(m_moduleBox->currentData().toString()) : nullptr;
}

QString ExploreDock::currentQuery() const {
    return m_queryBox->currentData().toString();
}

void ExploreDock::moduleChosen() {
    const sdk::ModuleEntry* module = currentModule();
    {
        const QSignalBlocker block(m_queryBox);
        m_queryBox->clear();
        if (module) {
            for (const sdk::QuerySpec& query : module->metadata.queries) {
                m_queryBox->addItem(query.name, query.name);
                m_queryBox->setItemData(m_queryBox->count() - 1, query.help, Qt::ToolTipRole);
            }
        }
    }
    queryChosen();
}

void ExploreDock::queryChosen() {
    m_debounce.stop();
    const sdk::ModuleEntry* module = currentModule();
    const sdk::QuerySpec* query = module ? module->metadata.findQuery(currentQuery()) : nullptr;
    if (!query) {
        m_form->setSchema({});
        m_sliders->rebuild();
        m_help->clear();
        return;
    }
    QString help = query->help;
    if (!query->arguments.isEmpty()) {
        help += QStringLiteral("\n") + tr("Arguments: %1").arg(query->arguments);
    }
    m_help->setText(help);
    m_answerKind = query->answer;
    m_shownAnswer = {};
    {
        // The form fires valuesChanged while it fills in defaults: one request follows below.
        const QSignalBlocker block(m_form);
        m_form->setSchema(module->metadata.queryParameters(query->name));
    }
    m_sliders->rebuild();
    m_view->showMessage(tr("Asking %1 %2…").arg(module->metadata.id, query->name));
    sendRequest();
}

void ExploreDock::valuesEdited() {
    m_settle.start();
    m_debounce.start();
}

void ExploreDock::sendRequest() {
    const sdk::ModuleEntry* module = currentModule();
    if (!module || !m_session || currentQuery().isEmpty()) {
        return;
    }
    m_askWhenShown = !isVisible();
    if (m_askWhenShown) {
        return;
    }
    QJsonObject arguments;
    try {
        arguments = m_form->schema().resolve(m_form->values());
    } catch (const sdk::SdkError& error) {
        // Nothing is sent until the form holds valid values (e.g. a required path is empty).
        setStatus(
            tr("%1 %2: not asked: %3").arg(module->metadata.id, currentQuery(), error.message()),
            true);
        return;
    }
    m_session->request(module->metadata.id, currentQuery(), arguments);
}

void ExploreDock::showAnswer(const ExploreAnswer& answer) {
    const QString who = QStringLiteral("%1 %2").arg(answer.request.module, answer.request.query);
    // An answer for a query the user has since left is of no use.
    if (!currentModule() || answer.request.module != currentModule()->metadata.id ||
        answer.request.query != currentQuery()) {
        // ... but news of the worker (started, restarted and why) is kept for the next one.
        if (!answer.workerNote.isEmpty()) {
            m_workerNote = answer.workerNote;
        }
        return;
    }
    m_shownSerial = answer.request.serial;
    const QString workerNote =
        answer.workerNote.isEmpty() ? std::exchange(m_workerNote, {}) : answer.workerNote;
    m_workerNote.clear();
    const QString note = workerNote.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(workerNote);
    if (!answer.ok) {
        m_shownAnswer = {};
        setStatus(QStringLiteral("%1: %2%3").arg(who, answer.error, note), true);
        emit answerShown(false);
        return;
    }
    const bool interactive = m_dragging || m_settle.isActive();
    try {
        m_view->showAnswer(m_answerKind, answer.result, interactive);
    } catch (const std::exception& error) {
        // ExploreAnswerError, or a view refusing the data (MapSceneError, ...).
        m_shownAnswer = {};
        setStatus(tr("%1: the answer does not follow the '%2' convention of plugins/README.md: "
                     "%3%4")
                      .arg(who, m_answerKind, QString::fromUtf8(error.what()), note),
                  true);
        emit answerShown(false);
        return;
    }
    m_shownAnswer = answer.result;
    m_shownTitle = who;
    // The pages are made when first needed: double-clicks on any of their widgets are heard.
    for (QWidget* widget : m_view->findChildren<QWidget*>()) {
        widget->installEventFilter(this);
    }
    const QString answered = tr("%1: answered in %2 ms")
                                 .arg(who)
                                 .arg(answer.latencyMs, 0, 'f', answer.latencyMs < 10 ? 1 : 0);
    const bool preview = m_view->shownAtInteractiveDetail();
    // What the status becomes once the answer is redrawn at full quality.
    m_refinedStatus = preview ? answered + note : QString();
    setStatus(answered + (preview ? tr(", drawn at interactive detail") : QString()) + note, false);
    emit answerShown(true);
}

bool ExploreDock::activateShownAnswer(bool newCell) {
    if (m_shownAnswer.isEmpty() || m_answerKind.isEmpty()) {
        return false;
    }
    emit answerActivated(newCell, m_shownTitle, m_answerKind, m_shownAnswer);
    return true;
}

bool ExploreDock::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::MouseButtonDblClick) {
        const auto* click = static_cast<QMouseEvent*>(event);
        if (click->button() == Qt::LeftButton &&
            activateShownAnswer(click->modifiers().testFlag(Qt::ControlModifier))) {
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

void ExploreDock::setStatus(const QString& text, bool error) {
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

ExploreDock* installExploreDock(QMainWindow& window) {
    auto* dock = new ExploreDock(&window);
    window.addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide();
    dock->scanCatalog();
    return dock;
}

} // namespace twins::app
