#include "twinbench/sdk/ParameterSchema.h"

#include "twinbench/sdk/SdkError.h"

#include <QRegularExpression>
#include <QSet>

namespace twins::sdk {

namespace {

struct TypeName {
    ParameterType type;
    const char* name;
};

constexpr TypeName typeNames[] = {
    {ParameterType::Number, "number"}, {ParameterType::Integer, "integer"},
    {ParameterType::Enum, "enum"},     {ParameterType::Bool, "bool"},
    {ParameterType::String, "string"}, {ParameterType::DateRange, "date_range"},
    {ParameterType::Path, "path"},
};

const QStringList knownFields = {QStringLiteral("key"),     QStringLiteral("label"),
                                 QStringLiteral("help"),    QStringLiteral("unit"),
                                 QStringLiteral("type"),    QStringLiteral("default"),
                                 QStringLiteral("minimum"), QStringLiteral("maximum"),
                                 QStringLiteral("choices"), QStringLiteral("former_keys")};

QString allTypeNames() {
    QStringList names;
    for (const TypeName& entry : typeNames) {
        names.append(QString::fromLatin1(entry.name));
    }
    return names.join(QStringLiteral(", "));
}

QString optionalText(const QJsonObject& entry, const QString& field, const QString& where) {
    const QJsonValue value = entry.value(field);
    if (value.isUndefined()) {
        return {};
    }
    if (!value.isString()) {
        throw SdkError(where, QStringLiteral("field '%1' must be text").arg(field));
    }
    return value.toString();
}

std::optional<double> optionalNumber(const QJsonObject& entry, const QString& field,
                                     const QString& where) {
    const QJsonValue value = entry.value(field);
    if (value.isUndefined()) {
        return std::nullopt;
    }
    if (!value.isDouble()) {
        throw SdkError(where, QStringLiteral("field '%1' must be a number").arg(field));
    }
    return value.toDouble();
}

ParameterSpec parseParameter(const QJsonValue& json, int index, const QString& source) {
    QString where = QStringLiteral("%1: parameters[%2]").arg(source).arg(index);
    if (!json.isObject()) {
        throw SdkError(where, QStringLiteral("must be an object"));
    }
    const QJsonObject entry = json.toObject();
    ParameterSpec spec;
    spec.key = optionalText(entry, QStringLiteral("key"), where);
    static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    if (!keyPattern.match(spec.key).hasMatch()) {
        throw SdkError(where, QStringLiteral("field 'key' must be an identifier (letters, digits, "
                                             "'_', not starting with a digit), got '%1'")
                                  .arg(spec.key));
    }
    where += QStringLiteral(" ('%1')").arg(spec.key);
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        if (!knownFields.contains(it.key())) {
            throw SdkError(where, QStringLiteral("unknown field '%1' (fields: %2)")
                                      .arg(it.key(), knownFields.join(QStringLiteral(", "))));
        }
    }
    const QString typeName = optionalText(entry, QStringLiteral("type"), where);
    const auto type = parseParameterType(typeName);
    if (!type) {
        throw SdkError(where, QStringLiteral("field 'type' is '%1', expected one of %2")
                                  .arg(typeName, allTypeNames()));
    }
    spec.type = *type;
    spec.label = optionalText(entry, QStringLiteral("label"), where);
    if (spec.label.isEmpty()) {
        spec.label = spec.key;
    }
    spec.help = optionalText(entry, QStringLiteral("help"), where);
    spec.unit = optionalText(entry, QStringLiteral("unit"), where);
    spec.minimum = optionalNumber(entry, QStringLiteral("minimum"), where);
    spec.maximum = optionalNumber(entry, QStringLiteral("maximum"), where);
    const bool numeric = spec.type == ParameterType::Number || spec.type == ParameterType::Integer;
    if ((spec.minimum || spec.maximum) && !numeric) {
        throw SdkError(where, QStringLiteral("minimum/maximum only apply to number and integer "
                                             "parameters, not %1")
                                  .arg(typeName));
    }
    if (spec.minimum && spec.maximum && *spec.minimum > *spec.maximum) {
        throw SdkError(where, QStringLiteral("minimum %1 is greater than maximum %2")
                                  .arg(*spec.minimum)
                                  .arg(*spec.maximum));
    }
    const QJsonValue choices = entry.value(QStringLiteral("choices"));
    if (spec.type == ParameterType::Enum) {
        if (!choices.isArray() || choices.toArray().isEmpty()) {
            throw SdkError(where, QStringLiteral("an enum needs a non-empty 'choices' array"));
        }
        for (const QJsonValue& choice : choices.toArray()) {
            if (!choice.isString() || choice.toString().isEmpty()) {
                throw SdkError(where, QStringLiteral("every entry of 'choices' must be "
                                                     "non-empty text"));
            }
            if (spec.choices.contains(choice.toString())) {
                throw SdkError(
                    where, QStringLiteral("choice '%1' is listed twice").arg(choice.toString()));
            }
            spec.choices.append(choice.toString());
        }
    } else if (!choices.isUndefined()) {
        throw SdkError(where, QStringLiteral("'choices' only applies to enum parameters"));
    }
    const QJsonValue formerKeys = entry.value(QStringLiteral("former_keys"));
    if (!formerKeys.isUndefined()) {
        if (!formerKeys.isArray()) {
            throw SdkError(where, QStringLiteral("'former_keys' must be an array of identifiers"));
        }
        for (const QJsonValue& former : formerKeys.toArray()) {
            if (!former.isString() || !keyPattern.match(former.toString()).hasMatch()) {
                throw SdkError(where, QStringLiteral("every entry of 'former_keys' must be an "
                                                     "identifier"));
            }
            spec.formerKeys.append(former.toString());
        }
    }
    const QJsonValue defaultValue = entry.value(QStringLiteral("default"));
    if (!defaultValue.isUndefined() && !defaultValue.isNull()) {
        try {
            spec.defaultValue = checkParameterValue(spec, defaultValue);
        } catch (const SdkError& error) {
            throw SdkError(where, QStringLiteral("bad default: %1").arg(error.reason()));
        }
    }
    return spec;
}

} // namespace

QString parameterTypeName(ParameterType type) {
    for (const TypeName& entry : typeNames) {
        if (entry.type == type) {
            return QString::fromLatin1(entry.name);
        }
    }
    return {};
}

std::optional<ParameterType> parseParameterType(const QString& name) {
    for (const TypeName& entry : typeNames) {
        if (name == QLatin1String(entry.name)) {
            return entry.type;
        }
    }
    return std::nullopt;
}

QJsonObject ParameterSpec::toJson() const {
    QJsonObject json{{QStringLiteral("key"), key},
                     {QStringLiteral("label"), label},
                     {QStringLiteral("type"), parameterTypeName(type)}};
    if (!help.isEmpty()) {
        json.insert(QStringLiteral("help"), help);
    }
    if (!unit.isEmpty()) {
        json.insert(QStringLiteral("unit"), unit);
    }
    if (!isRequired()) {
        json.insert(QStringLiteral("default"), defaultValue);
    }
    if (minimum) {
        json.insert(QStringLiteral("minimum"), *minimum);
    }
    if (maximum) {
        json.insert(QStringLiteral("maximum"), *maximum);
    }
    if (type == ParameterType::Enum) {
        json.insert(QStringLiteral("choices"), QJsonArray::fromStringList(choices));
    }
    if (!formerKeys.isEmpty()) {
        json.insert(QStringLiteral("former_keys"), QJsonArray::fromStringList(formerKeys));
    }
    return json;
}

ParameterSchema ParameterSchema::fromJson(const QJsonArray& json, const QString& source) {
    ParameterSchema schema;
    QSet<QString> keys;
    for (int index = 0; index < json.size(); ++index) {
        ParameterSpec spec = parseParameter(json.at(index), index, source);
        if (keys.contains(spec.key)) {
            throw SdkError(QStringLiteral("%1: parameters[%2]").arg(source).arg(index),
                           QStringLiteral("key '%1' is declared twice").arg(spec.key));
        }
        keys.insert(spec.key);
        schema.m_parameters.append(std::move(spec));
    }
    QSet<QString> formerKeys;
    for (const ParameterSpec& spec : schema.m_parameters) {
        for (const QString& former : spec.formerKeys) {
            if (keys.contains(former) || formerKeys.contains(former)) {
                throw SdkError(source, QStringLiteral("former key '%1' of parameter '%2' is "
                                                      "another parameter's key or former key")
                                           .arg(former, spec.key));
            }
            formerKeys.insert(former);
        }
    }
    return schema;
}

QJsonArray ParameterSchema::toJson() const {
    QJsonArray json;
    for (const ParameterSpec& spec : m_parameters) {
        json.append(spec.toJson());
    }
    return json;
}

const ParameterSpec* ParameterSchema::find(const QString& key) const {
    for (const ParameterSpec& spec : m_parameters) {
        if (spec.key == key) {
            return &spec;
        }
    }
    return nullptr;
}

QStringList ParameterSchema::keys() const {
    QStringList result;
    for (const ParameterSpec& spec : m_parameters) {
        result.append(spec.key);
    }
    return result;
}

ParameterSchema ParameterSchema::subset(const QStringList& keys, const QString& source) const {
    ParameterSchema result;
    for (const QString& key : keys) {
        const ParameterSpec* spec = find(key);
        if (!spec) {
            throw SdkError(source, QStringLiteral("names parameter '%1', which the module does not "
                                                  "declare (parameters: %2)")
                                       .arg(key, this->keys().join(QStringLiteral(", "))));
        }
        result.m_parameters.append(*spec);
    }
    return result;
}

const ParameterSpec* ParameterSchema::findFormer(const QString& formerKey) const {
    for (const ParameterSpec& spec : m_parameters) {
        if (spec.formerKeys.contains(formerKey)) {
            return &spec;
        }
    }
    return nullptr;
}

QJsonObject ParameterSchema::resolve(const QJsonObject& givenAsIs, QStringList* notes) const {
    // Former names first: a run spec written before a parameter was renamed still runs.
    QJsonObject given;
    for (auto it = givenAsIs.begin(); it != givenAsIs.end(); ++it) {
        const ParameterSpec* renamed = find(it.key()) ? nullptr : findFormer(it.key());
        if (!renamed) {
            given.insert(it.key(), it.value());
            continue;
        }
        if (givenAsIs.contains(renamed->key)) {
            throw SdkError(QStringLiteral("parameter '%1'").arg(it.key()),
                           QStringLiteral("is the former name of '%1', which is given too; keep "
                                          "only '%1'")
                               .arg(renamed->key));
        }
        given.insert(renamed->key, it.value());
        if (notes) {
            notes->append(QStringLiteral("parameter '%1' is now called '%2'; its value %3 was "
                                         "used for '%2'")
                              .arg(it.key(), renamed->key, jsonValueText(it.value())));
        }
    }
    for (auto it = given.begin(); it != given.end(); ++it) {
        if (!find(it.key())) {
            throw SdkError(QStringLiteral("parameter '%1'").arg(it.key()),
                           QStringLiteral("unknown parameter (value %1); expected one of: %2")
                               .arg(jsonValueText(it.value()),
                                    keys().isEmpty() ? QStringLiteral("(no parameters)")
                                                     : keys().join(QStringLiteral(", "))));
        }
    }
    QJsonObject resolved;
    for (const ParameterSpec& spec : m_parameters) {
        const QJsonValue value = given.value(spec.key);
        if (!value.isUndefined()) {
            resolved.insert(spec.key, checkParameterValue(spec, value));
        } else if (!spec.isRequired()) {
            resolved.insert(spec.key, spec.defaultValue);
        } else {
            throw SdkError(QStringLiteral("parameter '%1'").arg(spec.key),
                           QStringLiteral("is required (it has no default); expected %1")
                               .arg(spec.expectation()));
        }
    }
    return resolved;
}

QJsonValue ParameterSchema::parseValue(const QString& key, const QString& text) const {
    const ParameterSpec* spec = find(key);
    if (!spec) {
        spec = findFormer(key); // resolve() maps the former name to the new one
    }
    if (!spec) {
        throw SdkError(QStringLiteral("parameter '%1'").arg(key),
                       QStringLiteral("unknown parameter; expected one of: %1")
                           .arg(keys().isEmpty() ? QStringLiteral("(no parameters)")
                                                 : keys().join(QStringLiteral(", "))));
    }
    return parseParameterText(*spec, text);
}

} // namespace twins::sdk
