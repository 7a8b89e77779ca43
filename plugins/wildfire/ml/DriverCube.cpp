#include "DriverCube.h"

#include "EightDayAxis.h"
#include "SeasfireVariables.h"
#include "WildfireError.h"
#include "twinbench/data/CfTime.h"
#include "twinbench/data/Dataset.h"

#include <cmath>

namespace wildfire {

namespace {

using twins::data::Dataset;
using twins::data::DatasetVariable;
using twins::data::Hyperslab;

const DatasetVariable& requireVariable(const Dataset& dataset, const std::string& name,
                                       const std::string& path, const std::string& role) {
    const DatasetVariable* variable = dataset.findVariable(name);
    if (variable == nullptr) {
        throw WildfireError(path + " has no " + role + " variable '" + name +
                            "' (expected a wildfire cube with SeasFire's variables lai, "
                            "lst_day, rel_hum, ssr, sst, t2m_min, tp, fcci_ba, lsm)");
    }
    return *variable;
}

bool isLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

} // namespace

bool driverExpected(const std::string& name, bool land) {
    const ValidCells cells = seasfireVariable(name).validCells;
    return cells == ValidCells::Everywhere || (cells == ValidCells::Land) == land;
}

double daysSince2001(int year, int month, int day) {
    static const int before[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    const int dayOfYear = before[month - 1] + day + (month > 2 && isLeap(year) ? 1 : 0);
    return static_cast<double>(EightDayAxis::daysToYear(year) + dayOfYear - 1);
}

DriverCube::DriverCube(const std::string& path, const std::vector<std::string>& drivers,
                       bool needBurned)
    : m_path(path), m_drivers(drivers), m_dataset(Dataset::open(path)) {
    std::vector<std::string> names = drivers;
    if (needBurned) {
        names.push_back("fcci_ba");
    }
    const DatasetVariable& lsm = requireVariable(*m_dataset, "lsm", path, "land-sea mask");
    if (lsm.shape.size() != 2) {
        throw WildfireError(path + ": lsm is not (latitude, longitude)");
    }
    m_rows = lsm.shape[0];
    m_columns = lsm.shape[1];
    const DatasetVariable& time = requireVariable(*m_dataset, "time", path, "coordinate");
    for (const std::string& name : names) {
        if (name == "lsm") {
            continue;
        }
        const DatasetVariable& variable =
            requireVariable(*m_dataset, name, path, name == "fcci_ba" ? "target" : "driver");
        if (variable.shape.size() != 3 || variable.shape[0] != time.shape.at(0) ||
            variable.shape[1] != m_rows || variable.shape[2] != m_columns) {
            throw WildfireError(path + ": variable '" + name +
                                "' is not on (time, latitude, longitude) like lsm (" +
                                std::to_string(m_rows) + " x " + std::to_string(m_columns) + ")");
        }
    }
    m_lsm = m_dataset->readDecoded(lsm);
    m_latitudes =
        m_dataset->readDecoded(requireVariable(*m_dataset, "latitude", path, "coordinate"));
    m_longitudes =
        m_dataset->readDecoded(requireVariable(*m_dataset, "longitude", path, "coordinate"));
    const auto decoder = twins::data::CfTimeDecoder::forVariable(time, path);
    for (const double value : m_dataset->readDecoded(time)) {
        const twins::data::CfDateTime date = decoder.decode(value);
        m_days.push_back(daysSince2001(date.year, date.month, date.day));
        m_years.push_back(date.year);
        m_months.push_back(date.month);
    }
}

DriverCube::~DriverCube() = default;

std::string DriverCube::attribute(const std::string& name) const {
    for (const auto& attribute : m_dataset->root().attributes) {
        if (attribute.name == name && attribute.isText) {
            return attribute.text;
        }
    }
    return {};
}

std::vector<double> DriverCube::read(const std::string& name, std::size_t step) const {
    if (name == "lsm") {
        return m_lsm;
    }
    if (step != m_cachedStep) {
        m_cached.clear();
        m_cachedStep = step;
    }
    auto cached = m_cached.find(name);
    if (cached == m_cached.end()) {
        cached = m_cached
                     .emplace(name, m_dataset->readDecoded(
                                        m_dataset->variable(name),
                                        Hyperslab{{step, 0, 0}, {1, m_rows, m_columns}, {}}))
                     .first;
    }
    return cached->second;
}

std::size_t DriverCube::readStandardised(
    std::size_t step, const std::vector<double>& means, const std::vector<double>& stds,
    std::size_t paddedRows, std::size_t paddedColumns, float* out,
    std::vector<unsigned char>& masked,
    const std::function<void(const std::string&, std::vector<double>&)>& adjust) const {
    const std::size_t plane = paddedRows * paddedColumns;
    std::fill(out, out + m_drivers.size() * plane, 0.0f);
    masked.assign(m_rows * m_columns, 0);
    for (std::size_t v = 0; v < m_drivers.size(); ++v) {
        std::vector<double> field = read(m_drivers[v], step);
        if (adjust) {
            adjust(m_drivers[v], field);
        }
        float* channel = out + v * plane;
        for (std::size_t r = 0; r < m_rows; ++r) {
            for (std::size_t c = 0; c < m_columns; ++c) {
                const std::size_t cell = r * m_columns + c;
                const double value = field[cell];
                if (std::isfinite(value)) {
                    channel[r * paddedColumns + c] =
                        static_cast<float>((value - means[v]) / stds[v]);
                } else if (driverExpected(m_drivers[v], m_lsm[cell] >= 0.5) ||
                           !std::isfinite(m_lsm[cell])) {
                    masked[cell] = 1;
                }
            }
        }
    }
    std::size_t count = 0;
    for (const unsigned char flag : masked) {
        count += flag;
    }
    return count;
}

} // namespace wildfire
