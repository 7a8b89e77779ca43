#pragma once

#include "BackgroundClimate.h"
#include "CorrelatedNoise.h"
#include "LatLonGrid.h"
#include "StormSimulator.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace cyclone {

// The seven drivers of the original twin for one 6-hourly step, row-major on the grid, in SI
// units as ERA5 stores them. sst is NaN over land (ERA5 masks it there too).
struct DriverFields {
    std::vector<float> fg10;  // 10 m wind gust since the previous step, m s-1
    std::vector<float> i10fg; // instantaneous 10 m wind gust, m s-1
    std::vector<float> msl;   // mean sea level pressure, Pa
    std::vector<float> t500;  // temperature at 500 hPa, K
    std::vector<float> t300;  // temperature at 300 hPa, K
    std::vector<float> vo850; // relative vorticity at 850 hPa, s-1
    std::vector<float> sst;   // sea surface temperature, K

    void resize(std::size_t size);
};

// Builds one step of weather on the grid: background climate + correlated noise + easterly
// waves + the storms' Holland vortices. The 850 hPa wind is assembled first (background flow,
// the rotational wind of a noise streamfunction, waves, vortices) and vo_850 is its curl on the
// grid, so vorticity is consistent with the wind by construction; msl gets the noise's
// geostrophic pressure (p' = rho f psi) so pressure and vorticity anomalies go together, as in
// the real atmosphere.
class FieldSynthesizer {
public:
    FieldSynthesizer(const LatLonGrid& grid, const BackgroundClimate& climate, std::uint64_t seed);

    // The harder world: from now on every step also carries observation-like errors,
    // spatially correlated and short-lived (6 h memory), on msl, the 850 hPa wind (so on
    // vo_850 and the gusts) and t_300. Their streams are new ones (seed streams 11-14), so the
    // other fields keep the numbers they have without them.
    void enableObservationNoise(std::uint64_t seed);

    // hoursSinceStart moves the easterly waves; dayOfYear sets the season.
    void synthesize(double dayOfYear, double hoursSinceStart, const std::vector<Storm>& storms,
                    DriverFields& out);

    // 1 over land, 0 over sea (bytes rather than vector<bool>, so the hot loops vectorise).
    const std::vector<unsigned char>& landMask() const { return m_land; }

private:
    void addVortex(const Storm& storm, DriverFields& out);
    void addObservationErrors(DriverFields& out);
    void computeVorticity(std::vector<float>& vorticity) const;

    const LatLonGrid& m_grid;
    const BackgroundClimate& m_climate;
    CorrelatedNoise m_streamNoise;
    CorrelatedNoise m_temperatureNoise;
    CorrelatedNoise m_upperTemperatureNoise;
    CorrelatedNoise m_gustNoise;
    std::unique_ptr<CorrelatedNoise> m_mslError; // observation-like errors, harder world only
    std::unique_ptr<CorrelatedNoise> m_uError;
    std::unique_ptr<CorrelatedNoise> m_vError;
    std::unique_ptr<CorrelatedNoise> m_t300Error;
    std::vector<float> m_sstAnomaly; // fixed for the scenario
    std::vector<unsigned char> m_land;
    ClimateGrid m_background;        // this step's background climate
    std::vector<float> m_psi;        // streamfunction of the anomalies, m2 s-1
    std::vector<float> m_waveColumn; // cos(phase) of the easterly waves per column
    std::vector<float> m_u;
    std::vector<float> m_v;
    double m_wavePhase;
};

} // namespace cyclone
