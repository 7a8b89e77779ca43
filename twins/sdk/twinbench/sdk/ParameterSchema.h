#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace twins::sdk {

// The types a twin's parameters can have. In JSON: "number", "integer", "enum", "bool",
// "string", "date_range", "path" (see parameterTypeName()).
//   Number     a finite double, optional unit and inclusive minimum/maximum
//   Integer    a whole number (stored as a JSON number), optional inclusive minimum/maximum
//   Enum       one of `choices`
//   Bool       true or false
//   String     any text
//   DateRange  an ISO 8601 interval "2017-09-01/2017-09-30" (dates or date-times, start <= end)
//   Path       a file or dataset path (non-empty text; existence is the action's business,
//              because the path may only exist on the node that runs the job)
enum class ParameterType { Number, Integer, Enum, Bool, String, DateRange, Path };

QString parameterTypeName(ParameterType type);
std::optional<ParameterType> parseParameterType(const QString& name);

struct ParameterSpec {
    QString key;   // identifier used in spec.json and --set key=value
    QString label; // what the GUI form shows
    QString help;  // one or two sentences: what it does, what it changes in the results
    QString unit;  // UDUNITS-style text for numbers ("K", "m s-1"); empty when dimensionless
    ParameterType type = ParameterType::String;
    QJsonValue defaultValue = QJsonValue::Undefined; // Undefined: the parameter is required
    std::optional<double> minimum;
    std::optional<double> maximum;
    QStringList choices; // Enum only
    // Names the parameter had before (JSON "former_keys"): a run spec or a --set using one is
    // accepted, mapped to `key`, with a note (ParameterSchema::resolve), so old runs resubmit.
    QStringList formerKeys;

    bool isRequired() const { return defaultValue.isUndefined() || defaultValue.isNull(); }
    // Human text of what a value must be, e.g. "an integer in [2, 4096]" or "one of gradient,
    // checker"; used in every error message about this parameter.
    QString expectation() const;
    QJsonObject toJson() const;
};

// The typed parameters of a module (or of one of its actions, see ModuleMetadata). JSON form: an
// array of objects, one per parameter:
//   {"key": "size", "label": "Grid size", "type": "integer", "default": 16,
//    "minimum": 2, "maximum": 4096, "unit": "", "help": "...", "choices": [...]}
// Only "key" and "type" are required; "choices" is required (non-empty) for enum parameters.
class ParameterSchema {
public:
    // Throws SdkError naming `source` (e.g. the plugin file) and the offending entry, e.g.
    // "parameters[2] ('pattern'): default 'stripes' is not one of gradient, checker".
    static ParameterSchema fromJson(const QJsonArray& json, const QString& source);
    QJsonArray toJson() const;

    const QList<ParameterSpec>& parameters() const { return m_parameters; }
    const ParameterSpec* find(const QString& key) const;
    // The parameter that was called `formerKey` before a rename, or nullptr.
    const ParameterSpec* findFormer(const QString& formerKey) const;
    QStringList keys() const;
    bool isEmpty() const { return m_parameters.isEmpty(); }

    // The schema restricted to `keys`, in the order of `keys`. Throws SdkError naming `source`
    // for a key the schema does not have.
    ParameterSchema subset(const QStringList& keys, const QString& source) const;

    // The complete parameter set of a run: every parameter of the schema, given values checked
    // (type, range, enum choice; an integral Number is fine, 3.5 for an Integer is not) and
    // missing ones filled with their defaults. Throws SdkError naming the key, the value and
    // what was expected, for a wrong value, a missing required value or an unknown key.
    // A former name of a parameter (ParameterSpec::formerKeys) is mapped to its key, and a note
    // saying so is appended to `notes` when given (the job runner logs them); giving both the
    // former and the current name is refused.
    QJsonObject resolve(const QJsonObject& given, QStringList* notes = nullptr) const;

    // Parses the text of `--set key=value` into the JSON value the parameter's type wants
    // ("16" -> 16 for an Integer, "yes" -> true for a Bool, ...), checking it as resolve()
    // does. Throws SdkError for an unknown key or a value that does not parse.
    QJsonValue parseValue(const QString& key, const QString& text) const;

private:
    QList<ParameterSpec> m_parameters;
};

// Checks one value against a parameter; returns the normalised value (Integer as a whole
// number) or throws SdkError "parameter 'size': 9000 is out of range, expected an integer in
// [2, 4096]".
QJsonValue checkParameterValue(const ParameterSpec& spec, const QJsonValue& value);

// Parses command-line text for one parameter (see ParameterSchema::parseValue) and checks it.
QJsonValue parseParameterText(const ParameterSpec& spec, const QString& text);

// How a value appears in messages: 16, 2.5, 'checker', true, null, compact JSON otherwise.
QString jsonValueText(const QJsonValue& value);

} // namespace twins::sdk
