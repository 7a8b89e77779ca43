#include "twinbench/viz/Hatching.h"

#include "twinbench/data/FieldSlice.h"
#include "twinbench/viz/Ensemble.h"
#include "twinbench/viz/MapFieldMesh.h"

#include <QStringList>

#include <vtkCellArray.h>
#include <vtkPoints.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace twins::viz {

namespace {
QString percent(double fraction) {
    return QString::number(std::lround(fraction * 100.0)) + QLatin1Char('%');
}

bool hatchedBy(Robustness kind, bool backslashFamily) {
    return backslashFamily
               ? kind == Robustness::ConflictingSignals
               : kind == Robustness::NoRobustSignal || kind == Robustness::ConflictingSignals;
}
} // namespace

Robustness classifyRobustness(double fractionWithSignal, double fractionAgreeingOnSign,
                              const RobustnessCriteria& criteria) {
    if (!std::isfinite(fractionWithSignal) || !std::isfinite(fractionAgreeingOnSign)) {
        return Robustness::Missing;
    }
    // 1e-9 absorbs rounding in fractions such as 4 / 5 compared with 0.80.
    if (fractionWithSignal + 1e-9 < criteria.signalFraction) {
        return Robustness::NoRobustSignal;
    }
    if (fractionAgreeingOnSign + 1e-9 < criteria.signAgreement) {
        return Robustness::ConflictingSignals;
    }
    return Robustness::Robust;
}

std::size_t RobustnessMap::count(Robustness kind) const {
    return static_cast<std::size_t>(std::count(classes.begin(), classes.end(), kind));
}

RobustnessMap classifyEnsembleChanges(const EnsembleField& changes, double variabilityThreshold,
                                      const RobustnessCriteria& criteria) {
    if (!(variabilityThreshold >= 0.0)) {
        throw std::invalid_argument("the variability threshold must be a number >= 0");
    }
    RobustnessMap map;
    map.width = changes.grid.width;
    map.height = changes.grid.height;
    map.members = static_cast<int>(changes.members.size());
    map.threshold = variabilityThreshold;
    map.units = changes.grid.units;
    map.criteria = criteria;
    map.classes.resize(map.width * map.height, Robustness::Missing);
    for (std::size_t i = 0; i < map.classes.size(); ++i) {
        int count = 0;
        int signal = 0;
        int positive = 0;
        int negative = 0;
        for (const auto& member : changes.members) {
            const float change = member[i];
            if (!std::isfinite(change)) {
                continue;
            }
            ++count;
            signal += std::abs(change) > variabilityThreshold ? 1 : 0;
            positive += change > 0.0f ? 1 : 0;
            negative += change < 0.0f ? 1 : 0;
        }
        if (count > 0) {
            map.classes[i] = classifyRobustness(
                double(signal) / count, double(std::max(positive, negative)) / count, criteria);
        }
    }
    return map;
}

RobustnessMap classifyFractions(const data::FieldSlice& fractionWithSignal,
                                const data::FieldSlice& fractionAgreeingOnSign,
                                const RobustnessCriteria& criteria) {
    if (fractionWithSignal.width != fractionAgreeingOnSign.width ||
        fractionWithSignal.height != fractionAgreeingOnSign.height) {
        throw std::invalid_argument("signal fraction '" + fractionWithSignal.variable +
                                    "' and sign agreement '" + fractionAgreeingOnSign.variable +
                                    "' are not on the same grid");
    }
    RobustnessMap map;
    map.width = fractionWithSignal.width;
    map.height = fractionWithSignal.height;
    map.criteria = criteria;
    map.classes.resize(map.width * map.height);
    for (std::size_t i = 0; i < map.classes.size(); ++i) {
        map.classes[i] = classifyRobustness(fractionWithSignal.values[i],
                                            fractionAgreeingOnSign.values[i], criteria);
    }
    return map;
}

vtkSmartPointer<vtkPolyData> buildHatchLines(const RobustnessMap& robustness,
                                             const data::FieldSlice& grid,
                                             const MapProjection& projection,
                                             const WorldRect& visible, double worldPerPixel,
                                             double spacingPixels, double depth) {
    if (robustness.width != grid.width || robustness.height != grid.height) {
        throw std::invalid_argument(
            "the robustness classes (" + std::to_string(robustness.width) + "x" +
            std::to_string(robustness.height) + ") do not match the field's grid (" +
            std::to_string(grid.width) + "x" + std::to_string(grid.height) + ")");
    }
    vtkNew<vtkPoints> points;
    points->SetDataTypeToDouble();
    vtkNew<vtkCellArray> lines;
    auto data = vtkSmartPointer<vtkPolyData>::New();
    data->SetPoints(points);
    data->SetLines(lines);
    const double width = visible.xMax - visible.xMin;
    const double height = visible.yMax - visible.yMin;
    if (!(worldPerPixel > 0.0) || !(width > 0.0) || !(height > 0.0) || grid.width == 0) {
        return data;
    }
    const double spacing = spacingPixels * worldPerPixel;
    const double step = 0.5 * worldPerPixel;
    // Lines are anchored to multiples of the spacing in the plane, so panning slides the
    // pattern with the map instead of making it crawl.
    const auto classAt = [&](double x, double y) {
        const auto geo = projection.inverse({x, y});
        if (!geo) {
            return Robustness::Missing;
        }
        const auto cell = fieldCellAt(grid, *geo);
        return cell ? robustness.at(cell->column, cell->row) : Robustness::Missing;
    };
    for (const bool backslash : {false, true}) {
        // "/" lines: y - x = c; "\" lines: y + x = c. c runs over the visible rectangle.
        const double cLow = backslash ? visible.xMin + visible.yMin : visible.yMin - visible.xMax;
        const double cHigh = backslash ? visible.xMax + visible.yMax : visible.yMax - visible.xMin;
        for (double c = std::floor(cLow / spacing) * spacing; c <= cHigh; c += spacing) {
            // Walk x across the part of the line inside the rectangle.
            double xStart = visible.xMin;
            double xEnd = visible.xMax;
            const auto yOf = [&](double x) { return backslash ? c - x : c + x; };
            const auto xOf = [&](double y) { return backslash ? c - y : y - c; };
            const double xAtBottom = xOf(visible.yMin);
            const double xAtTop = xOf(visible.yMax);
            xStart = std::max(xStart, std::min(xAtBottom, xAtTop));
            xEnd = std::min(xEnd, std::max(xAtBottom, xAtTop));
            if (xEnd <= xStart) {
                continue;
            }
            // Steps along x of step / sqrt(2) give steps of `step` along the line.
            const double dx = step / std::sqrt(2.0);
            double runStart = 0.0;
            bool inRun = false;
            for (double x = xStart;; x += dx) {
                const bool last = x >= xEnd;
                const double xClamped = std::min(x, xEnd);
                const bool hatched =
                    !last && hatchedBy(classAt(xClamped, yOf(xClamped)), backslash);
                if (hatched && !inRun) {
                    runStart = std::max(xStart, xClamped - 0.5 * dx);
                    inRun = true;
                } else if (!hatched && inRun) {
                    const double runEnd = std::min(xEnd, xClamped - 0.5 * dx);
                    const vtkIdType ids[2] = {
                        points->InsertNextPoint(runStart, yOf(runStart), depth),
                        points->InsertNextPoint(runEnd, yOf(runEnd), depth)};
                    lines->InsertNextCell(2, ids);
                    inRun = false;
                }
                if (last) {
                    break;
                }
            }
        }
    }
    data->Modified();
    return data;
}

QStringList hatchingLegendLines(const RobustnessMap& robustness) {
    if (!robustness.legend.isEmpty()) {
        return robustness.legend;
    }
    const QString signal = percent(robustness.criteria.signalFraction);
    const QString sign = percent(robustness.criteria.signAgreement);
    QString threshold = QString::number(robustness.threshold, 'g', 4);
    if (!robustness.units.empty()) {
        threshold += QLatin1Char(' ') + QString::fromStdString(robustness.units);
    }
    // Short lines: the key sits in the narrow column right of the map.
    return {QStringLiteral("Hatching: IPCC AR6 approach B"),
            robustness.members > 0
                ? QStringLiteral("(ensemble of %1 members)").arg(robustness.members)
                : QStringLiteral("(from agreement fractions)"),
            QStringLiteral("/ no robust signal: < %1 of members").arg(signal),
            QStringLiteral("   show change > %1").arg(threshold),
            QStringLiteral("x conflicting signals: >= %1 show").arg(signal),
            QStringLiteral("   change, < %1 agree on sign").arg(sign),
            QStringLiteral("no hatching: robust signal")};
}

QString hatchingCaption(const RobustnessMap& robustness) {
    if (!robustness.legend.isEmpty()) {
        return robustness.legend.join(QLatin1Char(' '));
    }
    QString threshold = QString::number(robustness.threshold, 'g', 4);
    if (!robustness.units.empty()) {
        threshold += QLatin1Char(' ') + QString::fromStdString(robustness.units);
    }
    return QStringLiteral("Hatching: ensemble robustness (IPCC AR6 approach B%1): / fewer than "
                          "%2 of members show change > %3; x conflicting signs (< %4 agree)")
        .arg(robustness.members > 0 ? QStringLiteral(", %1 members").arg(robustness.members)
                                    : QString(),
             percent(robustness.criteria.signalFraction), threshold,
             percent(robustness.criteria.signAgreement));
}

} // namespace twins::viz
