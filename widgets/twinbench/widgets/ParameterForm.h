#pragma once

#include "twinbench/sdk/ParameterSchema.h"

#include <QJsonObject>
#include <QWidget>

#include <functional>
#include <vector>

class QFormLayout;

namespace twins::widgets {

// A form generated from a twin's parameter schema: one editor per parameter, chosen by type
// (spin boxes with the unit and range for numbers, a combo box for enums, a check box for
// bools, date editors for date ranges, a line edit with a browse button for paths), the help
// text as tooltip and under the field. values() returns what the user set, checked by the
// schema, so the launch dialog can refuse a bad value before anything is submitted.
class ParameterForm : public QWidget {
    Q_OBJECT
public:
    explicit ParameterForm(QWidget* parent = nullptr);

    void setSchema(const sdk::ParameterSchema& schema);
    const sdk::ParameterSchema& schema() const { return m_schema; }

    // Current values of every editor, as JSON of the parameter's type.
    QJsonObject values() const;
    // Sets the editors from values (unknown keys are ignored); used for resubmit.
    void setValues(const QJsonObject& values);
    // Empty when schema().resolve(values()) accepts the values, else the schema's message.
    QString validationError() const;

    // The editor of one parameter (tests drive it).
    QWidget* editorFor(const QString& key) const;

signals:
    void valuesChanged();

private:
    struct Field {
        QString key;
        QWidget* editor = nullptr;
        std::function<QJsonValue()> read;
        std::function<void(const QJsonValue&)> write;
    };
    Field makeField(const sdk::ParameterSpec& spec);

    sdk::ParameterSchema m_schema;
    QFormLayout* m_layout = nullptr;
    std::vector<Field> m_fields;
};

} // namespace twins::widgets
