#pragma once

#include "DriverFile.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace cyclone {

// The six CNN input channels of the original twin, in the order the network sees them.
inline constexpr std::size_t cnnChannelCount = 6;
inline constexpr std::array<const char*, cnnChannelCount> cnnChannelNames{
    "fg10", "i10fg", "msl", "t_500", "t_300", "vo_850"};

// Reads the CNN channels of a drivers file (generated, ERA5 or CMIP6 names) one 6-h step at a
// time. The axes (time, latitude, longitude, calendar) come from DriverFile, which already
// checks the dimension order. A channel the file lacks (CMIP6 has no gusts) is reported by
// missingChannels() and read as NaN, which the normalisation turns into 0 = the training mean.
class DriverChannels {
public:
    explicit DriverChannels(const std::string& path);

    const DriverFile& axes() const { return m_axes; }
    std::vector<std::string> missingChannels() const;
    std::size_t rows() const { return m_axes.latitudes().size(); }
    std::size_t columns() const { return m_axes.longitudes().size(); }

    // Channel-major (channel, row, column) float values of one step, NaN where masked.
    std::vector<float> read(std::size_t step) const;

private:
    DriverFile m_axes;
    std::unique_ptr<twins::data::NetcdfFile> m_file;
    std::array<std::string, cnnChannelCount> m_variables; // "" when absent
};

} // namespace cyclone
