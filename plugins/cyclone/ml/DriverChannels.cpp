#include "DriverChannels.h"

#include "CycloneError.h"
#include "twinbench/data/DataError.h"

#include <cmath>
#include <initializer_list>

namespace cyclone {

namespace {

// ERA5 short names first, then the CMIP6 names the issue maps onto them.
const std::array<std::initializer_list<const char*>, cnnChannelCount> channelAliases{{
    {"fg10"},
    {"i10fg"},
    {"msl", "psl"},
    {"t_500", "ta_500", "ta500"},
    {"t_300", "ta_300", "ta300"},
    {"vo_850", "vo850", "rv850"},
}};

} // namespace

DriverChannels::DriverChannels(const std::string& path) : m_axes(path) {
    try {
        m_file = twins::data::NetcdfFile::open(path);
    } catch (const twins::data::DataError& error) {
        throw CycloneError(path, error.what());
    }
    for (std::size_t channel = 0; channel < cnnChannelCount; ++channel) {
        for (const char* name : channelAliases[channel]) {
            const twins::data::VariableInfo* variable = m_file->findVariable(name);
            if (variable && variable->dimensions.size() == 3) {
                m_variables[channel] = name;
                break;
            }
        }
    }
}

std::vector<std::string> DriverChannels::missingChannels() const {
    std::vector<std::string> missing;
    for (std::size_t channel = 0; channel < cnnChannelCount; ++channel) {
        if (m_variables[channel].empty()) {
            missing.emplace_back(cnnChannelNames[channel]);
        }
    }
    return missing;
}

std::vector<float> DriverChannels::read(std::size_t step) const {
    const std::size_t plane = rows() * columns();
    std::vector<float> values(cnnChannelCount * plane, std::nanf(""));
    for (std::size_t channel = 0; channel < cnnChannelCount; ++channel) {
        if (m_variables[channel].empty()) {
            continue;
        }
        std::vector<double> field;
        try {
            field = m_file->readDecoded(m_variables[channel], {step, 0, 0}, {1, rows(), columns()});
        } catch (const twins::data::DataError& error) {
            throw CycloneError(m_axes.path(), error.what());
        }
        for (std::size_t i = 0; i < plane; ++i) {
            values[channel * plane + i] = static_cast<float>(field[i]);
        }
    }
    return values;
}

} // namespace cyclone
