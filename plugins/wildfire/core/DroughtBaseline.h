#pragma once

#include <array>
#include <vector>

// The baseline of validate: a logistic regression on a Keetch-Byram-style drought index and
// the leaf area index, both computed from the cube's drivers (tp, lst_day, lai), never from the
// generator's own fire formula or hidden state.
namespace wildfire {

// Keetch-Byram drought index (Keetch & Byram 1968) in its metric form (Crane 1982; as used by
// Janis et al. 2002): a soil-moisture deficit Q in mm (0 saturated .. 203.2), lowered by net
// rain and raised each day by
//   dQ = (203.2 - Q) (0.968 exp(0.0875 T + 1.5552) - 8.30) / (1 + 10.88 exp(-0.001736 R)) 1e-3
// with T the daily maximum temperature (C) and R the mean annual rainfall (mm). For 8-day
// steps: the step's rain is one event of which the first 5.08 mm (0.2 in) are intercepted, and
// T is the cube's daytime land surface temperature (lst_day, the MODIS stand-in for the daily
// maximum; the cube has no maximum air temperature).
struct KeetchByram {
    static constexpr double capacityMm = 203.2;
    static constexpr double interceptionMm = 5.08;
    static double step(double deficitMm, double rainMm, double maxTemperatureC, double annualRainMm,
                       int days);
};

// Logistic regression of burned on x1 = KBDI / 203.2, x2 = LAI / 3 and their product (fuel
// that is dry), fitted by Newton's method on the training samples binned 64 x 64 in
// (KBDI, LAI) with each bin's feature means, which keeps the fit's memory fixed whatever the
// number of samples.
class DroughtLogistic {
public:
    DroughtLogistic();
    void add(double kbdiMm, double lai, bool burned);
    // Throws WildfireError when the samples hold only one class.
    void fit();
    double probability(double kbdiMm, double lai) const;
    const std::array<double, 4>& coefficients() const { return m_beta; } // 1, x1, x2, x1 x2
    double samples() const;

private:
    static constexpr int kbdiBins = 64;
    static constexpr int laiBins = 64;
    std::vector<double> m_count, m_positives, m_sumKbdi, m_sumLai;
    std::array<double, 4> m_beta{};
};

// The baseline's burned area: least squares of log1p(burned area in ha) on the same features
// (1, KBDI / 203.2, LAI / 3 and their product) over every training sample of burnable land
// (burned or not), never the test years; the expected area is expm1 of the prediction
// (clamped at 0), as the UNet++'s regression head gives expm1 of its log1p.
class DroughtAreaRegression {
public:
    void add(double kbdiMm, double lai, double burnedHa);
    // Throws WildfireError without a sample.
    void fit();
    double logArea(double kbdiMm, double lai) const; // log1p(ha), >= 0
    double hectares(double kbdiMm, double lai) const;
    const std::array<double, 4>& coefficients() const { return m_beta; }
    double samples() const { return m_samples; }

private:
    std::array<std::array<double, 4>, 4> m_xx{};
    std::array<double, 4> m_xy{};
    std::array<double, 4> m_beta{};
    double m_samples = 0.0;
    double m_sumY = 0.0;
};

} // namespace wildfire
