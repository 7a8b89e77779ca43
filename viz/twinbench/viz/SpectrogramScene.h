#pragma once

#include "twinbench/viz/ChartLayout.h"
#include "twinbench/viz/ColorBarItem.h"
#include "twinbench/viz/ColorRange.h"

#include <QImage>
#include <QPointF>
#include <QSize>
#include <QString>

#include <vtkChartXY.h>
#include <vtkContextActor.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkRenderer.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

class vtkImageData;
class vtkPlotHistogram2D;

namespace twins::viz {

class SpectrogramError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// A (time or phase) x frequency array, e.g. a pulsar's folded frames or a filterbank dynamic
// spectrum. Plain numbers, so the view does not depend on any plugin.
struct SpectrogramData {
    // values[channel * bins + bin]; NaN marks a flagged (e.g. RFI-masked) sample.
    std::vector<float> values;
    int bins = 0;                // along time or phase
    int channels = 0;            // along frequency
    double binStart = 0.0;       // left edge of bin 0
    double binStep = 1.0;        // bin width (> 0)
    double frequencyStart = 0.0; // edge of channel 0 (its lower edge if the step is positive)
    double frequencyStep = 1.0;  // channel width; negative for descending channels
    QString binName = QStringLiteral("Time");
    QString binUnits = QStringLiteral("s"); // "" for phase in rotations
    QString frequencyName = QStringLiteral("Frequency");
    QString frequencyUnits = QStringLiteral("MHz");
    QString valueName = QStringLiteral("Intensity");
    QString valueUnits;
    QString title;
    // An optional overlay of the same layout (mask[channel * bins + bin]): samples where it is
    // non-zero (e.g. a classifier's predicted pulse or RFI mask) are shaded over the waterfall,
    // and the title says what the shading is (maskName).
    std::vector<std::uint8_t> mask;
    QString maskName;
};

// How the values are coloured: a named colour map (ColorMap.h) over a linear or log range
// chosen from the data unless given.
struct SpectrogramStyle {
    QString colorMap = QStringLiteral("viridis");
    ColorScale scale = ColorScale::Linear;
    std::optional<std::pair<double, double>> range;
};

// Checks sizes, steps and that something is finite; throws SpectrogramError saying what.
void validateSpectrogram(const SpectrogramData& data);

// Mean over bins of each channel (the band, or bandpass) and mean over channels of each bin
// (the profile or light curve), ignoring NaN; NaN where everything is flagged.
std::vector<double> bandMeans(const SpectrogramData& data);
std::vector<double> binMeans(const SpectrogramData& data);

// The waterfall figure in one vtkRenderer (VTK charts in a vtkContextActor): the image with
// time/phase along x and frequency along y, its axes with units; beside it on the right the
// band (mean over time/phase per channel, sharing the frequency axis); under it the profile
// (mean over frequency per bin, sharing the x axis); a colour bar with the value's name and
// units; the title on top.
class SpectrogramScene {
public:
    // Throws SpectrogramError (bad data) or ColorRangeError (e.g. log without positives).
    SpectrogramScene(const SpectrogramData& data, const SpectrogramStyle& style = {});
    ~SpectrogramScene();
    SpectrogramScene(const SpectrogramScene&) = delete;
    SpectrogramScene& operator=(const SpectrogramScene&) = delete;

    const SpectrogramData& data() const { return m_data; }
    const SpectrogramStyle& style() const { return m_style; }
    ColorRange colorRange() const { return m_range; }
    vtkRenderer* renderer() const { return m_renderer; }
    vtkLookupTable* lookupTable() const { return m_lookupTable; }

    enum class Panel { Waterfall, Band, Profile };
    // Scene pixel (origin bottom-left) of a data point of a panel as of the last render:
    // Waterfall (bin coordinate, frequency), Band (mean, frequency), Profile (bin, mean).
    std::optional<QPointF> scenePointOf(Panel panel, double x, double y) const;
    vtkChartXY* chart(Panel panel) const;
    // What the waterfall shows at a scene pixel (origin bottom-left) as of the last render:
    // "phase 100 degree, frequency 0.6 GHz: 6 K (in the mask)"; empty outside the waterfall.
    QString describeScenePoint(QPointF scenePoint) const;

    static constexpr QSize designSize{700, 500};
    QImage renderImage(QSize size) const;
    void writeVector(const QString& path, QSize size) const;

private:
    void buildWaterfall();
    void buildMaskOverlay();
    void buildBand();
    void buildProfile();
    double frequencyLow() const;
    double frequencyHigh() const;
    double binHigh() const;

    SpectrogramData m_data;
    SpectrogramStyle m_style;
    ColorRange m_range;
    vtkNew<vtkRenderer> m_renderer;
    vtkNew<vtkContextActor> m_actor;
    vtkNew<ChartLayout> m_layout;
    vtkNew<vtkChartXY> m_waterfall;
    vtkNew<vtkChartXY> m_band;
    vtkNew<vtkChartXY> m_profile;
    vtkNew<ColorBarItem> m_colorBar;
    vtkNew<vtkLookupTable> m_lookupTable;
    vtkNew<vtkImageData> m_image;
    vtkNew<vtkImageData> m_maskImage;
    vtkNew<vtkLookupTable> m_maskColors;
};

} // namespace twins::viz
