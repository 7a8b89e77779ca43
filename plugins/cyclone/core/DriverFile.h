#pragma once

#include "CycloneTime.h"
#include "twinbench/data/NetcdfFile.h"

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace cyclone {

// One time step of the fields the physical detector needs, row-major (latitude, longitude) in
// the file's own order, CF-decoded (NaN where masked).
struct DriverStep {
    std::vector<double> msl;   // Pa
    std::vector<double> vo850; // s-1
    std::vector<double> t300;  // K (t_500 when the file has no 300 hPa temperature)
    std::vector<double> gust;  // m s-1, empty when the file has no gust
};

// A NetCDF file of cyclone drivers: the generator's output, an ERA5 download or a CMIP6 file.
// Accepts ERA5 names and their CMIP6 equivalents: msl|psl, vo_850|vo850|rv850,
// t_300|ta_300|ta300 (else t_500|ta_500|ta500), i10fg|fg10 (optional); coordinates
// latitude|lat, longitude|lon, time|valid_time. Variables must be (time, latitude, longitude).
class DriverFile {
public:
    // Throws CycloneError naming the file and the missing variable or wrong dimension order.
    explicit DriverFile(const std::string& path);

    const std::string& path() const { return m_path; }
    std::size_t steps() const { return m_times.size(); }
    const std::vector<CfDateTime>& times() const { return m_times; }
    CfCalendar calendar() const { return m_calendar; }
    const std::vector<double>& latitudes() const { return m_latitudes; }
    const std::vector<double>& longitudes() const { return m_longitudes; }
    const std::string& temperatureVariable() const { return m_temperature; }

    DriverStep read(std::size_t step) const;

    // Another (time, latitude, longitude) variable of the file: the first of `names` present
    // (empty when none is), and one step of it, CF-decoded.
    std::string findVariable(std::initializer_list<const char*> names) const;
    std::vector<double> readField(const std::string& name, std::size_t step) const;

private:
    std::string m_path;
    std::unique_ptr<twins::data::NetcdfFile> m_file;
    std::string m_pressure;
    std::string m_vorticity;
    std::string m_temperature;
    std::string m_gust;
    std::vector<CfDateTime> m_times;
    CfCalendar m_calendar = CfCalendar::Standard;
    std::vector<double> m_latitudes;
    std::vector<double> m_longitudes;
};

} // namespace cyclone
