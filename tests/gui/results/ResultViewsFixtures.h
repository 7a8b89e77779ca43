#pragma once
// What the result-view tests share: hand-made run directories and their files, result specs,
// and pixel checks. Header-only, included by the result-view and result-cell tests.
#include "LatLonTestGrid.h"
#include "twinbench/data/FieldSlice.h"
#include "twinbench/data/Hdf5Writer.h"
#include "twinbench/data/NetcdfWriter.h"
#include "twinbench/runs/RunSpec.h"
#include "twinbench/sdk/ModuleMetadata.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointF>
#include <QStringList>
#include <QTest>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

using namespace twins;

namespace {

constexpr int drawTimeoutMs = 20000;

void saveScreenshot(const QImage& image, const QString& name) {
    const QString directory = QStringLiteral(TWINBENCH_BINARY_DIR "/screenshots");
    QDir().mkpath(directory);
    image.save(directory + QLatin1Char('/') + name + QStringLiteral(".png"));
}

void writeFile(const QString& path, const QByteArray& content) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    file.write(content);
}

sdk::ResultSpec spec(const QString& kind, const QString& action, const QString& output,
                     const QString& title, const QJsonObject& options = {}) {
    sdk::ResultSpec result;
    result.kind = kind;
    result.action = action;
    result.output = output;
    result.title = title;
    result.options = options;
    return result;
}

// The options of cyclone's "Detected tracks" spec.
QJsonObject trackOptions() {
    return {{"id", "track_id"}, {"time", "time"},         {"lat", "lat"},
            {"lon", "lon"},     {"colour_by", "wind_ms"}, {"colour_units", "m s-1"}};
}

// One track, T1, from 10N 50W (wind 0) to 30N 20W (wind 100) in ten equal steps: its first
// segment is viridis' dark purple, its last one yellow.
QByteArray diagonalTrack() {
    QByteArray csv = "track_id,time,lat,lon,wind_ms\n";
    for (int step = 0; step <= 10; ++step) {
        csv += "T1,2017-09-0" + QByteArray::number(1 + step / 4) + "T" +
               QByteArray::number(10 + step).rightJustified(2, '0') + ":00," +
               QByteArray::number(10 + 2 * step) + ',' + QByteArray::number(-50 + 3 * step) + ',' +
               QByteArray::number(10 * step) + '\n';
    }
    return csv;
}

QString metricValue(const QJsonObject& answer, const QString& name) {
    for (const QJsonValue& row : answer.value("metrics").toArray()) {
        if (row.toObject().value("name").toString() == name) {
            return row.toObject().value("value").toVariant().toString();
        }
    }
    return {};
}

QString thrownBy(const std::function<void()>& work) {
    try {
        work();
    } catch (const app::ResultAnswerError& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

// Whether a pixel within 3 px of `position` (widget coordinates) passes `test`.
bool colourNear(const QImage& image, QPointF position,
                const std::function<bool(const QColor&)>& test) {
    const qreal ratio = image.devicePixelRatio();
    for (int dy = -3; dy <= 3; ++dy) {
        for (int dx = -3; dx <= 3; ++dx) {
            if (test(image.pixelColor(qRound((position.x() + dx) * ratio),
                                      qRound((position.y() + dy) * ratio)))) {
                return true;
            }
        }
    }
    return false;
}

// A spec.json of a cyclone infer run whose inputs are `inputs` (run ids or paths).
QByteArray inferSpecJson(const QStringList& inputs) {
    runs::RunSpec run = runs::RunSpec::forCurrentBuild("cyclone", "infer", "local");
    run.inputs = inputs;
    return QJsonDocument(run.toJson()).toJson();
}

// drivers.nc of a generate run: msl (time, lat, lon) on 0-40N, 100-178E every 2 degrees at
// 2005-08-01 00, 06 and 12 UTC, smooth and different at each step.
void writeDriversFile(const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    constexpr std::size_t steps = 3;
    constexpr std::size_t lats = 21;
    constexpr std::size_t lons = 40;
    const testing::LatLonTestGrid grid{lats, lons, 0.0, 100.0};
    data::NetcdfWriter writer(path.toStdString());
    using Type = data::NetcdfWriter::Type;
    writer.addDimension("time", steps);
    grid.define(writer);
    writer.addVariable("time", Type::Double, {"time"});
    writer.setTextAttribute("time", "units", "hours since 2005-08-01 00:00:00");
    writer.setTextAttribute("time", "calendar", "standard");
    writer.addVariable("msl", Type::Float, {"time", "lat", "lon"});
    writer.setTextAttribute("msl", "units", "Pa");
    writer.setTextAttribute("msl", "long_name", "Mean sea level pressure");
    const std::vector<double> hours{0.0, 6.0, 12.0};
    writer.write("time", {0}, {steps}, hours.data());
    grid.write(writer);
    for (std::size_t t = 0; t < steps; ++t) {
        std::vector<float> msl(lats * lons);
        for (std::size_t j = 0; j < lats; ++j) {
            for (std::size_t i = 0; i < lons; ++i) {
                msl[j * lons + i] = static_cast<float>(100000.0 + 40.0 * static_cast<double>(j) +
                                                       20.0 * static_cast<double>(i) +
                                                       300.0 * static_cast<double>(t));
            }
        }
        writer.write("msl", {t, 0, 0}, {1, lats, lons}, msl.data());
    }
    writer.commit();
}

bool isOverlayOrange(const QColor& c) {
    return std::abs(c.red() - app::pointsOverlayRed) < 40 &&
           std::abs(c.green() - app::pointsOverlayGreen) < 40 && c.blue() < 60;
}

bool isBlack(const QColor& c) {
    return c.red() < 45 && c.green() < 45 && c.blue() < 45;
}

// A detection at `centre` with its ellipse through `ellipseTop`.
struct DrawnDetection {
    QPointF centre, ellipseTop;
};

// The shown detection's dot and ellipse are drawn, the hidden one's are not.
bool showsOnly(const QImage& image, const DrawnDetection& shown, const DrawnDetection& hidden) {
    return colourNear(image, shown.centre, isOverlayOrange) &&
           colourNear(image, shown.ellipseTop, isBlack) &&
           !colourNear(image, hidden.centre, isOverlayOrange) &&
           !colourNear(image, hidden.ellipseTop, isBlack);
}

} // namespace
