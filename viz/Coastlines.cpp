#include "twinbench/viz/Coastlines.h"

#include <QFile>
#include <QString>
#include <QtEndian>

#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>

namespace twins::viz {

namespace {
QString resourcePath(CoastlineLayer layer, CoastlineResolution resolution) {
    return QStringLiteral(":/coastlines/%1_%2.f32")
        .arg(layer == CoastlineLayer::Shorelines ? QStringLiteral("coast")
                                                 : QStringLiteral("border"),
             resolution == CoastlineResolution::Crude ? QStringLiteral("c") : QStringLiteral("l"));
}

float littleEndianFloat(const char* bytes) {
    const quint32 bits = qFromLittleEndian<quint32>(bytes);
    float value = 0.0f;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

std::vector<GeoPolyline> load(CoastlineLayer layer, CoastlineResolution resolution) {
    const QString path = resourcePath(layer, resolution);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw std::runtime_error("coastline resource " + path.toStdString() +
                                 " is missing from this build (resources/CMakeLists.txt)");
    }
    const QByteArray bytes = file.readAll();
    if (bytes.size() % 8 != 0) {
        throw std::runtime_error("coastline resource " + path.toStdString() +
                                 " is not a sequence of float32 (lon, lat) pairs");
    }
    std::vector<GeoPolyline> lines;
    // gmt's binary multi-segment output starts every segment with a (NaN, NaN) record.
    for (qsizetype offset = 0; offset < bytes.size(); offset += 8) {
        const float lon = littleEndianFloat(bytes.constData() + offset);
        const float lat = littleEndianFloat(bytes.constData() + offset + 4);
        if (std::isnan(lon) || std::isnan(lat)) {
            lines.emplace_back();
            continue;
        }
        if (lines.empty()) {
            lines.emplace_back();
        }
        lines.back().push_back({lon, lat});
    }
    std::erase_if(lines, [](const GeoPolyline& line) { return line.size() < 2; });
    if (lines.empty()) {
        throw std::runtime_error("coastline resource " + path.toStdString() + " holds no lines");
    }
    return lines;
}
} // namespace

const std::vector<GeoPolyline>& coastlinePolylines(CoastlineLayer layer,
                                                   CoastlineResolution resolution) {
    static std::mutex mutex;
    static std::map<std::pair<CoastlineLayer, CoastlineResolution>, std::vector<GeoPolyline>> cache;
    std::lock_guard lock(mutex);
    const auto key = std::make_pair(layer, resolution);
    auto found = cache.find(key);
    if (found == cache.end()) {
        found = cache.emplace(key, load(layer, resolution)).first;
    }
    return found->second;
}

} // namespace twins::viz
