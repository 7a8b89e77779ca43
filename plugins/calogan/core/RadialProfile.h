#pragma once

// Grindhammer & Peters 1993, section 2.4: the radial energy density at depth t is a mix of a
// core and a tail,
//   f(r) = p 2 r Rc^2 / (r^2 + Rc^2)^2 + (1 - p) 2 r Rt^2 / (r^2 + Rt^2)^2,
// r in Moliere radii, whose parameters depend on the depth relative to the shower maximum,
// tau = t / T, on the energy and on Z (GP eqs. 28-30, homogeneous media).

namespace twins::sdk {
class Random;
}

namespace calo {

struct RadialShape {
    double coreRadius = 0.0; // Rc, Moliere radii
    double tailRadius = 0.0; // Rt, Moliere radii
    double coreWeight = 0.0; // p
};

class RadialModel {
public:
    RadialModel(double energyGeV, double z);

    // Rc = z1 + z2 tau, z1 = 0.0251 + 0.00319 ln E, z2 = 0.1162 - 0.000381 Z;
    // Rt = k1 (exp(k3 (tau - k2)) + exp(k4 (tau - k2))), k1 = 0.659 - 0.00309 Z, k2 = 0.645,
    //   k3 = -2.59, k4 = 0.3585 + 0.0421 ln E;
    // p = p1 exp((p2 - tau) / p3 - exp((p2 - tau) / p3)), p1 = 2.632 - 0.00094 Z,
    //   p2 = 0.401 + 0.00187 Z, p3 = 1.313 - 0.0686 ln E.
    RadialShape at(double tau) const;

    // A radius drawn from f at tau: the core with probability p, then the inverse of the
    // cumulative r^2 / (r^2 + R^2), r = R sqrt(u / (1 - u)).
    static double sampleRadius(const RadialShape& shape, twins::sdk::Random& random);
    // Fraction of the energy inside radius r (Moliere radii) at tau, from the same f.
    static double containedFraction(const RadialShape& shape, double radius);

private:
    double m_z1, m_z2, m_k1, m_k4, m_p1, m_p2, m_p3;
};

} // namespace calo
