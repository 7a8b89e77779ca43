#include "twinbench/viz/ColorMap.h"

#include <QFile>
#include <QHash>
#include <QMutex>
#include <QTextStream>

#include <vtkLookupTable.h>

#include <algorithm>
#include <cmath>

namespace twins::viz {

namespace {
std::vector<std::array<double, 3>> loadColors(const QString& name) {
    QFile file(QStringLiteral(":/colormaps/%1.csv").arg(name));
    std::vector<std::array<double, 3>> colors;
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return colors;
    }
    QTextStream stream(&file);
    while (!stream.atEnd()) {
        const QString line = stream.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#')) {
            continue;
        }
        const QStringList parts = line.split(',');
        if (parts.size() != 3) {
            return {};
        }
        colors.push_back({parts[0].toDouble(), parts[1].toDouble(), parts[2].toDouble()});
    }
    return colors;
}
} // namespace

QColor ColorMap::categorical(int index) {
    static const QColor colors[] = {{0, 114, 178}, {213, 94, 0},   {0, 158, 115}, {204, 121, 167},
                                    {230, 159, 0}, {86, 180, 233}, {0, 0, 0},     {240, 228, 66}};
    return colors[static_cast<std::size_t>(index) % std::size(colors)];
}

QStringList ColorMap::names() {
    return {QStringLiteral("viridis"), QStringLiteral("cividis"), QStringLiteral("magma"),
            QStringLiteral("coolwarm"), QStringLiteral("twilight")};
}

ColorMap ColorMap::named(const QString& name) {
    static QMutex mutex;
    static QHash<QString, std::vector<std::array<double, 3>>> cache;
    QMutexLocker lock(&mutex);
    ColorMap map;
    map.m_name = name;
    auto found = cache.find(name);
    if (found == cache.end()) {
        found = cache.insert(name, loadColors(name));
    }
    map.m_colors = found.value();
    return map;
}

QColor ColorMap::colorAt(double t) const {
    if (m_colors.empty()) {
        return {};
    }
    const double clamped = std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 0.0;
    const auto index = static_cast<std::size_t>(std::lround(clamped * (m_colors.size() - 1)));
    const auto& rgb = m_colors[index];
    return QColor::fromRgbF(static_cast<float>(rgb[0]), static_cast<float>(rgb[1]),
                            static_cast<float>(rgb[2]));
}

void ColorMap::fillLookupTable(vtkLookupTable* table, double minimum, double maximum) const {
    const auto count = static_cast<vtkIdType>(std::max<std::size_t>(m_colors.size(), 1));
    table->SetNumberOfTableValues(count);
    table->SetNanColor(0.62, 0.62, 0.62, 1.0);
    table->SetUseBelowRangeColor(false);
    table->SetUseAboveRangeColor(false);
    table->Build(); // allocates; the table values below then replace Build's default ramp
    for (vtkIdType i = 0; i < static_cast<vtkIdType>(m_colors.size()); ++i) {
        const auto& rgb = m_colors[static_cast<std::size_t>(i)];
        table->SetTableValue(i, rgb[0], rgb[1], rgb[2], 1.0);
    }
    if (maximum <= minimum) {
        maximum = minimum + 1.0; // a constant field still gets a usable range
    }
    table->SetTableRange(minimum, maximum);
}

} // namespace twins::viz
