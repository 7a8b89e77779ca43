#include "twinbench/widgets/ParameterForm.h"

#include "twinbench/sdk/SdkError.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>

#include <cmath>
#include <limits>

namespace twins::widgets {

using sdk::ParameterSpec;
using sdk::ParameterType;

namespace {

// Spin boxes need finite limits; a parameter without a range gets a wide one.
constexpr double unboundedNumber = 1e12;

int decimalsFor(const ParameterSpec& spec) {
    const double span =
        spec.maximum.value_or(unboundedNumber) - spec.minimum.value_or(-unboundedNumber);
    if (span <= 1.0) {
        return 4;
    }
    return span <= 100.0 ? 3 : 2;
}

} // namespace

ParameterForm::ParameterForm(QWidget* parent) : QWidget(parent) {
    m_layout = new QFormLayout(this);
    m_layout->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
}

void ParameterForm::setSchema(const sdk::ParameterSchema& schema) {
    while (m_layout->rowCount() > 0) {
        m_layout->removeRow(0);
    }
    m_fields.clear();
    m_schema = schema;
    if (schema.isEmpty()) {
        m_layout->addRow(new QLabel(tr("This action has no parameters."), this));
        return;
    }
    for (const ParameterSpec& spec : schema.parameters()) {
        Field field = makeField(spec);
        QString label = spec.label.isEmpty() ? spec.key : spec.label;
        if (!spec.unit.isEmpty()) {
            label += QStringLiteral(" [%1]").arg(spec.unit);
        }
        field.editor->setToolTip(
            QStringLiteral("%1 (%2)\n%3").arg(spec.key, spec.expectation(), spec.help));
        field.editor->setObjectName(QStringLiteral("parameter_") + spec.key);
        auto* labelWidget = new QLabel(label, this);
        labelWidget->setToolTip(field.editor->toolTip());
        m_layout->addRow(labelWidget, field.editor);
        if (!spec.help.isEmpty()) {
            auto* help = new QLabel(spec.help, this);
            help->setWordWrap(true);
            help->setStyleSheet(QStringLiteral("color: palette(mid); font-size: small;"));
            m_layout->addRow(QString(), help);
        }
        if (!spec.defaultValue.isUndefined() && !spec.defaultValue.isNull()) {
            field.write(spec.defaultValue);
        }
        m_fields.push_back(std::move(field));
    }
}

ParameterForm::Field ParameterForm::makeField(const ParameterSpec& spec) {
    Field field;
    field.key = spec.key;
    switch (spec.type) {
    case ParameterType::Number: {
        auto* box = new QDoubleSpinBox(this);
        box->setDecimals(decimalsFor(spec));
        box->setRange(spec.minimum.value_or(-unboundedNumber),
                      spec.maximum.value_or(unboundedNumber));
        if (!spec.unit.isEmpty()) {
            box->setSuffix(QLatin1Char(' ') + spec.unit);
        }
        connect(box, &QDoubleSpinBox::valueChanged, this, &ParameterForm::valuesChanged);
        field.editor = box;
        field.read = [box] { return QJsonValue(box->value()); };
        field.write = [box](const QJsonValue& value) { box->setValue(value.toDouble()); };
        break;
    }
    case ParameterType::Integer: {
        auto* box = new QSpinBox(this);
        const double low = spec.minimum.value_or(std::numeric_limits<int>::min());
        const double high = spec.maximum.value_or(std::numeric_limits<int>::max());
        box->setRange(static_cast<int>(std::max<double>(low, std::numeric_limits<int>::min())),
                      static_cast<int>(std::min<double>(high, std::numeric_limits<int>::max())));
        if (!spec.unit.isEmpty()) {
            box->setSuffix(QLatin1Char(' ') + spec.unit);
        }
        connect(box, &QSpinBox::valueChanged, this, &ParameterForm::valuesChanged);
        field.editor = box;
        field.read = [box] { return QJsonValue(box->value()); };
        field.write = [box](const QJsonValue& value) { box->setValue(value.toInt()); };
        break;
    }
    case ParameterType::Enum: {
        auto* box = new QComboBox(this);
        box->addItems(spec.choices);
        connect(box, &QComboBox::currentIndexChanged, this, &ParameterForm::valuesChanged);
        field.editor = box;
        field.read = [box] { return QJsonValue(box->currentText()); };
        field.write = [box](const QJsonValue& value) {
            const int index = box->findText(value.toString());
            if (index >= 0) {
                box->setCurrentIndex(index);
            }
        };
        break;
    }
    case ParameterType::Bool: {
        auto* box = new QCheckBox(this);
        connect(box, &QCheckBox::toggled, this, &ParameterForm::valuesChanged);
        field.editor = box;
        field.read = [box] { return QJsonValue(box->isChecked()); };
        field.write = [box](const QJsonValue& value) { box->setChecked(value.toBool()); };
        break;
    }
    case ParameterType::DateRange: {
        auto* container = new QWidget(this);
        auto* row = new QHBoxLayout(container);
        row->setContentsMargins(0, 0, 0, 0);
        auto* start = new QDateEdit(container);
        auto* end = new QDateEdit(container);
        for (QDateEdit* edit : {start, end}) {
            edit->setCalendarPopup(true);
            edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
            connect(edit, &QDateEdit::dateChanged, this, &ParameterForm::valuesChanged);
        }
        row->addWidget(start);
        row->addWidget(new QLabel(QStringLiteral("–"), container));
        row->addWidget(end);
        field.editor = container;
        field.read = [start, end] {
            return QJsonValue(start->date().toString(Qt::ISODate) + QLatin1Char('/') +
                              end->date().toString(Qt::ISODate));
        };
        field.write = [start, end](const QJsonValue& value) {
            const QStringList parts = value.toString().split(QLatin1Char('/'));
            if (parts.size() == 2) {
                start->setDate(QDate::fromString(parts[0].left(10), Qt::ISODate));
                end->setDate(QDate::fromString(parts[1].left(10), Qt::ISODate));
            }
        };
        break;
    }
    case ParameterType::Path: {
        auto* container = new QWidget(this);
        auto* row = new QHBoxLayout(container);
        row->setContentsMargins(0, 0, 0, 0);
        auto* edit = new QLineEdit(container);
        auto* browse = new QToolButton(container);
        browse->setText(QStringLiteral("…"));
        browse->setToolTip(tr("Choose a file"));
        connect(browse, &QToolButton::clicked, this, [this, edit] {
            // Non-blocking: the dialog is opened and answers through its signal.
            auto* dialog = new QFileDialog(this, tr("Choose a file"), edit->text());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &QFileDialog::fileSelected, edit, &QLineEdit::setText);
            dialog->open();
        });
        connect(edit, &QLineEdit::textChanged, this, &ParameterForm::valuesChanged);
        row->addWidget(edit);
        row->addWidget(browse);
        field.editor = container;
        field.read = [edit] { return QJsonValue(edit->text()); };
        field.write = [edit](const QJsonValue& value) { edit->setText(value.toString()); };
        break;
    }
    case ParameterType::String: {
        auto* edit = new QLineEdit(this);
        connect(edit, &QLineEdit::textChanged, this, &ParameterForm::valuesChanged);
        field.editor = edit;
        field.read = [edit] { return QJsonValue(edit->text()); };
        field.write = [edit](const QJsonValue& value) { edit->setText(value.toString()); };
        break;
    }
    }
    return field;
}

QJsonObject ParameterForm::values() const {
    QJsonObject values;
    for (const Field& field : m_fields) {
        values.insert(field.key, field.read());
    }
    return values;
}

void ParameterForm::setValues(const QJsonObject& values) {
    for (const Field& field : m_fields) {
        if (values.contains(field.key)) {
            field.write(values.value(field.key));
        }
    }
}

QString ParameterForm::validationError() const {
    try {
        m_schema.resolve(values());
    } catch (const sdk::SdkError& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

QWidget* ParameterForm::editorFor(const QString& key) const {
    for (const Field& field : m_fields) {
        if (field.key == key) {
            return field.editor;
        }
    }
    return nullptr;
}

} // namespace twins::widgets
