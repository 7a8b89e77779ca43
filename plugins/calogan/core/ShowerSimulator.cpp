#include "ShowerSimulator.h"

#include "Geometry.h"
#include "RadialProfile.h"
#include "twinbench/jobs/CpuState.h"
#include "twinbench/sdk/Random.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace calo {

static_assert(cellIndex(cellsX - 1, cellsY - 1, layers - 1) == cellsPerShower - 1);

double ShowerSimulator::meanSpots(double energyGeV) {
    return 2.0 * energyGeV / (stochasticTerm * stochasticTerm);
}

ShowerTruth ShowerSimulator::simulate(const ShowerConditions& conditions, std::uint64_t eventIndex,
                                      std::vector<float>& cells) const {
    const double energy = conditions.energyGeV;
    if (!(energy >= 2.0 && energy <= 500.0)) {
        throw std::invalid_argument("calo: energy " + std::to_string(energy) +
                                    " GeV is outside the twin's 2-500 GeV");
    }
    if (!(conditions.thetaDeg >= 60.0 && conditions.thetaDeg <= 120.0)) {
        throw std::invalid_argument("calo: theta " + std::to_string(conditions.thetaDeg) +
                                    " degrees is outside the twin's 60-120 degrees");
    }
    cells.assign(cellsPerShower, 0.0f);
    twins::jobs::clearAvxUpperState(); // see CpuState.h: 5.7x in the worker without it
    twins::sdk::Random random(twins::sdk::streamSeed(m_seed, eventIndex));

    const LongitudinalModel longitudinal(energy, effectiveCriticalMeV, effectiveZ);
    const RadialModel radial(energy, effectiveZ);
    ShowerTruth truth;
    truth.shape = longitudinal.sample(random);
    const double beta = truth.shape.beta();

    // Shower axis a = (cos theta, 0, sin theta) in (x, y, depth); the radial displacement
    // lies in the plane spanned by e1 = (0, 1, 0) and e2 = (sin theta, 0, -cos theta).
    const double theta = conditions.thetaDeg * std::numbers::pi / 180.0;
    const double cosTheta = std::cos(theta);
    const double sinTheta = std::sin(theta);
    // The 51x51 window is centred where the axis reaches the mean depth of the maximum, so
    // that a tilted shower stays inside it at every angle (at 60 degrees the axis moves by 11
    // pads over the 25 layers). The entry point is spread uniformly over one pad so the
    // images do not all share one sub-pad position.
    const double meanMaxMm = longitudinal.average().tmax * effectiveX0Mm;
    const double entryX = -meanMaxMm * cosTheta + (random.uniform() - 0.5) * cellSizeMm;
    const double entryY = (random.uniform() - 0.5) * cellSizeMm;

    truth.spots = static_cast<std::uint64_t>(random.poisson(meanSpots(energy)));
    const double meanSpotEnergy = energy / meanSpots(energy);
    for (std::uint64_t spot = 0; spot < truth.spots; ++spot) {
        const double spotEnergy = random.exponential(meanSpotEnergy);
        const double t = random.gamma(truth.shape.alpha, 1.0 / beta); // X0 along the axis
        const double r =
            RadialModel::sampleRadius(radial.at(t / truth.shape.tmax), random) * effectiveMoliereMm;
        const double phi = 2.0 * std::numbers::pi * random.uniform();
        const double along = t * effectiveX0Mm;
        const double u = r * std::cos(phi);
        const double v = r * std::sin(phi);
        const double x = entryX + along * cosTheta + v * sinTheta;
        const double y = entryY + u;
        const double depth = along * sinTheta - v * cosTheta;
        const int layer = static_cast<int>(std::floor(depth / layerPitchMm));
        const int ix = static_cast<int>(std::floor(x / cellSizeMm + 0.5 * cellsX));
        const int iy = static_cast<int>(std::floor(y / cellSizeMm + 0.5 * cellsY));
        // Outside the window: leaks out of the back, the sides, or (for the radial part at
        // small depth of an inclined shower) out of the front face.
        if (layer < 0 || layer >= layers || ix < 0 || ix >= cellsX || iy < 0 || iy >= cellsY) {
            continue;
        }
        const double visible = spotEnergy * samplingFraction;
        cells[cellIndex(ix, iy, layer)] += static_cast<float>(visible);
        truth.visibleGeV += visible;
        truth.depositedGeV += spotEnergy;
    }
    return truth;
}

} // namespace calo
