#include "twinbench/viz/ColorBarItem.h"

#include "twinbench/viz/ChartLayout.h"

#include <vtkAxis.h>
#include <vtkBrush.h>
#include <vtkContext2D.h>
#include <vtkDoubleArray.h>
#include <vtkImageData.h>
#include <vtkObjectFactory.h>
#include <vtkPen.h>
#include <vtkScalarsToColors.h>

#include <algorithm>
#include <cmath>

namespace twins::viz {

vtkStandardNewMacro(ColorBarItem);

namespace {
constexpr int barSamples = 256;
}

ColorBarItem::ColorBarItem() {
    m_axis->SetPosition(vtkAxis::RIGHT);
    m_axis->SetGridVisible(false);
    m_axis->SetBehavior(vtkAxis::FIXED);
    styleAxis(m_axis, QString());
}

ColorBarItem::~ColorBarItem() = default;

void ColorBarItem::setColors(vtkScalarsToColors* table, const ColorRange& range) {
    m_table = table;
    m_range = range;
    const bool log = range.scale == ColorScale::Logarithmic && range.minimum > 0.0;
    m_axis->SetLogScale(log);
    m_axis->SetUnscaledRange(range.minimum, range.maximum);
    if (log) {
        // Decades only (every second or third one on a long range): VTK's own log ticks label
        // 1, 2 and 5 of each decade, which crowds a short bar.
        const int first = static_cast<int>(std::ceil(std::log10(range.minimum) - 1e-9));
        const int last = static_cast<int>(std::floor(std::log10(range.maximum) + 1e-9));
        const int stride = std::max(1, (last - first) / 5 + 1);
        vtkNew<vtkDoubleArray> positions;
        for (int decade = first; decade <= last; decade += stride) {
            positions->InsertNextValue(decade); // a log axis places ticks in log10 units
        }
        m_axis->SetCustomTickPositions(positions);
    } else {
        setRoundTicks(m_axis, range.minimum, range.maximum, 6);
    }
    m_imageTime = 0;
    Modified();
}

void ColorBarItem::setTitle(const QString& title) {
    m_axis->SetTitle(title.toUtf8().constData());
    Modified();
}

void ColorBarItem::updateImage() {
    if (m_table == nullptr || (m_imageTime >= m_table->GetMTime() && m_imageTime >= GetMTime())) {
        return;
    }
    // One column of samples at the centres of 256 equal steps of the bar, in the bar's own
    // spacing (log10 for a log range), so the bar reads like its axis.
    const bool log = m_axis->GetLogScale();
    const double low = log ? std::log10(m_range.minimum) : m_range.minimum;
    const double high = log ? std::log10(m_range.maximum) : m_range.maximum;
    double values[barSamples];
    for (int i = 0; i < barSamples; ++i) {
        const double t = low + (high - low) * (i + 0.5) / barSamples;
        values[i] = log ? std::pow(10.0, t) : t;
    }
    m_image->SetExtent(0, 0, 0, barSamples - 1, 0, 0);
    m_image->AllocateScalars(VTK_UNSIGNED_CHAR, 4);
    m_table->MapScalarsThroughTable2(values,
                                     static_cast<unsigned char*>(m_image->GetScalarPointer()),
                                     VTK_DOUBLE, barSamples, 1, VTK_RGBA);
    // Opaque whatever the table's alpha: the bar shows colours, not opacity.
    auto* pixels = static_cast<unsigned char*>(m_image->GetScalarPointer());
    for (int i = 0; i < barSamples; ++i) {
        pixels[4 * i + 3] = 255;
    }
    m_image->Modified();
    m_imageTime = std::max(m_table->GetMTime(), GetMTime());
}

bool ColorBarItem::Paint(vtkContext2D* painter) {
    if (m_table == nullptr || m_rect.GetWidth() <= 0.0f || m_rect.GetHeight() <= 0.0f) {
        return true;
    }
    // The axis is drawn by this item, not added to the scene as a child; it still needs the
    // scene for the window's tile scaling.
    m_axis->SetScene(GetScene());
    updateImage();
    painter->DrawImage(m_rect, m_image);
    painter->GetPen()->SetColor(40, 40, 40);
    painter->GetPen()->SetWidth(1.0f);
    painter->GetBrush()->SetColor(0, 0, 0, 0);
    painter->DrawRect(m_rect.GetX(), m_rect.GetY(), m_rect.GetWidth(), m_rect.GetHeight());
    const float right = m_rect.GetX() + m_rect.GetWidth();
    m_axis->SetPoint1(right, m_rect.GetY());
    m_axis->SetPoint2(right, m_rect.GetY() + m_rect.GetHeight());
    m_axis->Update();
    m_axis->Paint(painter);
    return true;
}

} // namespace twins::viz
