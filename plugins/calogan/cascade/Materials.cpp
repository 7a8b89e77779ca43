#include "Materials.h"

namespace calo::cascade {

// PDG "Atomic and nuclear properties of materials" (pdg.lbl.gov/AtomicNuclearProperties):
// tungsten Z 74, A 183.84, 19.30 g/cm^3, X0 6.76 g/cm^2 (3.504 mm), I 727 eV, E_c 7.97 MeV,
// R_M 9.327 mm, density effect -C 5.4059, x0 0.2167, x1 3.4960, a 0.15509, k 2.8447,
// delta0 0.14. Photo-effect (XCOM): 4.08 cm^2/g at 100 keV, 0.0154 cm^2/g at 1 MeV.
const Material& tungsten() {
    static const Material material{"tungsten", 74.0,   183.84, 19.30,  6.76,   7.97,
                                   9.327,      727e-6, 5.4059, 0.2167, 3.4960, 0.15509,
                                   2.8447,     0.14,   0.1,    4.08,   1.0,    0.0154};
    return material;
}

// Silicon Z 14, A 28.0855, 2.329 g/cm^3, X0 21.82 g/cm^2 (93.70 mm), I 173 eV, E_c 40.19 MeV,
// R_M 49.44 mm, density effect -C 4.4355, x0 0.2015, x1 2.8716, a 0.14921, k 3.2546,
// delta0 0.14. Photo-effect (XCOM): 0.24 cm^2/g at 50 keV, 0.019 cm^2/g at 100 keV.
const Material& silicon() {
    static const Material material{"silicon", 14.0,   28.0855, 2.329,  21.82,  40.19,
                                   49.44,     173e-6, 4.4355,  0.2015, 2.8716, 0.14921,
                                   3.2546,    0.14,   0.05,    0.24,   0.1,    0.019};
    return material;
}

} // namespace calo::cascade
