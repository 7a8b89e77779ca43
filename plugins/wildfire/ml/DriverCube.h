#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace twins::data {
class Dataset;
} // namespace twins::data

// Torch-free: a cube's drivers read step by step as a trained network expects them, for infer and
// validate (train reads all steps at once, FireSamples.h; both share the validity rule below).
namespace wildfire {

// Whether driver `name` should have a value in a cell (SeasFire's layout, SeasfireVariables.h):
// lai and lst_day on land (lsm >= 0.5), sst at sea, the others everywhere. A NaN where a value
// is expected is a hole in the data: the cell is masked (no prediction, not in any loss or
// score), and the driver is set to its mean there so the hole does not spread through the
// convolutions into its neighbours.
bool driverExpected(const std::string& name, bool land);

class DriverCube {
public:
    // Opens a wildfire cube (CF NetCDF or Zarr). Throws WildfireError naming the file and the
    // first missing variable of `drivers` (or fcci_ba when `needBurned`), a variable that is
    // not on (time, latitude, longitude), or a time axis off SeasFire's 8-day steps.
    DriverCube(const std::string& path, const std::vector<std::string>& drivers, bool needBurned);
    ~DriverCube();

    const std::string& path() const { return m_path; }
    std::size_t rows() const { return m_rows; }
    std::size_t columns() const { return m_columns; }
    std::size_t steps() const { return m_days.size(); }
    // Start of each step, days since 2001-01-01 (proleptic Gregorian), and its year and month.
    const std::vector<double>& days() const { return m_days; }
    const std::vector<int>& years() const { return m_years; }
    const std::vector<int>& months() const { return m_months; }
    const std::vector<double>& latitudes() const { return m_latitudes; }
    const std::vector<double>& longitudes() const { return m_longitudes; }
    const std::vector<double>& landFraction() const { return m_lsm; } // rows x columns
    // A global text attribute ("" when absent), e.g. wildfire_scenario.
    std::string attribute(const std::string& name) const;

    // One variable at one step, rows x columns, NaN where missing. The fields of the last step
    // read are kept, so the members of an ensemble, or a what_if query asked again for the
    // same step, read the file once.
    std::vector<double> read(const std::string& name, std::size_t step) const;

    // The drivers of `step` standardised with one mean and standard deviation per driver (in
    // the order given to the constructor), written as channels x paddedRows x paddedColumns
    // (zero padding). masked[cell] (rows x columns) is set to 1 where an expected driver is
    // missing. `adjust`, when set, changes each driver's raw field (rows x columns) before it
    // is standardised (what_if's warmer or drier region). Returns the number of masked cells.
    std::size_t readStandardised(
        std::size_t step, const std::vector<double>& means, const std::vector<double>& stds,
        std::size_t paddedRows, std::size_t paddedColumns, float* out,
        std::vector<unsigned char>& masked,
        const std::function<void(const std::string&, std::vector<double>&)>& adjust = {}) const;

private:
    std::string m_path;
    std::vector<std::string> m_drivers;
    std::shared_ptr<twins::data::Dataset> m_dataset;
    std::size_t m_rows = 0;
    std::size_t m_columns = 0;
    std::vector<double> m_days;
    std::vector<int> m_years;
    std::vector<int> m_months;
    std::vector<double> m_latitudes;
    std::vector<double> m_longitudes;
    std::vector<double> m_lsm;
    mutable std::size_t m_cachedStep = static_cast<std::size_t>(-1);
    mutable std::map<std::string, std::vector<double>> m_cached;
};

// Days since 2001-01-01 (proleptic Gregorian) of a calendar date.
double daysSince2001(int year, int month, int day);

} // namespace wildfire
