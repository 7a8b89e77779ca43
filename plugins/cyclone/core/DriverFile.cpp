#include "DriverFile.h"

#include "CycloneError.h"
#include "twinbench/data/DataError.h"

#include <initializer_list>

namespace cyclone {

namespace {

std::string firstPresent(const twins::data::NetcdfFile& file,
                         std::initializer_list<const char*> names) {
    for (const char* name : names) {
        if (file.findVariable(name)) {
            return name;
        }
    }
    return {};
}

std::string listOf(std::initializer_list<const char*> names) {
    std::string text;
    for (const char* name : names) {
        text += (text.empty() ? "" : "|") + std::string(name);
    }
    return text;
}

} // namespace

DriverFile::DriverFile(const std::string& path) : m_path(path) {
    try {
        m_file = twins::data::NetcdfFile::open(path);
    } catch (const twins::data::DataError& error) {
        throw CycloneError(path, std::string("cannot open as NetCDF (expected the drivers of a "
                                             "generate run, ERA5 or CMIP6): ") +
                                     error.what());
    }
    auto require = [&](std::initializer_list<const char*> names, const char* meaning) {
        std::string found = firstPresent(*m_file, names);
        if (found.empty()) {
            throw CycloneError(path, "has no variable " + listOf(names) + " (" + meaning + ")");
        }
        return found;
    };
    const std::string latitude = require({"latitude", "lat"}, "latitude coordinate");
    const std::string longitude = require({"longitude", "lon"}, "longitude coordinate");
    const std::string time = require({"time", "valid_time"}, "time coordinate");
    m_pressure = require({"msl", "psl"}, "mean sea level pressure in Pa");
    m_vorticity = require({"vo_850", "vo850", "rv850"}, "850 hPa relative vorticity in s-1");
    m_temperature = firstPresent(*m_file, {"t_300", "ta_300", "ta300"});
    if (m_temperature.empty()) {
        m_temperature = require({"t_500", "ta_500", "ta500"},
                                "upper-level temperature in K for the warm-core check");
    }
    m_gust = firstPresent(*m_file, {"i10fg", "fg10"});

    for (const std::string& name : {m_pressure, m_vorticity, m_temperature, m_gust}) {
        if (name.empty()) {
            continue;
        }
        const twins::data::VariableInfo& variable = m_file->variable(name);
        if (variable.dimensions != std::vector<std::string>{time, latitude, longitude}) {
            std::string dimensions;
            for (const std::string& dimension : variable.dimensions) {
                dimensions += (dimensions.empty() ? "" : ", ") + dimension;
            }
            throw CycloneError(path, "variable '" + name + "' has dimensions (" + dimensions +
                                         "); expected (" + time + ", " + latitude + ", " +
                                         longitude + ")");
        }
    }
    try {
        const twins::data::VariableInfo& timeVariable = m_file->variable(time);
        const auto decoder = twins::data::CfTimeDecoder::forVariable(timeVariable, path);
        m_calendar = decoder.calendar();
        for (const double value : m_file->readDecoded(time, {0}, timeVariable.shape)) {
            m_times.push_back(decoder.decode(value));
        }
        m_latitudes = m_file->readDecoded(latitude, {0}, m_file->variable(latitude).shape);
        m_longitudes = m_file->readDecoded(longitude, {0}, m_file->variable(longitude).shape);
    } catch (const twins::data::DataError& error) {
        throw CycloneError(path, error.what());
    }
}

DriverStep DriverFile::read(std::size_t step) const {
    const std::vector<std::size_t> start{step, 0, 0};
    const std::vector<std::size_t> count{1, m_latitudes.size(), m_longitudes.size()};
    DriverStep fields;
    try {
        fields.msl = m_file->readDecoded(m_pressure, start, count);
        fields.vo850 = m_file->readDecoded(m_vorticity, start, count);
        fields.t300 = m_file->readDecoded(m_temperature, start, count);
        if (!m_gust.empty()) {
            fields.gust = m_file->readDecoded(m_gust, start, count);
        }
    } catch (const twins::data::DataError& error) {
        throw CycloneError(m_path, error.what());
    }
    return fields;
}

std::string DriverFile::findVariable(std::initializer_list<const char*> names) const {
    return firstPresent(*m_file, names);
}

std::vector<double> DriverFile::readField(const std::string& name, std::size_t step) const {
    try {
        return m_file->readDecoded(name, {step, 0, 0},
                                   {1, m_latitudes.size(), m_longitudes.size()});
    } catch (const twins::data::DataError& error) {
        throw CycloneError(m_path, error.what());
    }
}

} // namespace cyclone
