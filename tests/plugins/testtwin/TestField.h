#pragma once

#include <QJsonObject>
#include <QString>

#include <vector>

namespace testtwin {

// The synthetic field of the test twin, shared by the generate action (which writes it) and the
// field_stats query (which summarises it without writing), so both agree by construction.
struct FieldRequest {
    int size = 16;
    double amplitude = 1.0;
    QString pattern = QStringLiteral("gradient");

    // Reads size/amplitude/pattern from a query's or action's JSON; missing keys keep the
    // defaults above (those of testtwin.json). Throws SdkError naming the bad argument.
    static FieldRequest fromJson(const QJsonObject& json, const QString& source);
};

// Row `y` of the field (size values).
std::vector<double> fieldRow(const FieldRequest& request, int y);

struct FieldStatistics {
    double mean = 0.0;
    double minimum = 0.0;
    double maximum = 0.0;
    long long count = 0;
};

FieldStatistics fieldStatistics(const FieldRequest& request);

} // namespace testtwin
