#include "DriversDomain.h"

#include "twinbench/data/NetcdfFile.h"

#include <QJsonArray>

#include <algorithm>
#include <cstdlib>

namespace cyclone {

namespace {

template <typename T> void addOnce(std::vector<T>& values, const T& value) {
    if (std::find(values.begin(), values.end(), value) == values.end()) {
        values.push_back(value);
        std::sort(values.begin(), values.end());
    }
}

// Month names, so the card reads "Jun, Jul, ..." rather than numbers that look like a range.
QString monthName(int month) {
    static const char* const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return QString::fromLatin1(names[std::clamp(month, 1, 12) - 1]);
}

void insertConditions(QJsonObject& domain, const DriversConditions& conditions) {
    QJsonArray months;
    for (int month : conditions.months) {
        months.append(monthName(month));
    }
    domain.insert(QStringLiteral("months"), months);
    QJsonArray worlds;
    for (const std::string& world : conditions.worlds) {
        worlds.append(QString::fromStdString(world));
    }
    domain.insert(QStringLiteral("world"), worlds);
    if (!conditions.warmingK.empty()) {
        domain.insert(QStringLiteral("warming_k"),
                      QJsonArray{conditions.warmingK.front(), conditions.warmingK.back()});
    }
}

} // namespace

void addDriversConditions(DriversConditions& conditions, const std::string& drivers,
                          const std::vector<CfDateTime>& times) {
    for (const CfDateTime& time : times) {
        addOnce(conditions.months, time.month);
    }
    const auto file = twins::data::NetcdfFile::open(drivers);
    std::string world;
    bool generated = false;
    for (const twins::data::Attribute& attribute : file->globalAttributes()) {
        if (attribute.name == "twinbench_world") {
            world = attribute.text;
        } else if (attribute.name == "twinbench_warming_K") {
            // Written as text by the generator (formatNumber); numbers are accepted too.
            const double warming = attribute.numbers.empty()
                                       ? std::strtod(attribute.text.c_str(), nullptr)
                                       : attribute.numbers.front();
            addOnce(conditions.warmingK, warming);
            generated = true;
        }
    }
    // The generator writes twinbench_world only for the harder world.
    addOnce(conditions.worlds, !world.empty() ? world : generated ? "standard" : "observed");
}

QJsonObject driversDomainJson(double resolutionDegrees, int patchSize,
                              const DriversConditions& conditions) {
    QJsonObject domain{{QStringLiteral("resolution_degrees"), resolutionDegrees},
                       {QStringLiteral("patch_size"), patchSize}};
    insertConditions(domain, conditions);
    return domain;
}

} // namespace cyclone
