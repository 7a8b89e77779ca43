#include "twinbench/viz/VsupLegend.h"

#include <QStringList>

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkCoordinate.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace twins::viz {

namespace {
// Half the fan's opening angle: 30 degrees keeps the fan narrow enough for the right column.
constexpr double halfAngle = std::numbers::pi / 6.0;

vtkSmartPointer<vtkTextActor> label(const QString& text, double x, double y, int size,
                                    int justification, int vertical) {
    auto actor = vtkSmartPointer<vtkTextActor>::New();
    actor->SetInput(text.toUtf8().constData());
    vtkTextProperty* property = actor->GetTextProperty();
    property->SetColor(0.1, 0.1, 0.1);
    property->SetFontFamilyToArial();
    property->SetFontSize(size);
    property->ShadowOff();
    property->BoldOff();
    property->SetJustification(justification);
    property->SetVerticalJustification(vertical);
    actor->GetPositionCoordinate()->SetCoordinateSystemToViewport();
    actor->GetPositionCoordinate()->SetValue(x, y);
    return actor;
}

QString number(double value) {
    return QString::number(value, 'g', 4);
}

// Arial's mean advance is about 0.55 em: enough to keep a label inside the legend's box
// without measuring it through a render window (the legend is built before one exists).
double estimatedWidth(const QString& line, int size) {
    return 0.55 * size * line.size();
}

// Words wrapped into lines of at most `width` pixels at `size` (a word longer than that keeps
// its own line), so a long title stays in the legend's column instead of running off the
// cell's edge.
QString wrapped(const QString& text, double width, int size) {
    QStringList lines;
    for (const QString& paragraph : text.split(u'\n')) {
        QString line;
        for (const QString& word : paragraph.split(u' ', Qt::SkipEmptyParts)) {
            const QString longer = line.isEmpty() ? word : line + u' ' + word;
            if (!line.isEmpty() && estimatedWidth(longer, size) > width) {
                lines << line;
                line = word;
            } else {
                line = longer;
            }
        }
        lines << line;
    }
    return lines.join(u'\n');
}

// A centred label's x, moved so its widest line stays inside [left, right].
double centredInside(const QString& text, double x, int size, double left, double right) {
    double widest = 0.0;
    for (const QString& line : text.split(u'\n')) {
        widest = std::max(widest, estimatedWidth(line, size));
    }
    const double half = 0.5 * widest;
    return right - left < widest ? 0.5 * (left + right) : std::clamp(x, left + half, right - half);
}
} // namespace

std::vector<vtkSmartPointer<vtkProp>>
buildVsupLegend(const VsupPalette& palette, const VsupRanges& ranges, const QString& valueTitle,
                const QString& uncertaintyTitle, const LegendBox& box) {
    const double s = box.scale;
    const double textRoom = 28.0 * s; // above the arc for value labels and title
    // The fan's radius fills the box's width (fan width = 2 R sin(half)) or its height.
    const double radius =
        std::max(10.0, std::min((box.width - 50.0 * s) / (2.0 * std::sin(halfAngle)),
                                box.height - 2.0 * textRoom - 30.0 * s));
    const double centreX = box.left + 0.5 * box.width - 15.0 * s;
    // Centred vertically in the box: text below the apex, the fan, value labels and title.
    const double used = 34.0 * s + radius + textRoom + 16.0 * s;
    const double apexY = box.bottom + 34.0 * s + std::max(0.0, 0.5 * (box.height - used));
    const int levels = palette.levels();

    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> polygons;
    vtkNew<vtkUnsignedCharArray> colours;
    colours->SetNumberOfComponents(3);
    colours->SetName("vsup");
    const auto at = [&](double r, double t) {
        // t = 0 at the left end of the arc, 1 at the right end.
        const double angle = std::numbers::pi / 2.0 + halfAngle - 2.0 * halfAngle * t;
        return std::array<double, 2>{centreX + r * std::cos(angle), apexY + r * std::sin(angle)};
    };
    for (int level = 0; level < levels; ++level) {
        // Level 0 (certain) is the outer ring, the top level the wedge's tip.
        const double outer = radius * (levels - level) / levels;
        const double inner = radius * (levels - level - 1) / levels;
        const int bins = palette.binsAtLevel(level);
        const int steps = std::max(2, 48 / bins);
        for (int bin = 0; bin < bins; ++bin) {
            std::vector<vtkIdType> ids;
            for (int k = 0; k <= steps; ++k) {
                const auto p = at(outer, (bin + double(k) / steps) / bins);
                ids.push_back(points->InsertNextPoint(p[0], p[1], 0.0));
            }
            if (inner > 0.0) {
                for (int k = steps; k >= 0; --k) {
                    const auto p = at(inner, (bin + double(k) / steps) / bins);
                    ids.push_back(points->InsertNextPoint(p[0], p[1], 0.0));
                }
            } else {
                ids.push_back(points->InsertNextPoint(centreX, apexY, 0.0));
            }
            polygons->InsertNextCell(static_cast<vtkIdType>(ids.size()), ids.data());
            const QColor colour = palette.color(level, bin);
            colours->InsertNextTuple3(colour.red(), colour.green(), colour.blue());
        }
    }
    vtkNew<vtkPolyData> wedge;
    wedge->SetPoints(points);
    wedge->SetPolys(polygons);
    wedge->GetCellData()->SetScalars(colours);
    vtkNew<vtkPolyDataMapper2D> mapper;
    mapper->SetInputData(wedge);
    mapper->SetScalarModeToUseCellData();
    mapper->SetColorModeToDirectScalars();
    mapper->ScalarVisibilityOn();
    auto wedgeActor = vtkSmartPointer<vtkActor2D>::New();
    wedgeActor->SetMapper(mapper);
    wedgeActor->PickableOff();

    std::vector<vtkSmartPointer<vtkProp>> props{wedgeActor};
    const int small = 10;
    // Value labels above the arc (minimum, middle, maximum), centred so the maximum stays
    // clear of the uncertainty labels that start at the arc's right end.
    for (const double t : {0.0, 0.5, 1.0}) {
        const auto p = at(radius + 4.0 * s, t);
        const double value = ranges.valueMinimum + t * (ranges.valueMaximum - ranges.valueMinimum);
        props.push_back(
            label(number(value), p[0], p[1] + 10.0 * s, small, VTK_TEXT_CENTERED, VTK_TEXT_BOTTOM));
    }
    const double boxRight = box.left + box.width;
    const QString valueText = wrapped(valueTitle, box.width, 11);
    props.push_back(label(valueText, centredInside(valueText, centreX, 11, box.left, boxRight),
                          apexY + radius + textRoom, 11, VTK_TEXT_CENTERED, VTK_TEXT_BOTTOM));
    // Uncertainty labels at the ring boundaries along the right edge.
    for (int k = 0; k <= levels; ++k) {
        const double r = radius * (levels - k) / levels;
        const auto p = at(r, 1.0);
        const double u = ranges.uncertaintyMinimum +
                         (ranges.uncertaintyMaximum - ranges.uncertaintyMinimum) * k / levels;
        props.push_back(
            label(number(u), p[0] + 6.0 * s, p[1], small, VTK_TEXT_LEFT, VTK_TEXT_CENTERED));
    }
    const QString uncertaintyText = wrapped(
        uncertaintyTitle + QStringLiteral("\n(towards the tip: more uncertain)"), box.width, small);
    props.push_back(label(uncertaintyText,
                          centredInside(uncertaintyText, centreX, small, box.left, boxRight),
                          apexY - 8.0 * s, small, VTK_TEXT_CENTERED, VTK_TEXT_TOP));
    return props;
}

} // namespace twins::viz
