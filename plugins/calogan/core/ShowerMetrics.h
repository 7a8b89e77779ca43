#pragma once

// The physics observables the calorimeter twin validates a shower sample with (the 3DGAN
// validation of issue 7): per shower, then averaged per energy bin, then compared between a
// reference and a candidate sample. Cell values are GeV of visible (silicon) energy.

#include "Geometry.h"

#include <array>
#include <cstddef>
#include <vector>

namespace calo {

// Hit threshold of the original's multiplicity: 3e-4 GeV (0.3 MeV, about two minimum-ionising
// particles crossing 0.5 mm of silicon at 0.15 MeV each).
inline constexpr double hitThresholdGeV = 3e-4;

// Cell-energy spectrum: log10(E / GeV) of non-empty cells, 1e-6 to 10 GeV in 0.2 decades.
inline constexpr double spectrumMinLog10 = -6.0;
inline constexpr double spectrumMaxLog10 = 1.0;
inline constexpr int spectrumBins = 35;

struct ShowerObservables {
    double energyGeV = 0.0;
    double thetaRad = 0.0;
    double sumGeV = 0.0;           // visible energy of the shower
    double samplingFraction = 0.0; // sumGeV / energyGeV
    std::array<double, layers> longitudinal{};
    std::array<double, cellsX> transverseX{};
    std::array<double, cellsY> transverseY{};
    // moments[axis][order - 1], axis x, y, layer (in cells/layers): order 1 is the barycentre,
    // orders 2 and 3 are central moments (width^2 and asymmetry). Zero for an empty shower.
    std::array<std::array<double, 3>, 3> moments{};
    int hits = 0;          // cells above hitThresholdGeV
    int maxLayer = -1;     // layer with the most energy, -1 for an empty shower
    double thetaFit = 0.0; // angle of the barycentre track, radians (NaN when < 2 layers)
};

// cells: one shower, cellsPerShower values in cellIndex order.
ShowerObservables observe(const float* cells, double energyGeV, double thetaRad);
// Adds the shower's non-empty cells to a spectrum histogram (spectrumBins counts).
void addToSpectrum(const float* cells, std::vector<double>& spectrum);

// Means (and spreads) of the observables over the showers of one energy bin.
struct BinSummary {
    double energyLow = 0.0, energyHigh = 0.0;
    std::size_t showers = 0;
    double meanEnergy = 0.0;
    double samplingFraction = 0.0, samplingFractionSpread = 0.0; // mean, standard deviation
    std::vector<double> longitudinal, transverseX, transverseY;  // mean GeV per layer / column
    std::array<std::array<double, 3>, 3> moments{}, momentSpread{};
    double hits = 0.0;
    double maxLayer = 0.0;
    double thetaFit = 0.0, thetaTrue = 0.0; // mean fitted and true angle, radians
    std::vector<double> spectrum;           // cells per shower in each spectrum bin
    std::vector<double> samplingFractions;  // every shower's, for the histogram
    // Per layer, the shower-to-shower standard deviation of the layer's energy over the
    // primary's (issue 23: the spread ratio), and the Pearson correlations of those layer
    // fractions (layers x layers, row-major; NaN where a layer never fluctuates).
    std::vector<double> layerSpread, layerCorrelation;
};

class BinAccumulator {
public:
    BinAccumulator(double energyLow, double energyHigh);
    bool contains(double energyGeV) const {
        return energyGeV >= m_summary.energyLow && energyGeV <= m_summary.energyHigh;
    }
    void add(const ShowerObservables& shower, const float* cells);
    BinSummary finish() const;

private:
    BinSummary m_summary; // running sums until finish()
    std::array<std::array<double, 3>, 3> m_momentSquares{};
    double m_samplingSquares = 0.0;
    std::size_t m_fittedAngles = 0;
    std::vector<double> m_layerFractions, m_layerProducts; // sums of f_l and f_l f_m
};

// Candidate against reference in one bin. Relative errors are |c - r| / scale.
struct BinComparison {
    // Per moment: scale = |r| + the reference's shower-to-shower spread, so the third moment
    // of a symmetric axis (mean ~ 0) is judged against its natural size, not against zero.
    std::array<std::array<double, 3>, 3> momentErrors{};
    double momentError = 0.0; // mean of the nine
    // Mean relative difference per layer over the layers holding 95% of the reference energy
    // (the acceptance region); the same for the x and y profiles over their 95%.
    double longitudinalError = 0.0;
    // The largest of those per-layer differences (the acceptance: within 10% per
    // layer) and the first and last layer of that 95% region.
    double longitudinalMaxError = 0.0;
    int coreFirstLayer = 0, coreLastLayer = 0;
    double transverseError = 0.0;
    double samplingFractionError = 0.0; // relative
    double hitsError = 0.0;             // relative
    double maxLayerDifference = 0.0;    // layers
    double angleError = 0.0;            // |mean fitted angle difference|, radians
    // Per layer, the candidate's layer spread over the reference's (NaN where the reference
    // does not fluctuate), and its smallest and largest value over the layers holding 95% of
    // the reference energy (issue 23's target: within [0.8, 1.25] there).
    std::vector<double> spreadRatio;
    double spreadRatioMin = 0.0, spreadRatioMax = 0.0;
    // |candidate - reference| of the layer-energy correlations over the pairs of those layers:
    // the largest and the mean.
    double correlationMaxDifference = 0.0, correlationMeanDifference = 0.0;
};

BinComparison compare(const BinSummary& reference, const BinSummary& candidate);

} // namespace calo
