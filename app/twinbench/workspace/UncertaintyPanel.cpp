#include "workspace/UncertaintyPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>

#include <limits>

namespace twins::app {

QString UncertaintyChoice::encodingName() const {
    switch (encoding) {
    case Encoding::None:
        return QStringLiteral("none");
    case Encoding::Spread:
        return QStringLiteral("mean and spread side by side");
    case Encoding::Vsup:
        return QStringLiteral("VSUP");
    case Encoding::Hatch:
        return QStringLiteral("hatching");
    case Encoding::Exceedance:
        return QStringLiteral("exceedance probability");
    }
    return {};
}

UncertaintyPanel::UncertaintyPanel(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_encoding = new QComboBox(this);
    m_encoding->setObjectName(QStringLiteral("uncertaintyEncodingBox"));
    using Encoding = UncertaintyChoice::Encoding;
    m_encoding->addItem(tr("None"), int(Encoding::None));
    m_encoding->addItem(tr("Mean and spread side by side"), int(Encoding::Spread));
    m_encoding->addItem(tr("VSUP (value-suppressing palette)"), int(Encoding::Vsup));
    m_encoding->addItem(tr("Hatching (ensemble robustness)"), int(Encoding::Hatch));
    m_encoding->addItem(tr("Exceedance probability"), int(Encoding::Exceedance));
    m_encoding->setToolTip(
        tr("Spread: the map and the second variable (its spread) side by side, cameras linked.\n"
           "VSUP: colours lose hue and lightness contrast where the second variable (the\n"
           "uncertainty) is large (Correll, Moritz & Heer, CHI 2018).\n"
           "Hatching: the second variable is an ensemble of changes (member dimension);\n"
           "hatched where the change is not robust at the threshold (IPCC AR6).\n"
           "Exceedance: the share of the ensemble's members above the threshold."));
    form->addRow(tr("Encoding"), m_encoding);
    m_variable = new QComboBox(this);
    m_variable->setObjectName(QStringLiteral("uncertaintyVariableBox"));
    m_variable->setToolTip(tr("The variable of the same file that carries the uncertainty"));
    form->addRow(tr("Uncertainty"), m_variable);
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setObjectName(QStringLiteral("uncertaintyThresholdBox"));
    m_threshold->setDecimals(4);
    m_threshold->setRange(-1.0e12, 1.0e12);
    m_threshold->setToolTip(tr("Hatching: the variability threshold a member's change must "
                               "exceed; exceedance: the value exceeded (units of the second "
                               "variable)"));
    form->addRow(tr("Threshold"), m_threshold);
    m_apply = new QPushButton(tr("Apply"), this);
    m_apply->setObjectName(QStringLiteral("uncertaintyApplyButton"));
    form->addRow(m_apply);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("uncertaintyStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(m_status);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, [this] { updateEnabled(); });
    connect(m_apply, &QPushButton::clicked, this, [this] { emit applyRequested(choice()); });
    updateEnabled();
}

void UncertaintyPanel::setVariables(const QStringList& variables) {
    const QString current = m_variable->currentText();
    const QSignalBlocker blocker(m_variable);
    m_variable->clear();
    m_variable->addItems(variables);
    m_variable->setCurrentIndex(std::max(0, static_cast<int>(variables.indexOf(current))));
    updateEnabled();
}

void UncertaintyPanel::setChoice(const UncertaintyChoice& choice) {
    const QSignalBlocker encodingBlocker(m_encoding);
    m_encoding->setCurrentIndex(std::max(0, m_encoding->findData(int(choice.encoding))));
    if (!choice.variable.isEmpty()) {
        m_variable->setCurrentIndex(std::max(0, m_variable->findText(choice.variable)));
    }
    m_threshold->setValue(choice.threshold);
    updateEnabled();
}

UncertaintyChoice UncertaintyPanel::choice() const {
    UncertaintyChoice choice;
    choice.encoding = static_cast<UncertaintyChoice::Encoding>(m_encoding->currentData().toInt());
    choice.variable = m_variable->currentText();
    choice.threshold = m_threshold->value();
    return choice;
}

void UncertaintyPanel::setStatus(const QString& text, bool isError) {
    m_statusIsError = isError;
    m_status->setText(text);
    m_status->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
}

QString UncertaintyPanel::statusText() const {
    return m_status->text();
}

void UncertaintyPanel::updateEnabled() {
    const UncertaintyChoice current = choice();
    const bool encoding = current.encoding != UncertaintyChoice::Encoding::None;
    m_variable->setEnabled(encoding && m_variable->count() > 0);
    m_threshold->setEnabled(current.needsThreshold());
}

} // namespace twins::app
