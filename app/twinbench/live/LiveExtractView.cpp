#include "live/LiveExtractView.h"

#include "support/BackgroundTask.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapFieldMesh.h"
#include "twinbench/viz/MapView.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace twins::app {

LiveExtractView::LiveExtractView(const QString& runId, const QString& runDirectory, QWidget* parent)
    : QWidget(parent), m_runId(runId), m_runDirectory(runDirectory) {
    setWindowTitle(tr("Live extracts — run %1").arg(runId));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* top = new QHBoxLayout;
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("liveCaption"));
    m_caption->setWordWrap(true);
    m_variables = new QComboBox(this);
    m_variables->setObjectName(QStringLiteral("liveVariable"));
    m_variables->setToolTip(tr("The extract's field shown"));
    m_paraView = new QPushButton(tr("Open in ParaView"), this);
    m_paraView->setObjectName(QStringLiteral("openInParaView"));
    top->addWidget(m_caption, 1);
    top->addWidget(m_variables);
    top->addWidget(m_paraView);
    layout->addLayout(top);
    m_stack = new QStackedWidget(this);
    m_map = new viz::MapView(m_stack);
    m_map->setObjectName(QStringLiteral("liveMap"));
    m_image = new viz::FieldView(m_stack);
    m_image->setObjectName(QStringLiteral("liveImage"));
    m_stack->addWidget(m_map);
    m_stack->addWidget(m_image);
    layout->addWidget(m_stack, 1);
    auto* bottom = new QHBoxLayout;
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("liveSlider"));
    m_slider->setToolTip(tr("The extracts kept so far; at its end the cell follows the newest"));
    m_slider->setEnabled(false);
    m_stepLabel = new QLabel(tr("no extract yet"), this);
    m_stepLabel->setObjectName(QStringLiteral("liveStep"));
    bottom->addWidget(m_slider, 1);
    bottom->addWidget(m_stepLabel);
    layout->addLayout(bottom);

    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        m_following = value == m_slider->maximum();
        requestFrame();
    });
    connect(m_variables, &QComboBox::activated, this, [this](int index) {
        m_variable = m_variables->itemText(index);
        requestFrame();
    });
    connect(m_paraView, &QPushButton::clicked, this, &LiveExtractView::openInParaView);
    m_poll.setInterval(defaultPollMs);
    connect(&m_poll, &QTimer::timeout, this, &LiveExtractView::poll);
    m_poll.start();
    updateCaption();
    updateParaViewButton();
    poll();
}

LiveExtractView::~LiveExtractView() = default;

QWidget* LiveExtractView::drawingWidget() const {
    return m_stack->currentWidget();
}

void LiveExtractView::poll() {
    if (m_pollPending) {
        return; // a slow (network) file system: one read at a time
    }
    m_pollPending = true;
    const QString directory = m_runDirectory;
    runInBackground<LiveExtractList>(
        this, [directory] { return readLiveExtractList(directory); },
        [this](const LiveExtractList& list) {
            m_pollPending = false;
            applyList(list);
        });
}

void LiveExtractView::applyList(const LiveExtractList& list) {
    if (!list.error.isEmpty() && list.state.isEmpty()) {
        m_list.error = list.error; // keep what was read before; try again next time
        updateCaption();
        emit listRefreshed();
        return;
    }
    const bool extractsChanged = list.extracts != m_list.extracts;
    std::optional<std::int64_t> selected;
    if (!m_list.extracts.isEmpty()) {
        selected = m_list.extracts.value(m_slider->value()).step;
    }
    m_list = list;
    if (extractsChanged) {
        const QSignalBlocker blocker(m_slider);
        const int count = static_cast<int>(m_list.extracts.size());
        m_slider->setEnabled(count > 1);
        m_slider->setRange(0, std::max(0, count - 1));
        int index = count - 1;
        if (!m_following && selected) {
            // Held on a step: stay on it (or the oldest kept after it, when it was removed).
            index = 0;
            while (index < count - 1 && m_list.extracts.at(index).step < *selected) {
                ++index;
            }
        }
        m_slider->setValue(std::max(0, index));
        requestFrame();
    }
    if (m_list.ended) {
        m_poll.stop(); // nothing more will come: the cell keeps the extract it shows
    }
    updateCaption();
    updateParaViewButton();
    emit listRefreshed();
}

void LiveExtractView::requestFrame() {
    if (m_list.extracts.isEmpty()) {
        return;
    }
    const LiveExtract extract = m_list.extracts.value(m_slider->value());
    const QString variable = m_variable;
    // One read at a time, and every read that ends is drawn: while extracts arrive faster than
    // they are read, the cell still moves on (newest-only reads would starve it).
    if (m_frameReading) {
        m_frameWanted = true;
        return;
    }
    m_frameReading = true;
    runInBackground<LiveFrame>(
        this, [extract, variable] { return readLiveFrame(extract.path, extract.step, variable); },
        [this](const LiveFrame& frame) {
            m_frameReading = false;
            showFrame(frame);
            const LiveExtract wanted = m_list.extracts.value(m_slider->value());
            if (std::exchange(m_frameWanted, false) &&
                (wanted.path != frame.path || m_variable != frame.variable)) {
                requestFrame();
            }
        });
}

void LiveExtractView::showFrame(const LiveFrame& frame) {
    if (!frame.error.isEmpty()) {
        m_frameError = frame.error;
        updateCaption();
        emit frameShown(frame.step, frame.error);
        return;
    }
    m_frameError.clear();
    {
        QStringList shown;
        for (int index = 0; index < m_variables->count(); ++index) {
            shown << m_variables->itemText(index);
        }
        const QSignalBlocker blocker(m_variables);
        if (shown != frame.variables) {
            m_variables->clear();
            m_variables->addItems(frame.variables);
        }
        m_variables->setCurrentText(frame.variable);
    }
    QString label = tr("step %1").arg(frame.step);
    if (!frame.timeLabel.isEmpty()) {
        label += QStringLiteral(", ") + frame.timeLabel;
    }
    if (!frame.depthLabel.isEmpty()) {
        label += QStringLiteral(", ") + frame.depthLabel;
    }
    if (viz::isLonLatField(*frame.field)) {
        m_map->scene().setSliceLabel(label);
        // The same field on the same grid swaps its values (keeping the colour range, so
        // extracts compare by colour, and the user's zoom); anything else is drawn afresh.
        const bool sameField = m_frameShownOnMap && m_map->scene().field() != nullptr &&
                               m_map->scene().field()->variable == frame.field->variable;
        if (!sameField || !m_map->scene().replaceFieldValues(frame.field)) {
            QString error;
            if (m_map->setField(frame.field, &error)) {
                const data::FieldSlice& field = *frame.field;
                m_map->zoomTo(field.x.front(), field.y.front(), field.x.back(), field.y.back(),
                              0.05);
            }
        }
        m_frameShownOnMap = true;
        m_map->scene().clearOverlays();
        if (!frame.points.empty()) {
            m_map->scene().addPoints(frame.points, viz::PointSymbol::Circle, QColor(230, 30, 60),
                                     9.0);
        }
        m_map->update();
        m_stack->setCurrentWidget(m_map);
    } else {
        m_image->setSliceLabel(label);
        m_image->showField(frame.field);
        m_frameShownOnMap = false;
        m_stack->setCurrentWidget(m_image);
    }
    m_shownStep = frame.step;
    m_stepLabel->setText(label);
    updateCaption();
    emit frameShown(frame.step, QString());
}

void LiveExtractView::updateCaption() {
    QString text;
    if (m_list.state.isEmpty()) {
        text = m_list.error.isEmpty() ? tr("Run %1: reading its in-situ extracts…").arg(m_runId)
                                      : tr("Run %1: cannot read its status (%2); trying again.")
                                            .arg(m_runId, m_list.error);
    } else if (m_list.extracts.isEmpty()) {
        text = m_list.ended
                   ? tr("Run %1 %2 without in-situ extracts: it ran with insitu=off, or its "
                        "twin publishes none for this action.")
                         .arg(m_runId, m_list.state)
                   : tr("Run %1 is %2: waiting for its first in-situ extract (runs publish "
                        "with insitu=extracts or insitu=catalyst).")
                         .arg(m_runId, m_list.state);
    } else {
        const QString where = tr("%1, extract %2 of %3 kept (%4 published)")
                                  .arg(m_list.stream)
                                  .arg(m_slider->value() + 1)
                                  .arg(m_list.extracts.size())
                                  .arg(m_list.published);
        text =
            m_list.ended
                ? tr("Run %1 %2: the last extracts stay. %3").arg(m_runId, m_list.state, where)
                : tr("Run %1, live: %2%3")
                      .arg(m_runId, where,
                           m_following ? tr(", following the newest") : tr(", held by the slider"));
    }
    if (!m_frameError.isEmpty()) {
        text += QLatin1Char('\n') + m_frameError;
    }
    if (!m_paraViewMessage.isEmpty()) {
        text += QLatin1Char('\n') + m_paraViewMessage;
    }
    m_caption->setText(text);
}

void LiveExtractView::updateParaViewButton() {
    m_paraView->setEnabled(!m_list.catalystFiles.isEmpty());
    m_paraView->setToolTip(
        m_list.catalystFiles.isEmpty()
            ? tr("This run wrote no Catalyst extracts (insitu=catalyst with an insitu_script "
                 "that writes data extracts)")
            : tr("Opens the run's %1 Catalyst data extracts (insitu/catalyst) in ParaView")
                  .arg(m_list.catalystFiles.size()));
}

void LiveExtractView::openInParaView() {
    if (m_list.catalystFiles.isEmpty()) {
        m_paraViewMessage =
            tr("Run %1 wrote no Catalyst extracts to open in ParaView.").arg(m_runId);
        updateCaption();
        emit paraViewOutcome(false, m_paraViewMessage);
        return;
    }
    m_paraViewMessage = tr("Looking for ParaView…");
    updateCaption();
    // Starting candidates with --version takes a second or more: never on the GUI thread.
    runInBackground<ParaViewProgram>(
        this, [] { return findParaViewProgram(); },
        [this](const ParaViewProgram& program) { launchParaView(program); });
}

void LiveExtractView::launchParaView(const ParaViewProgram& program) {
    bool started = false;
    if (program.path.isEmpty()) {
        m_paraViewMessage = tr("ParaView is not installed (%1).").arg(program.problem);
    } else {
        const QString directory = QDir(m_runDirectory).filePath(QStringLiteral("insitu/catalyst"));
        started = QProcess::startDetached(program.path, paraViewArguments(m_list.catalystFiles),
                                          directory);
        m_paraViewMessage = started ? tr("ParaView (%1) started with the %2 Catalyst extracts.")
                                          .arg(program.version)
                                          .arg(m_list.catalystFiles.size())
                                    : tr("ParaView at %1 did not start.").arg(program.path);
    }
    updateCaption();
    emit paraViewOutcome(started, m_paraViewMessage);
}

} // namespace twins::app
