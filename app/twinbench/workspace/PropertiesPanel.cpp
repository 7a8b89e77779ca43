#include "workspace/PropertiesPanel.h"

#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/ColorMap.h"
#include "twinbench/viz/FieldView.h"
#include "twinbench/viz/MapProjection.h"
#include "twinbench/widgets/TimeSlider.h"
#include "workspace/UncertaintyPanel.h"
#include "workspace/ViewCell.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>

#include <algorithm>

namespace twins::app {

PropertiesPanel::PropertiesPanel(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout(this);
    m_colorMapBox = new QComboBox(this);
    m_colorMapBox->addItems(viz::ColorMap::names());
    form->addRow(tr("Colour map"), m_colorMapBox);
    m_projectionBox = new QComboBox(this);
    m_projectionBox->setObjectName(QStringLiteral("projectionBox"));
    m_projectionBox->addItem(tr("Data grid (no map)"), QString());
    // Shown by their names ("Plate Carrée", as the map's caption says), chosen by their ids.
    for (const QString& name : viz::MapProjection::names()) {
        m_projectionBox->addItem(viz::MapProjection::fromName(name).description(), name);
    }
    m_projectionBox->setToolTip(tr("Show a longitude/latitude field on a map with coastlines"));
    form->addRow(tr("Projection"), m_projectionBox);
    m_fieldSummary = new QLabel(tr("No field shown."), this);
    m_fieldSummary->setWordWrap(true);
    m_fieldSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fieldSummary->setMinimumWidth(200);
    form->addRow(new QLabel(tr("Field"), this));
    form->addRow(m_fieldSummary); // full width: titles and ranges are long
    m_timeSlider = new widgets::TimeSlider(this);
    m_timeSlider->setObjectName(QStringLiteral("timeSlider"));
    form->addRow(m_timeSlider);
    form->addRow(new QLabel(tr("Uncertainty of the map"), this));
    m_uncertaintyPanel = new UncertaintyPanel(this);
    m_uncertaintyPanel->setObjectName(QStringLiteral("uncertaintyPanel"));
    form->addRow(m_uncertaintyPanel);
    connect(m_projectionBox, &QComboBox::currentIndexChanged, this,
            [this] { emit projectionChosen(m_projectionBox->currentData().toString()); });
    connect(m_colorMapBox, &QComboBox::currentTextChanged, this, &PropertiesPanel::colorMapChosen);
}

void PropertiesPanel::showProjection(const QString& projection) {
    const QSignalBlocker blocker(m_projectionBox);
    m_projectionBox->setCurrentIndex(std::max(0, m_projectionBox->findData(projection)));
}

void PropertiesPanel::showColorMap(const QString& name) {
    const QSignalBlocker blocker(m_colorMapBox);
    m_colorMapBox->setCurrentText(name);
}

void PropertiesPanel::describeField(const viz::FieldView& view, const ShownVariable* shown) {
    showColorMap(view.colorMapName());
    const data::FieldSlice* field = view.field();
    if (field == nullptr) {
        m_fieldSummary->setText(tr("No field shown."));
        return;
    }
    const QString variable =
        shown != nullptr ? shown->variable : QString::fromStdString(field->variable);
    QString text = tr("%1\n%2 in %3\n%4 x %5 points, %6 valid\nmin %7, max %8 %9")
                       .arg(QString::fromStdString(field->title()), variable,
                            QFileInfo(QString::fromStdString(field->path)).fileName())
                       .arg(field->width)
                       .arg(field->height)
                       .arg(field->finiteCount)
                       .arg(field->minimum, 0, 'g', 6)
                       .arg(field->maximum, 0, 'g', 6)
                       .arg(QString::fromStdString(field->units));
    if (!view.sliceLabel().isEmpty()) {
        text += QStringLiteral("\n") + view.sliceLabel();
    }
    m_fieldSummary->setText(text);
}

} // namespace twins::app
