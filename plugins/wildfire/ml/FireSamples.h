#pragma once

#include <cstddef>
#include <string>
#include <vector>

// Torch-free: the training samples of the burned-area network, read from a cube.
namespace wildfire {

// The cube as the network sees it: every driver standardised with one mean and standard
// deviation per variable (computed over the training years' valid cells, as ML4Fires' scaler
// files hold them), missing values (sst over land, lai over the sea) set to 0 after
// standardisation (the mean), and the target of step t: burned (fcci_ba > 0) at step t + lead.
// A cell whose expected driver is missing (a hole, driverExpected in DriverCube.h) or whose
// target is missing has the target -1: masked out of the loss and the scores. The regression
// head's target is log1p of the burned area (ha) of step t + lead.
// The grid is padded with zeros (and masked out) to a multiple of `multiple` in both
// directions, so every pooling level of the network divides it.
struct FireSamples {
    static const std::vector<std::string>& driverNames(); // lai, lst_day, ..., lsm

    std::size_t height = 0;      // the cube's latitudes
    std::size_t width = 0;       // the cube's longitudes
    std::size_t rows = 0;        // padded
    std::size_t columns = 0;     // padded
    std::size_t steps = 0;       // samples (cube steps - lead)
    std::vector<float> drivers;  // steps x channels x rows x columns
    std::vector<float> burned;   // steps x rows x columns: 1 burned, 0 not, -1 masked
    std::vector<float> logArea;  // steps x rows x columns: log1p(fcci_ba in ha), 0 where masked
    std::vector<float> landMask; // rows x columns: 1 where the loss counts (lsm >= 0.5)
    std::vector<int> years;      // of each sample's driver step
    std::vector<double> means;   // per driver
    std::vector<double> stds;    // per driver

    std::vector<std::size_t> samplesOfYears(int first, int last) const;
};

// Reads `cubePath` (a wildfire generate run's cube.nc). Throws WildfireError naming the file and
// a missing variable, a lead that leaves no sample, or training years with no sample.
FireSamples loadFireSamples(const std::string& cubePath, int lead, int trainFirstYear,
                            int trainLastYear, std::size_t multiple);

} // namespace wildfire
