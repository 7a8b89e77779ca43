#pragma once

#include "CubeFields.h"
#include "CubeGrid.h"
#include "EightDayAxis.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace twins::data {
class NetcdfWriter;
class ZarrWriter;
} // namespace twins::data

namespace wildfire {

enum class CubeFormat { Netcdf, Zarr };

// Writes the cube as SeasFire distributes it: dimensions (time, latitude, longitude), latitude
// descending, longitude -180..180, time the steps' start dates in CF units ("days since
// 2001-01-01", proleptic Gregorian), float32 variables with SeasFire's names and units and NaN
// where a variable has no value, lsm static on (latitude, longitude). CF NetCDF-4 (deflated,
// one chunk per step) through twins::data::NetcdfWriter, or a Zarr v2 store through
// twins::data::ZarrWriter; both are written under a temporary name and renamed by commit().
class CubeFile {
public:
    CubeFile(const std::string& path, CubeFormat format, const CubeGrid& grid,
             const EightDayAxis& axis, const std::vector<float>& landFraction,
             const std::vector<std::pair<std::string, std::string>>& globalAttributes,
             const std::string& runId);
    ~CubeFile();

    void writeStep(std::size_t step, const CubeFields& fields);
    void commit();

private:
    void defineNetcdf(const EightDayAxis& axis,
                      const std::vector<std::pair<std::string, std::string>>& attributes,
                      const std::string& runId);
    void defineZarr(const std::vector<std::pair<std::string, std::string>>& attributes,
                    const std::string& runId);
    void writeField(const std::string& name, const std::vector<std::size_t>& start,
                    const std::vector<std::size_t>& count, const std::vector<float>& values);

    const CubeGrid& m_grid;
    std::unique_ptr<twins::data::NetcdfWriter> m_netcdf;
    std::unique_ptr<twins::data::ZarrWriter> m_zarr;
    std::vector<double> m_buffer; // Zarr takes doubles
};

} // namespace wildfire
