#pragma once

#include <QColor>

namespace twins::viz {

// CIELAB (D65 white, 2° observer) coordinates: L* in [0, 100], a* and b* roughly [-128, 127].
struct Lab {
    double L = 0.0;
    double a = 0.0;
    double b = 0.0;
};

// sRGB in [0, 1] per channel, gamma-encoded (as stored in images).
struct Rgb {
    double r = 0.0;
    double g = 0.0;
    double b = 0.0;
};

// sRGB (IEC 61966-2-1) <-> CIE XYZ (D65) <-> CIELAB. Written here rather than taken from a
// colour library because none is in the project's dependency list (Qt's QColor has no Lab),
// and VSUP needs exact Lab blending (Correll, Moritz & Heer, CHI 2018, blend in a perceptual
// space so that suppression changes lightness evenly across hues).
Lab srgbToLab(Rgb rgb);
// Out-of-gamut results are clamped to [0, 1] per channel.
Rgb labToSrgb(Lab lab);

Lab labOf(const QColor& color);
QColor colorOfLab(Lab lab);

// Straight line from `from` (t = 0) to `to` (t = 1) in Lab.
Lab mixLab(Lab from, Lab to, double t);

} // namespace twins::viz
