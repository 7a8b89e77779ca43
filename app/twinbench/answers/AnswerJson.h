#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <cstddef>
#include <stdexcept>
#include <vector>

namespace twins::app {

// An answer that does not follow the conventions of its kind (plugins/README.md, "Answer
// conventions"); the message names the field and what was expected.
class ExploreAnswerError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One row of a metrics table: name, value as text, units.
struct ExploreMetric {
    QString name;
    QString value;
    QString units;
};

// The parts every answer kind may carry: a title and the conditions it was computed for, as
// "energy 100 GeV, theta 90 degree" (each condition a plain value or {"value", "units"}).
struct ExploreAnswerHeader {
    QString title;
    QString conditions;
};

ExploreAnswerHeader readAnswerHeader(const QJsonObject& answer);

// Reading answer JSON field by field; each throws ExploreAnswerError naming the field
// (`where` is the path of the enclosing object, e.g. "volumes[0].").
namespace answerjson {
[[noreturn]] void refuse(const QString& field, const QString& expected);
// Text, or empty when the field is absent or null.
QString text(const QJsonObject& object, const QString& key, const QString& where);
double number(const QJsonValue& value, const QString& field);
QJsonArray array(const QJsonObject& object, const QString& key, const QString& where,
                 bool required);
QJsonObject object(const QJsonValue& value, const QString& field);
// null stands for a missing value (NaN): JSON has no NaN.
std::vector<double> numbers(const QJsonArray& values, const QString& field);
// A value as shown in a table: numbers with 6 significant digits, yes/no, text, "–".
QString valueText(const QJsonValue& value);
// "metrics": {name: value} with units from "units": {name: unit}, or an ordered array
// [{"name", "value", "units"}].
QList<ExploreMetric> metrics(const QJsonObject& answer, bool required);
// A count of cells along one side of a grid: a whole number in [1, largest].
int wholeNumber(const QJsonValue& value, const QString& field, int largest);
// The base64 text object[key] decoded, which must be exactly `bytes` bytes long; `holding` says
// what they are for the message, e.g. "rows x columns float32 values".
QByteArray base64Bytes(const QJsonObject& object, const QString& key, const QString& where,
                       std::size_t bytes, const QString& holding);
// Little-endian float32 values (the answers' binary convention on every host).
std::vector<float> littleEndianFloats(const QByteArray& bytes);
} // namespace answerjson

} // namespace twins::app
