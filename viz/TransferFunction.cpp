#include "twinbench/viz/TransferFunction.h"

#include "twinbench/viz/ColorMap.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace twins::viz {

namespace {
template <typename Point> void normalise(std::vector<Point>& points) {
    for (Point& point : points) {
        point.position = std::clamp(std::isfinite(point.position) ? point.position : 0.0, 0.0, 1.0);
    }
    std::stable_sort(points.begin(), points.end(),
                     [](const Point& a, const Point& b) { return a.position < b.position; });
    if (points.front().position > 0.0) {
        Point first = points.front();
        first.position = 0.0;
        points.insert(points.begin(), first);
    }
    if (points.back().position < 1.0) {
        Point last = points.back();
        last.position = 1.0;
        points.push_back(last);
    }
}

// The pair of points around a position and the weight of the upper one.
template <typename Point>
std::tuple<const Point*, const Point*, double> bracket(const std::vector<Point>& points,
                                                       double position) {
    position = std::clamp(position, 0.0, 1.0);
    const auto upper =
        std::lower_bound(points.begin(), points.end(), position,
                         [](const Point& point, double value) { return point.position < value; });
    if (upper == points.begin()) {
        return {&*upper, &*upper, 0.0};
    }
    if (upper == points.end()) {
        return {&points.back(), &points.back(), 0.0};
    }
    const Point& high = *upper;
    const Point& low = *(upper - 1);
    const double width = high.position - low.position;
    return {&low, &high, width > 0.0 ? (position - low.position) / width : 1.0};
}
} // namespace

TransferFunction TransferFunction::fromColorMap(const ColorMap& map, int colorPoints,
                                                double threshold, double maximumOpacity) {
    TransferFunction function;
    std::vector<ColorPoint> colors;
    const int count = std::max(2, colorPoints);
    for (int i = 0; i < count; ++i) {
        const double position = static_cast<double>(i) / (count - 1);
        colors.push_back({position, map.isValid() ? map.colorAt(position) : QColor(Qt::gray)});
    }
    function.setColorPoints(colors);
    threshold = std::clamp(threshold, 0.0, 0.99);
    function.setOpacityPoints(
        {{0.0, 0.0}, {threshold, 0.0}, {1.0, std::clamp(maximumOpacity, 0.0, 1.0)}});
    return function;
}

void TransferFunction::setOpacityPoints(std::vector<OpacityPoint> points) {
    if (points.empty()) {
        return;
    }
    for (OpacityPoint& point : points) {
        point.opacity = std::clamp(std::isfinite(point.opacity) ? point.opacity : 0.0, 0.0, 1.0);
    }
    normalise(points);
    m_opacity = std::move(points);
}

void TransferFunction::setColorPoints(std::vector<ColorPoint> points) {
    if (points.empty()) {
        return;
    }
    normalise(points);
    m_colors = std::move(points);
}

double TransferFunction::opacityAt(double position) const {
    const auto [low, high, weight] = bracket(m_opacity, position);
    return low->opacity + weight * (high->opacity - low->opacity);
}

QColor TransferFunction::colorAt(double position) const {
    const auto [low, high, weight] = bracket(m_colors, position);
    const auto mix = [weight = weight](double a, double b) { return a + weight * (b - a); };
    return QColor::fromRgbF(static_cast<float>(mix(low->color.redF(), high->color.redF())),
                            static_cast<float>(mix(low->color.greenF(), high->color.greenF())),
                            static_cast<float>(mix(low->color.blueF(), high->color.blueF())));
}

bool TransferFunction::operator==(const TransferFunction& other) const {
    const auto sameOpacity = [](const OpacityPoint& a, const OpacityPoint& b) {
        return a.position == b.position && a.opacity == b.opacity;
    };
    const auto sameColor = [](const ColorPoint& a, const ColorPoint& b) {
        return a.position == b.position && a.color == b.color;
    };
    return std::equal(m_opacity.begin(), m_opacity.end(), other.m_opacity.begin(),
                      other.m_opacity.end(), sameOpacity) &&
           std::equal(m_colors.begin(), m_colors.end(), other.m_colors.begin(),
                      other.m_colors.end(), sameColor);
}

} // namespace twins::viz
