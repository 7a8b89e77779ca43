#include "twinbench/viz/Cielab.h"

#include <algorithm>
#include <cmath>

namespace twins::viz {

namespace {
// D65 reference white in XYZ (Y = 1), as used by the sRGB standard.
constexpr double whiteX = 0.95047;
constexpr double whiteY = 1.0;
constexpr double whiteZ = 1.08883;
// CIE constants for the piecewise cube root: epsilon = (6/29)^3, kappa = (29/3)^3.
constexpr double epsilon = 216.0 / 24389.0;
constexpr double kappa = 24389.0 / 27.0;

double toLinear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double toGamma(double c) {
    return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055;
}

double f(double t) {
    return t > epsilon ? std::cbrt(t) : (kappa * t + 16.0) / 116.0;
}

double fInverse(double t) {
    const double cube = t * t * t;
    return cube > epsilon ? cube : (116.0 * t - 16.0) / kappa;
}
} // namespace

Lab srgbToLab(Rgb rgb) {
    const double r = toLinear(rgb.r);
    const double g = toLinear(rgb.g);
    const double b = toLinear(rgb.b);
    // sRGB primaries to XYZ (IEC 61966-2-1 matrix).
    const double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
    const double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    const double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
    const double fx = f(x / whiteX);
    const double fy = f(y / whiteY);
    const double fz = f(z / whiteZ);
    return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

Rgb labToSrgb(Lab lab) {
    const double fy = (lab.L + 16.0) / 116.0;
    const double fx = fy + lab.a / 500.0;
    const double fz = fy - lab.b / 200.0;
    const double x = whiteX * fInverse(fx);
    const double y = whiteY * fInverse(fy);
    const double z = whiteZ * fInverse(fz);
    // The inverse of the matrix above.
    const double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
    const double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
    const double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
    const auto encode = [](double c) { return std::clamp(toGamma(std::max(c, 0.0)), 0.0, 1.0); };
    return {encode(r), encode(g), encode(b)};
}

Lab labOf(const QColor& color) {
    return srgbToLab({color.redF(), color.greenF(), color.blueF()});
}

QColor colorOfLab(Lab lab) {
    const Rgb rgb = labToSrgb(lab);
    const auto byte = [](double c) { return static_cast<int>(std::lround(c * 255.0)); };
    return QColor(byte(rgb.r), byte(rgb.g), byte(rgb.b));
}

Lab mixLab(Lab from, Lab to, double t) {
    return {from.L + (to.L - from.L) * t, from.a + (to.a - from.a) * t,
            from.b + (to.b - from.b) * t};
}

} // namespace twins::viz
