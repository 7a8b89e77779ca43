#include "answers/kinds/map/MapPage.h"

#include "answers/AnswerKinds.h"
#include "answers/MetricsTable.h"
#include "answers/kinds/map/MapAnswer.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/MapScene.h"
#include "twinbench/viz/MapView.h"
#include "twinbench/viz/OffscreenFigure.h"
#include "twinbench/viz/Vsup.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace twins::app {

namespace {

QString colorMapOf(const MapAnswerField& field) {
    if (viz::ColorMap::named(field.colorMap).isValid()) {
        return field.colorMap;
    }
    // A change reads from a diverging map; anything else from a perceptually uniform one.
    return field.symmetric ? QStringLiteral("coolwarm") : QStringLiteral("viridis");
}

// Draws field `name` of `answer` on `scene` (the page's map and an export's own scene), faded
// by its uncertainty when `vsup` and the answer has one. A field without any value (a grid all
// at sea) leaves the map empty with a title saying so.
void drawMap(viz::MapScene& scene, const MapAnswer& answer, const QString& name, bool vsup) {
    const MapAnswerField* field = answer.field(name);
    if (field == nullptr) {
        scene.clearField(QObject::tr("The answer has no field '%1'").arg(name));
        return;
    }
    // Cleared first: on the same grid the scene would keep fading the new field by the
    // previous uncertainty.
    scene.clearVsup();
    const QString title = field->title.isEmpty() ? field->name : field->title;
    if (field->slice->finiteCount == 0) {
        scene.clearField(QObject::tr("%1: no value on this grid (every cell missing)").arg(title));
        return;
    }
    scene.setColorMap(colorMapOf(*field));
    scene.setField(field->slice);
    if (field->range) {
        scene.setColorRange(field->range->first, field->range->second);
    } else if (field->symmetric) {
        // Centred on no change; a map without any change keeps a unit range (all at the
        // middle colour) rather than an empty one.
        double largest = std::max(std::abs(field->slice->minimum), std::abs(field->slice->maximum));
        if (!(largest > 0.0)) {
            largest = 1.0;
        }
        scene.setColorRange(-largest, largest);
    }
    // The figure says what it shows and for which conditions, even exported alone.
    QString label = answer.header.title;
    if (!answer.header.conditions.isEmpty()) {
        label += (label.isEmpty() ? QString() : QStringLiteral("; ")) + answer.header.conditions;
    }
    scene.setSliceLabel(label);
    const MapAnswerField* uncertainty = answer.uncertaintyOf(name);
    if (vsup && uncertainty != nullptr && uncertainty->slice->finiteCount > 0) {
        const viz::VsupPalette palette(viz::ColorMap::named(scene.colorMapName()));
        scene.setVsupUncertainty(uncertainty->slice, palette);
        // The scene's own caption does not name the uncertainty field; this one does.
        scene.setCaption(QObject::tr("VSUP: colour is %1, lighter and with fewer colours "
                                     "where its uncertainty %2 is larger (%3 levels, %4 "
                                     "value bins at the lowest)")
                             .arg(field->name, uncertainty->name)
                             .arg(palette.levels())
                             .arg(palette.valueBins()));
    } else {
        scene.setCaption(QString());
    }
}

void addCaptionNote(viz::MapScene& scene, const QString& note, bool replacesCaption) {
    const QString caption = scene.captionText();
    scene.setCaption(replacesCaption || caption.isEmpty() ? note
                                                          : caption + QStringLiteral("\n") + note);
}

// The field drawn first: the first that is not another's uncertainty.
QString firstValueField(const MapAnswer& answer) {
    for (const MapAnswerField& field : answer.fields) {
        if (field.uncertaintyOf.isEmpty()) {
            return field.name;
        }
    }
    return answer.fields.front().name;
}

bool sameGrid(const MapAnswer& a, const MapAnswer& b) {
    return a.rows == b.rows && a.columns == b.columns &&
           a.fields.front().slice->x == b.fields.front().slice->x &&
           a.fields.front().slice->y == b.fields.front().slice->y;
}

} // namespace

MapPage::MapPage(QWidget* parent) : AnswerPage(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* controls = new QHBoxLayout;
    auto* fieldLabel = new QLabel(tr("Field"), this);
    m_fieldBox = new QComboBox(this);
    m_fieldBox->setObjectName(QStringLiteral("mapAnswerField"));
    m_fieldBox->setToolTip(tr("Which of the answer's fields the map shows"));
    fieldLabel->setBuddy(m_fieldBox);
    m_vsup = new QCheckBox(tr("Fade by uncertainty (VSUP)"), this);
    m_vsup->setObjectName(QStringLiteral("mapAnswerVsup"));
    m_vsup->setChecked(true);
    controls->addWidget(fieldLabel);
    controls->addWidget(m_fieldBox, 1);
    controls->addWidget(m_vsup);
    layout->addLayout(controls);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_map = new viz::MapView(splitter);
    m_metrics = makeMetricsTable(splitter);
    m_metrics->setObjectName(QStringLiteral("exploreMapMetrics"));
    splitter->addWidget(m_map);
    splitter->addWidget(m_metrics);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({800, 150}); // the map first; the table scrolls
    layout->addWidget(splitter, 1);
    m_cursor = new QLabel(this);
    m_cursor->setObjectName(QStringLiteral("mapAnswerCursor"));
    m_cursor->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_cursor);

    connect(m_map, &viz::MapView::cursorTextChanged, m_cursor, &QLabel::setText);
    connect(m_fieldBox, &QComboBox::currentIndexChanged, this, [this] {
        updateVsupBox();
        draw();
    });
    connect(m_vsup, &QCheckBox::toggled, this, [this] { draw(); });
}

MapPage::~MapPage() = default;

QString MapPage::shownField() const {
    return m_fieldBox->currentData().toString();
}

ExploreAnswerHeader MapPage::showAnswer(const QJsonObject& json, bool /*interactive*/) {
    auto answer = std::make_unique<MapAnswer>(readMapAnswer(json));
    const bool newGrid = !m_answer || !sameGrid(*m_answer, *answer);
    QString chosen = shownField();
    if (answer->field(chosen) == nullptr) {
        chosen = firstValueField(*answer);
    }
    m_answer = std::move(answer);
    m_note.clear();
    {
        const QSignalBlocker blocker(m_fieldBox);
        m_fieldBox->clear();
        for (const MapAnswerField& field : m_answer->fields) {
            const QString title = field.title.isEmpty() ? field.name : field.title;
            m_fieldBox->addItem(
                field.units.isEmpty() ? title : QStringLiteral("%1 [%2]").arg(title, field.units),
                field.name);
        }
        m_fieldBox->setCurrentIndex(m_fieldBox->findData(chosen));
    }
    updateVsupBox();
    draw();
    if (newGrid) {
        // A slider moved keeps the reader's pan and zoom; a new grid is shown whole, and a
        // regional one zoomed to (once the page is laid out, so at its size on screen).
        m_map->resetCamera();
        const data::FieldSlice& grid = *m_answer->fields.front().slice;
        const double halfX = grid.width > 1 ? 0.5 * (grid.x[1] - grid.x[0]) : 0.5;
        const double halfY = grid.height > 1 ? 0.5 * (grid.y[1] - grid.y[0]) : 0.5;
        const double west = grid.x.front() - halfX, east = grid.x.back() + halfX;
        const double south = grid.y.front() - halfY, north = grid.y.back() + halfY;
        if (east - west < 180.0 || north - south < 90.0) {
            QPointer<viz::MapView> map(m_map);
            QTimer::singleShot(0, m_map, [map, west, south, east, north] {
                if (map) {
                    map->zoomTo(west, south, east, north);
                }
            });
        }
    }
    fillMetricsTable(*m_metrics, m_answer->metrics);
    // The map's own title carries the answer's title and conditions; the line above repeats
    // them for the dock.
    return m_answer->header;
}

void MapPage::updateVsupBox() {
    const MapAnswerField* uncertainty = m_answer ? m_answer->uncertaintyOf(shownField()) : nullptr;
    m_vsup->setEnabled(uncertainty != nullptr);
    m_vsup->setToolTip(uncertainty != nullptr
                           ? tr("Colour the field with a value-suppressing uncertainty palette: "
                                "the more uncertain a cell (%1), the fewer values its colour "
                                "tells apart")
                                 .arg(uncertainty->name)
                           : tr("The answer gives no uncertainty for this field"));
}

void MapPage::draw() {
    if (!m_answer) {
        return;
    }
    drawMap(m_map->scene(), *m_answer, shownField(), m_vsup->isChecked());
    if (!m_note.isEmpty()) {
        addCaptionNote(m_map->scene(), m_note, m_noteReplacesCaption);
    }
    m_map->update();
}

void MapPage::addNote(const QString& note, bool replacesCaption) {
    m_note = note;
    m_noteReplacesCaption = replacesCaption;
    addCaptionNote(m_map->scene(), note, replacesCaption);
    m_map->update();
}

QImage MapPage::renderFigure(QSize size) const {
    if (!m_answer) {
        throw viz::FigureRenderError("there is no map to export");
    }
    // A scene of its own, rendered offscreen: the on-screen map stays in its window.
    viz::MapScene figure;
    figure.setProjection(m_map->scene().projection());
    drawMap(figure, *m_answer, shownField(), m_vsup->isChecked());
    if (!m_note.isEmpty()) {
        addCaptionNote(figure, m_note, m_noteReplacesCaption);
    }
    figure.fitCamera(size.width(), size.height());
    const double scale = std::min(size.width() / 1000.0, size.height() / 650.0);
    return viz::renderOffscreen({figure.renderer()}, size,
                                std::max(36, static_cast<int>(std::lround(72.0 * scale))));
}

} // namespace twins::app
