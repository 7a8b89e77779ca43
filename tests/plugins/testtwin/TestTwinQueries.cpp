// The test twin's what-if queries, one per answer kind of plugins/README.md ("Answer
// conventions"), so the Explore dock's tests go through the real session worker. Every answer
// is computed from the same field as the generate action (TestField.cpp).
#include "TestField.h"
#include "TestTwin.h"
#include "twinbench/sdk/SdkError.h"

#include <QJsonArray>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <vector>

namespace testtwin {

namespace {

using twins::sdk::SdkError;

// Takes the `delay` argument (milliseconds, a slow worker on request) out of the arguments so
// the rest goes to FieldRequest::fromJson, which refuses keys it does not know.
double takeDelay(QJsonObject& arguments, const QString& source) {
    const QJsonValue delay = arguments.take(QStringLiteral("delay"));
    if (delay.isUndefined()) {
        return 0.0;
    }
    if (!delay.isDouble() || delay.toDouble() < 0.0 || delay.toDouble() > 5000.0) {
        throw SdkError(source, QStringLiteral("argument 'delay' must be a number in [0, 5000] ms"));
    }
    return delay.toDouble();
}

QString describe(const FieldRequest& request) {
    return QStringLiteral("%1 field %2x%2, amplitude %3 K")
        .arg(request.pattern)
        .arg(request.size)
        .arg(request.amplitude);
}

QJsonObject condition(double value, const QString& units) {
    return QJsonObject{{QStringLiteral("value"), value}, {QStringLiteral("units"), units}};
}

QJsonObject conditionsOf(const FieldRequest& request) {
    return QJsonObject{{QStringLiteral("amplitude"), condition(request.amplitude, "K")},
                       {QStringLiteral("size"), condition(request.size, "cells")},
                       {QStringLiteral("pattern"), request.pattern}};
}

// metrics_table: the statistics field_stats returns, with their units.
QJsonObject fieldSummary(QJsonObject arguments) {
    const QString source = QStringLiteral("testtwin query field_summary");
    const double delayMs = takeDelay(arguments, source);
    const FieldRequest request = FieldRequest::fromJson(arguments, source);
    if (delayMs > 0.0) {
        QThread::usleep(static_cast<unsigned long>(delayMs * 1000.0));
    }
    const FieldStatistics statistics = fieldStatistics(request);
    return QJsonObject{
        {QStringLiteral("title"), QStringLiteral("Statistics of the %1").arg(describe(request))},
        {QStringLiteral("metrics"),
         QJsonObject{{QStringLiteral("mean"), statistics.mean},
                     {QStringLiteral("min"), statistics.minimum},
                     {QStringLiteral("max"), statistics.maximum},
                     {QStringLiteral("cells"), static_cast<double>(statistics.count)}}},
        {QStringLiteral("units"), QJsonObject{{QStringLiteral("mean"), "K"},
                                              {QStringLiteral("min"), "K"},
                                              {QStringLiteral("max"), "K"}}},
        {QStringLiteral("conditions"), conditionsOf(request)}};
}

// volume: the field stacked into `layers` layers scaled by (layer + 1) / layers, beside the
// same stack of the other pattern (as a GAN shower sits beside its reference).
QJsonObject fieldCube(const QJsonObject& arguments) {
    const QString source = QStringLiteral("testtwin query field_cube");
    const FieldRequest request = FieldRequest::fromJson(arguments, source);
    // A volume answer travels as base64 through one JSON line; 128^2 x 4 floats is 350 kB.
    constexpr int largestSize = 128;
    if (request.size > largestSize) {
        throw SdkError(source, QStringLiteral("argument 'size' is %1: a volume answer takes at "
                                              "most %2 cells per side")
                                   .arg(request.size)
                                   .arg(largestSize));
    }
    constexpr int layers = 4;
    const auto volumeOf = [&](const FieldRequest& field, const QString& name) {
        std::vector<float> cells;
        cells.reserve(static_cast<std::size_t>(field.size) * field.size * layers);
        for (int layer = 0; layer < layers; ++layer) {
            const double scale = static_cast<double>(layer + 1) / layers;
            for (int y = 0; y < field.size; ++y) {
                for (const double value : fieldRow(field, y)) {
                    cells.push_back(static_cast<float>(value * scale));
                }
            }
        }
        const QByteArray bytes(reinterpret_cast<const char*>(cells.data()),
                               static_cast<qsizetype>(cells.size() * sizeof(float)));
        return QJsonObject{
            {QStringLiteral("name"), QStringLiteral("Field")},
            {QStringLiteral("title"), name},
            {QStringLiteral("units"), QStringLiteral("K")},
            {QStringLiteral("dims"), QJsonArray{field.size, field.size, layers}},
            {QStringLiteral("spacing"), QJsonArray{1.0, 1.0, 1.0}},
            {QStringLiteral("axes"), QJsonArray{"x", "y", "layer"}},
            {QStringLiteral("float32_base64"), QString::fromLatin1(bytes.toBase64())}};
    };
    FieldRequest other = request;
    other.pattern = request.pattern == QLatin1String("checker") ? QStringLiteral("gradient")
                                                                : QStringLiteral("checker");
    return QJsonObject{
        {QStringLiteral("title"), QStringLiteral("Stacked %1").arg(describe(request))},
        {QStringLiteral("volumes"),
         QJsonArray{volumeOf(request, request.pattern), volumeOf(other, other.pattern)}},
        // Short: the volume titles carry them.
        {QStringLiteral("conditions"),
         QJsonObject{{QStringLiteral("amplitude"), condition(request.amplitude, "K")}}}};
}

// tracks: the diagonal of the field as a track from 10N 60W to 40N 20W (value = the field
// there), the corners as points, and the diagonal's statistics.
QJsonObject fieldTrack(const QJsonObject& arguments) {
    const QString source = QStringLiteral("testtwin query field_track");
    const FieldRequest request = FieldRequest::fromJson(arguments, source);
    QJsonArray points;
    double sum = 0.0;
    double largest = 0.0;
    for (int i = 0; i < request.size; ++i) {
        const double fraction = static_cast<double>(i) / (request.size - 1);
        const double value = fieldRow(request, i)[static_cast<std::size_t>(i)];
        sum += value;
        largest = std::max(largest, value);
        points.append(QJsonObject{{QStringLiteral("time"), QStringLiteral("step %1").arg(i)},
                                  {QStringLiteral("lat"), 10.0 + 30.0 * fraction},
                                  {QStringLiteral("lon"), -60.0 + 40.0 * fraction},
                                  {QStringLiteral("value"), value}});
    }
    const QJsonArray corners{QJsonObject{{QStringLiteral("lat"), 10.0},
                                         {QStringLiteral("lon"), -60.0},
                                         {QStringLiteral("label"), QStringLiteral("(0, 0)")}},
                             QJsonObject{{QStringLiteral("lat"), 40.0},
                                         {QStringLiteral("lon"), -20.0},
                                         {QStringLiteral("label"), QStringLiteral("(n-1, n-1)")}}};
    return QJsonObject{
        {QStringLiteral("title"), QStringLiteral("Diagonal of the %1").arg(describe(request))},
        {QStringLiteral("value"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Field")},
                                              {QStringLiteral("units"), QStringLiteral("K")},
                                              {QStringLiteral("minimum"), 0.0},
                                              {QStringLiteral("maximum"), request.amplitude}}},
        {QStringLiteral("tracks"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("diagonal")},
                                {QStringLiteral("points"), points}}}},
        {QStringLiteral("points"), corners},
        {QStringLiteral("metrics"), QJsonObject{{QStringLiteral("track points"), request.size},
                                                {QStringLiteral("mean value"), sum / request.size},
                                                {QStringLiteral("largest value"), largest}}},
        {QStringLiteral("units"),
         QJsonObject{{QStringLiteral("mean value"), "K"}, {QStringLiteral("largest value"), "K"}}},
        {QStringLiteral("conditions"), conditionsOf(request)}};
}

// histogram: the field's values against those of the other pattern, 10 bins over
// [0, amplitude].
QJsonObject fieldHistogram(const QJsonObject& arguments) {
    const QString source = QStringLiteral("testtwin query field_histogram");
    const FieldRequest request = FieldRequest::fromJson(arguments, source);
    if (request.amplitude <= 0.0) {
        throw SdkError(source, QStringLiteral("argument 'amplitude' must be above 0 K for a "
                                              "histogram (all values would be 0)"));
    }
    constexpr int bins = 10;
    QJsonArray edges;
    for (int bin = 0; bin <= bins; ++bin) {
        edges.append(request.amplitude * bin / bins);
    }
    const auto countsOf = [&](const FieldRequest& field) {
        std::vector<double> counts(bins, 0.0);
        for (int y = 0; y < field.size; ++y) {
            for (const double value : fieldRow(field, y)) {
                const int bin =
                    std::min(bins - 1, static_cast<int>(value / field.amplitude * bins));
                counts[static_cast<std::size_t>(bin)] += 1.0;
            }
        }
        QJsonArray values;
        QJsonArray errors;
        for (const double count : counts) {
            values.append(count);
            errors.append(std::sqrt(count));
        }
        return QJsonObject{{QStringLiteral("label"), field.pattern},
                           {QStringLiteral("values"), values},
                           {QStringLiteral("errors"), errors}};
    };
    FieldRequest other = request;
    other.pattern = request.pattern == QLatin1String("checker") ? QStringLiteral("gradient")
                                                                : QStringLiteral("checker");
    return QJsonObject{
        {QStringLiteral("title"), QStringLiteral("Cell values of the %1").arg(describe(request))},
        {QStringLiteral("x"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Field")},
                                          {QStringLiteral("units"), QStringLiteral("K")}}},
        {QStringLiteral("y"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Cells")},
                                          {QStringLiteral("units"), QString()}}},
        {QStringLiteral("bin_edges"), edges},
        {QStringLiteral("reference"), countsOf(other)},
        {QStringLiteral("generated"), countsOf(request)},
        {QStringLiteral("conditions"), conditionsOf(request)}};
}

} // namespace

QJsonObject answerWhatIfQuery(const QString& name, const QJsonObject& arguments) {
    if (name == QLatin1String("field_summary")) {
        return fieldSummary(arguments);
    }
    if (name == QLatin1String("field_cube")) {
        return fieldCube(arguments);
    }
    if (name == QLatin1String("field_track")) {
        return fieldTrack(arguments);
    }
    if (name == QLatin1String("field_histogram")) {
        return fieldHistogram(arguments);
    }
    return {};
}

} // namespace testtwin
