#include "TestField.h"

#include "twinbench/sdk/SdkError.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace testtwin {

using twins::sdk::SdkError;

FieldRequest FieldRequest::fromJson(const QJsonObject& json, const QString& source) {
    FieldRequest request;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() != QLatin1String("size") && it.key() != QLatin1String("amplitude") &&
            it.key() != QLatin1String("pattern")) {
            throw SdkError(source, QStringLiteral("unknown argument '%1'; expected size, "
                                                  "amplitude, pattern")
                                       .arg(it.key()));
        }
    }
    if (json.contains(QStringLiteral("size"))) {
        const double size = json.value(QStringLiteral("size")).toDouble(-1);
        if (std::trunc(size) != size || size < 2 || size > 4096) {
            throw SdkError(source, QStringLiteral("argument 'size' must be an integer in "
                                                  "[2, 4096]"));
        }
        request.size = static_cast<int>(size);
    }
    if (json.contains(QStringLiteral("amplitude"))) {
        const QJsonValue amplitude = json.value(QStringLiteral("amplitude"));
        if (!amplitude.isDouble() || amplitude.toDouble() < 0 || amplitude.toDouble() > 100) {
            throw SdkError(source, QStringLiteral("argument 'amplitude' must be a number in "
                                                  "[0, 100] K"));
        }
        request.amplitude = amplitude.toDouble();
    }
    if (json.contains(QStringLiteral("pattern"))) {
        request.pattern = json.value(QStringLiteral("pattern")).toString();
        if (request.pattern != QLatin1String("gradient") &&
            request.pattern != QLatin1String("checker")) {
            throw SdkError(source, QStringLiteral("argument 'pattern' must be gradient or "
                                                  "checker"));
        }
    }
    return request;
}

std::vector<double> fieldRow(const FieldRequest& request, int y) {
    std::vector<double> row(static_cast<std::size_t>(request.size));
    const bool checker = request.pattern == QLatin1String("checker");
    const double span = 2.0 * (request.size - 1);
    for (int x = 0; x < request.size; ++x) {
        row[static_cast<std::size_t>(x)] =
            checker ? ((x + y) % 2 == 0 ? request.amplitude : 0.0)
                    : request.amplitude * static_cast<double>(x + y) / span;
    }
    return row;
}

FieldStatistics fieldStatistics(const FieldRequest& request) {
    FieldStatistics statistics;
    statistics.minimum = std::numeric_limits<double>::infinity();
    statistics.maximum = -std::numeric_limits<double>::infinity();
    double sum = 0.0;
    for (int y = 0; y < request.size; ++y) {
        for (const double value : fieldRow(request, y)) {
            sum += value;
            statistics.minimum = std::min(statistics.minimum, value);
            statistics.maximum = std::max(statistics.maximum, value);
        }
    }
    statistics.count = static_cast<long long>(request.size) * request.size;
    statistics.mean = sum / static_cast<double>(statistics.count);
    return statistics;
}

} // namespace testtwin
