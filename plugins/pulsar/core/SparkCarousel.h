#pragma once

// The emission of a pulsar as a carousel of sparks on its polar cap (Ruderman & Sutherland
// 1975; Deshpande & Rankin 1999; Gil & Sendyk 2000): sparks sit on rings ("conal latitudes",
// angular radius rho around the magnetic axis), equally spaced in magnetic azimuth, and the
// carousel turns by `driftDeg` each rotation. The line of sight crosses the beam at impact
// angle beta; with the flat-cap approximation a spark at azimuth a on ring rho is seen at
// rotational phase rho cos(a) / sin(alpha) from the fiducial point, with width
// size / sin(alpha) and brightness exp(-(beta - rho sin a)^2 / (2 size^2)): sub-pulses that
// drift through the pulse window from one rotation to the next.

#include <vector>

namespace pulsar {

struct Spark {
    double ringDeg = 0.0;    // conal latitude: angular radius around the magnetic axis
    double azimuthDeg = 0.0; // magnetic azimuth at rotation 0
    double brightness = 1.0; // peak of the spark's beam (relative)
};

struct CarouselGeometry {
    double inclinationDeg = 45.0;  // alpha: magnetic axis to rotation axis
    double impactDeg = 0.0;        // beta: closest approach of the line of sight
    double sparkSizeDeg = 1.0;     // Gaussian radius of a spark's beam
    double driftDeg = 0.0;         // carousel rotation per pulsar rotation
    double fiducialPhaseDeg = 0.0; // where the magnetic axis crosses the line of sight
    std::vector<Spark> sparks;
};

// One spark as seen in one rotation: a Gaussian in rotational phase (absolute: rotation n's
// phases run from 360 n to 360 (n + 1)).
struct SubPulse {
    double centreDeg = 0.0;
    double widthDeg = 0.0; // Gaussian sigma
    double peak = 0.0;
};

// Sparks of rotation `rotation`, brightest first not guaranteed; sparks too far from the line
// of sight to give 1e-9 of their brightness are left out.
std::vector<SubPulse> subPulses(const CarouselGeometry& geometry, long rotation);

} // namespace pulsar
